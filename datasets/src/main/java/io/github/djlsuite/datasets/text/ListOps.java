package io.github.djlsuite.datasets.text;

import io.github.djlsuite.datasets.Splits;
import io.github.djlsuite.datasets.TextFile;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import io.github.djlsuite.datasets.DataFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * ListOps (Nangia &amp; Bowman 2018 format) from {@code shared/datasets/listops/test_d20s.tsv.gz}: 10,000 nested
 * list-operation expressions, each labelled with its value 0–9 (10-way classification).
 *
 * <p><b>Caveat</b> (also {@link #caveat()}): this is only the depth-20 <em>test</em> file, taken from the student
 * repository YASSIRFRI/lra_listops and not compared with the original release; the training file is missing. It
 * is <em>not</em> the Long Range Arena ListOps (Tay et al. 2021). Split it with {@link #split(double, long)} for a
 * self-contained experiment; results are not comparable with published ListOps or LRA numbers.
 *
 * <p>Format: TSV, header {@code Target\tSource}, then rows {@code <digit>\t<tokens separated by single spaces>}.
 * The 17 tokens are {@code 0}–{@code 9}, {@code [MAX [MIN [MED [SM}, {@code ]} and the tree-structure parentheses
 * {@code ( )}. Every row is checked: field count, label, tokens, balanced brackets and parentheses, and that the
 * expression evaluates to the label ({@code [MED} = {@code int(numpy.median)}, i.e. the floor of the mean of the
 * two middle values for an even count; {@code [SM} = sum mod 10). {@link #load(Path)} also checks the published
 * row count and class counts. Every failure is a {@link DataFormatException} naming the file and line (header =
 * line 1).
 *
 * <p>Vocabulary ids ({@link #VOCAB}): 0 = {@code <pad>}, 1–10 = {@code 0}–{@code 9}, 11–14 = operators,
 * 15 = {@code ]}, 16 = {@code (}, 17 = {@code )}.
 */
public final class ListOps {

    /** The token vocabulary; a token's id is its index. Id 0 is padding. */
    public static final List<String> VOCAB = List.of("<pad>", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
            "[MAX", "[MIN", "[MED", "[SM", "]", "(", ")");
    /** Id of the padding token. */
    public static final int PAD = 0;
    /** The file name inside the listops folder. */
    public static final String FILE = "test_d20s.tsv.gz";
    /** Published number of rows. */
    public static final int PUBLISHED_ROWS = 10_000;
    /** Published per-label counts, labels 0–9. */
    private static final int[] PUBLISHED_COUNTS = {1127, 1038, 967, 978, 991, 969, 895, 930, 964, 1141};

    private static final String CAVEAT = "ListOps test file only (depth 20, 10,000 rows) from the student repository "
            + "YASSIRFRI/lra_listops, not verified against the original Nangia & Bowman release; the training file is "
            + "missing. This is NOT the Long Range Arena ListOps (Tay et al. 2021). Split it with a seeded split; "
            + "results are not comparable with published ListOps or LRA numbers.";

    private static final Map<String, Integer> IDS = new HashMap<>();

    static {
        for (int i = 0; i < VOCAB.size(); i++) {
            IDS.put(VOCAB.get(i), i);
        }
    }

    private final Path file;
    private final int[] labels;
    private final List<int[]> sequences;

    private ListOps(Path file, int[] labels, List<int[]> sequences) {
        this.file = file;
        this.labels = labels;
        this.sequences = sequences;
    }

    /**
     * Loads {@code test_d20s.tsv.gz} and checks the published facts (10,000 rows, label counts).
     *
     * @param dir the {@code listops} folder
     * @return the examples
     * @throws DataFormatException if the file is malformed or disagrees with the published facts
     * @throws IOException         if it is missing or unreadable
     */
    public static ListOps load(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        ListOps l = read(f);
        if (l.size() != PUBLISHED_ROWS) {
            throw new DataFormatException(f, "line " + (l.size() + 1), "file has " + l.size() + " rows, published "
                    + PUBLISHED_ROWS + ": truncated or padded");
        }
        if (!Arrays.equals(l.classCounts(), PUBLISHED_COUNTS)) {
            throw new DataFormatException(f, "whole file", "label counts " + Arrays.toString(l.classCounts())
                    + " differ from the published " + Arrays.toString(PUBLISHED_COUNTS));
        }
        return l;
    }

    /**
     * Reads any ListOps TSV file (gzip if the name ends in {@code .gz}), without published-count checks.
     *
     * @param file the file
     * @return the examples
     * @throws DataFormatException if the file is malformed
     * @throws IOException         if it is missing or unreadable
     */
    public static ListOps read(Path file) throws IOException {
        List<String> lines = TextFile.lines(file, TextFile.readAll(file));
        if (lines.isEmpty() || !lines.get(0).equals("Target\tSource")) {
            throw new DataFormatException(file, "line 1", "header must be 'Target\\tSource', got '"
                    + (lines.isEmpty() ? "" : lines.get(0)) + "'");
        }
        int n = lines.size() - 1;
        int[] labels = new int[n];
        List<int[]> seqs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int lineNo = i + 2;
            String row = lines.get(i + 1);
            int tab = row.indexOf('\t');
            if (tab < 0 || row.indexOf('\t', tab + 1) >= 0) {
                throw new DataFormatException(file, "line " + lineNo, "expected 2 tab-separated fields (Target, Source)");
            }
            String t = row.substring(0, tab);
            if (t.length() != 1 || t.charAt(0) < '0' || t.charAt(0) > '9') {
                throw new DataFormatException(file, "line " + lineNo, "target '" + t + "' is not a digit 0-9");
            }
            labels[i] = t.charAt(0) - '0';
            String src = row.substring(tab + 1);
            String[] toks = src.split(" ", -1);
            int[] ids = new int[toks.length];
            for (int k = 0; k < toks.length; k++) {
                Integer id = IDS.get(toks[k]);
                if (id == null || id == PAD) {
                    throw new DataFormatException(file, "line " + lineNo + ", token " + (k + 1), "'" + toks[k]
                            + "' is not one of the 17 ListOps tokens");
                }
                ids[k] = id;
            }
            int value = evaluate(file, lineNo, ids);
            if (value != labels[i]) {
                throw new DataFormatException(file, "line " + lineNo, "expression evaluates to " + value
                        + " but the target is " + labels[i]);
            }
            seqs.add(ids);
        }
        return new ListOps(file, labels, seqs);
    }

    /** Evaluates an expression (ignoring parentheses), checking its structure. */
    private static int evaluate(Path file, int lineNo, int[] ids) throws DataFormatException {
        Deque<List<Integer>> stack = new ArrayDeque<>();
        List<Integer> top = new ArrayList<>();
        stack.push(top);
        int parens = 0;
        for (int k = 0; k < ids.length; k++) {
            int id = ids[k];
            if (id == 16) {
                parens++;
            } else if (id == 17) {
                if (--parens < 0) {
                    throw new DataFormatException(file, "line " + lineNo + ", token " + (k + 1), "unbalanced ')'");
                }
            } else if (id >= 11 && id <= 14) {
                List<Integer> l = new ArrayList<>();
                l.add(-id); // operator marker
                stack.push(l);
            } else if (id == 15) {
                if (stack.size() < 2) {
                    throw new DataFormatException(file, "line " + lineNo + ", token " + (k + 1), "']' without an operator");
                }
                List<Integer> l = stack.pop();
                int op = -l.get(0);
                List<Integer> a = l.subList(1, l.size());
                if (a.isEmpty()) {
                    throw new DataFormatException(file, "line " + lineNo + ", token " + (k + 1), "operator with no arguments");
                }
                int v;
                switch (op) {
                    case 11 -> v = Collections.max(a);
                    case 12 -> v = Collections.min(a);
                    case 14 -> v = a.stream().mapToInt(Integer::intValue).sum() % 10;
                    default -> {
                        int[] s = a.stream().mapToInt(Integer::intValue).sorted().toArray();
                        int m = s.length / 2;
                        v = s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
                    }
                }
                stack.peek().add(v);
            } else {
                stack.peek().add(id - 1);
            }
        }
        if (stack.size() != 1 || parens != 0 || top.size() != 1) {
            throw new DataFormatException(file, "line " + lineNo, "malformed expression: unclosed operator or "
                    + "parenthesis, or not exactly one value");
        }
        return top.get(0);
    }

    /** The caveat about this copy: test file only, not verified, not the LRA release. @return the text */
    public String caveat() {
        return CAVEAT;
    }

    /** The file this was read from. @return the path */
    public Path file() {
        return file;
    }

    /** Number of examples. @return N */
    public int size() {
        return labels.length;
    }

    /** Label of example {@code i}. @param i the example @return 0–9 */
    public int label(int i) {
        return labels[i];
    }

    /** All labels (a copy). @return N labels */
    public int[] labels() {
        return labels.clone();
    }

    /** Examples per label 0–9. @return 10 counts */
    public int[] classCounts() {
        int[] c = new int[10];
        for (int y : labels) {
            c[y]++;
        }
        return c;
    }

    /**
     * Token ids of example {@code i}.
     *
     * @param i          the example
     * @param dropParens drop the structure parentheses (as LRA does for flat sequence models)
     * @return ids (a copy)
     */
    public int[] ids(int i, boolean dropParens) {
        int[] s = sequences.get(i);
        return dropParens ? Arrays.stream(s).filter(id -> id != 16 && id != 17).toArray() : s.clone();
    }

    /** The source text of example {@code i}, exactly as in the file. @param i the example @return the source */
    public String source(int i) {
        return decode(sequences.get(i));
    }

    /** Longest sequence. @param dropParens without parentheses @return the length in tokens */
    public int maxLength(boolean dropParens) {
        int m = 0;
        for (int i = 0; i < size(); i++) {
            m = Math.max(m, ids(i, dropParens).length);
        }
        return m;
    }

    /**
     * Tokenizes a source string (tokens separated by single spaces).
     *
     * @param source the source
     * @return token ids
     * @throws IllegalArgumentException for an unknown token
     */
    public static int[] encode(String source) {
        String[] toks = source.split(" ", -1);
        int[] ids = new int[toks.length];
        for (int k = 0; k < toks.length; k++) {
            Integer id = IDS.get(toks[k]);
            if (id == null || id == PAD) {
                throw new IllegalArgumentException("unknown ListOps token '" + toks[k] + "' at " + k);
            }
            ids[k] = id;
        }
        return ids;
    }

    /**
     * Turns ids back into a source string; padding ids are skipped.
     *
     * @param ids token ids
     * @return the tokens joined by single spaces
     */
    public static String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id == PAD) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(VOCAB.get(id));
        }
        return sb.toString();
    }

    /**
     * Padded token ids and mask.
     *
     * @param ids       N×L ids, row-major, padded with {@link #PAD}
     * @param mask      N×L: 1 for a real token, 0 for padding
     * @param lengths   N: real tokens per row (after truncation)
     * @param maxLength L
     * @param truncated how many rows were longer than L and cut to their first L tokens
     */
    public record Padded(int[] ids, float[] mask, int[] lengths, int maxLength, int truncated) {}

    /**
     * Pads (and, for longer rows, truncates to the first {@code maxLength} tokens) every example.
     *
     * @param maxLength  L, positive
     * @param dropParens drop the parentheses first
     * @return ids, mask and lengths
     */
    public Padded pad(int maxLength, boolean dropParens) {
        if (maxLength <= 0) {
            throw new IllegalArgumentException("maxLength must be > 0");
        }
        int n = size();
        int[] out = new int[n * maxLength];
        float[] mask = new float[n * maxLength];
        int[] lengths = new int[n];
        int cut = 0;
        for (int i = 0; i < n; i++) {
            int[] s = ids(i, dropParens);
            int len = Math.min(s.length, maxLength);
            if (s.length > maxLength) {
                cut++;
            }
            System.arraycopy(s, 0, out, i * maxLength, len);
            Arrays.fill(mask, i * maxLength, i * maxLength + len, 1f);
            lengths[i] = len;
        }
        return new Padded(out, mask, lengths, maxLength, cut);
    }

    /**
     * A new ListOps with the given examples, in the given order.
     *
     * @param rows example indices
     * @return the subset
     */
    public ListOps subset(int[] rows) {
        int[] l = new int[rows.length];
        List<int[]> s = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            l[i] = labels[Objects.checkIndex(rows[i], size())];
            s.add(sequences.get(rows[i]));
        }
        return new ListOps(file, l, s);
    }

    /**
     * A seeded, stratified split: {@code rnd = new Random(seed)}; for each label 0–9 in order, its example indices in
     * file order are shuffled with {@code rnd} and the first {@code Math.round(count * testFraction)} go to test;
     * both index arrays are returned sorted ascending.
     *
     * @param testFraction fraction in (0, 1)
     * @param seed         the seed
     * @return {@code {trainIndices, testIndices}}; use {@link #subset(int[])}
     */
    public int[][] split(double testFraction, long seed) {
        return Splits.stratified(labels, 10, testFraction, seed);
    }

    /**
     * A DJL dataset: data = (ids (N, L) int32, mask (N, L) float32), labels (N) float32.
     *
     * @param manager    creates (and owns) the arrays
     * @param maxLength  L (longer rows are truncated, see {@link #pad})
     * @param dropParens drop the parentheses
     * @param batchSize  batch size, clamped to N; positive
     * @param shuffle    random batch order
     * @return the dataset
     */
    public ArrayDataset toDataset(NDManager manager, int maxLength, boolean dropParens, int batchSize, boolean shuffle) {
        Objects.requireNonNull(manager, "manager");
        if (batchSize <= 0 || size() == 0) {
            throw new IllegalArgumentException("need batchSize > 0 and a non-empty set");
        }
        Padded p = pad(maxLength, dropParens);
        int n = size();
        NDArray ids = manager.create(p.ids(), new Shape(n, maxLength));
        NDArray mask = manager.create(p.mask(), new Shape(n, maxLength));
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels[i];
        }
        return new ArrayDataset.Builder()
                .setData(ids, mask)
                .optLabels(manager.create(y, new Shape(n)))
                .setSampling(Math.min(batchSize, n), shuffle)
                .build();
    }
}
