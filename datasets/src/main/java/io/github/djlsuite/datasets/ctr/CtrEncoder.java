package io.github.djlsuite.datasets.ctr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.djlsuite.datasets.ctr.CtrSchema.Field;
import io.github.djlsuite.datasets.ctr.CtrSchema.Role;
import io.github.djlsuite.datasets.ctr.CtrSchema.Transform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns raw CTR rows into the arrays of a {@link CtrLayout}, with vocabularies and statistics fitted on
 * the training rows only.
 *
 * <p><b>Fitting</b> ({@link #fit(CtrTable)}, training split only):
 * <ul>
 *   <li>one vocabulary per categorical field, per log/bucket numeric field and per sequence field
 *       without {@code share_vocab}; a sequence with {@code share_vocab = c} counts its items into c's
 *       vocabulary and uses it. Ids: {@link CtrLayout#PAD} = 0 (missing / padding), {@link CtrLayout#OOV}
 *       = 1 (unseen, or seen fewer than {@code min_count} times), known values from 2 in order of
 *       descending training count, ties by ascending value ({@link String#compareTo});</li>
 *   <li>{@code standard} numeric: mean μ and population standard deviation σ of the non-missing
 *       training values (σ = 1 when it is 0 or there are no values; μ = 0 with no values);
 *       {@code x → (x − μ)/σ}, missing → 0;</li>
 *   <li>{@code log} numeric: token {@code "ln2:" + floor(ln(v)²)} for v &gt; 2, else {@code "=" + v}
 *       (v printed as an integer when it is one). Unlike FuxiCTR's {@code convert_to_bucket}, small values
 *       and log buckets never share an id (FuxiCTR maps 1 and 3 to the same bucket 1);</li>
 *   <li>{@code bucket} numeric: edges {@code e_k = sorted[floor(k·n/B)]}, k = 1..B−1, of the n
 *       non-missing training values, duplicates dropped; token {@code "q" + #{k : e_k ≤ x}}.</li>
 * </ul>
 *
 * <p><b>Encoding</b> ({@link #encode(CtrTable)}, {@link #encode(Map)}): see {@link Encoded}. Sequences keep
 * their <em>last</em> {@code L_s} items (files list them oldest first), in order, right-padded with PAD;
 * an item never seen maps to OOV.
 *
 * <p><b>Serving.</b> {@link #save(Path)} / {@link #load(Path)} write and read the schema, the vocabularies
 * (values in id order, from id 2) and the statistics as JSON ({@code "format": "djl-suite-ctr-encoder/1"});
 * a loaded encoder gives identical encodings.
 */
public final class CtrEncoder {

    /** Format tag written into the JSON form. */
    public static final String FORMAT = "djl-suite-ctr-encoder/1";

    private final CtrSchema schema;
    private final Vocab[] vocab; // per field: its vocabulary (shared object for share_vocab), else null
    private final double[] mean; // per field, standard numeric
    private final double[] std;
    private final double[][] edges; // per field, bucket numeric
    private final int[] slot; // per field: index among categorical / numeric / sequence / label fields, -1 ignore
    private final CtrLayout layout;

    /** Values in id order from 2, and the reverse map. */
    private static final class Vocab {
        final List<String> values;
        final Map<String, Integer> ids = new HashMap<>();

        Vocab(List<String> values) {
            this.values = List.copyOf(values);
            for (int i = 0; i < values.size(); i++) {
                if (ids.put(values.get(i), i + 2) != null) {
                    throw new IllegalArgumentException("duplicate vocabulary value '" + values.get(i) + "'");
                }
            }
        }

        int id(String value) {
            return value == null ? CtrLayout.PAD : ids.getOrDefault(value, CtrLayout.OOV);
        }

        int size() {
            return values.size() + 2;
        }
    }

    private CtrEncoder(CtrSchema schema, Vocab[] vocab, double[] mean, double[] std, double[][] edges) {
        this.schema = schema;
        this.vocab = vocab;
        this.mean = mean;
        this.std = std;
        this.edges = edges;
        List<Field> fs = schema.fields();
        slot = new int[fs.size()];
        List<String> catNames = new ArrayList<>();
        List<Integer> catVocab = new ArrayList<>();
        List<String> numNames = new ArrayList<>();
        List<String> labelNames = new ArrayList<>();
        List<CtrLayout.Sequence> seqs = new ArrayList<>();
        int[] catSlotOfField = new int[fs.size()];
        for (int f = 0; f < fs.size(); f++) {
            Field fd = fs.get(f);
            if (fd.isCategoricalSlot()) {
                slot[f] = catNames.size();
                catSlotOfField[f] = slot[f];
                catNames.add(fd.name());
                catVocab.add(vocab[f].size());
            } else if (fd.isNumericSlot()) {
                slot[f] = numNames.size();
                numNames.add(fd.name());
            } else if (fd.role() == Role.LABEL) {
                slot[f] = labelNames.size();
                labelNames.add(fd.name());
            } else {
                slot[f] = -1;
            }
        }
        for (int f = 0; f < fs.size(); f++) {
            Field fd = fs.get(f);
            if (fd.role() == Role.SEQUENCE) {
                slot[f] = seqs.size();
                int shared = fd.shareVocab() == null ? -1
                        : catSlotOfField[fs.indexOf(schema.field(fd.shareVocab()))];
                seqs.add(new CtrLayout.Sequence(fd.name(), vocab[f].size(), fd.maxLength(), shared));
            }
        }
        layout = new CtrLayout(catNames, catVocab.stream().mapToInt(Integer::intValue).toArray(), numNames, seqs,
                labelNames);
    }

    /** Fits vocabularies and statistics on {@code train} (the training split only; class javadoc). */
    public static CtrEncoder fit(CtrTable train) {
        CtrSchema schema = train.schema();
        List<Field> fs = schema.fields();
        int nf = fs.size();
        double[] mean = new double[nf];
        double[] std = new double[nf];
        double[][] edges = new double[nf][];
        for (int f = 0; f < nf; f++) {
            Field fd = fs.get(f);
            if (fd.role() != Role.NUMERIC) {
                continue;
            }
            double[] v = train.rows().stream().map(r -> r[fieldIndex(fs, fd)]).filter(Objects::nonNull)
                    .mapToDouble(Double::parseDouble).toArray();
            if (fd.transform() == Transform.STANDARD) {
                double m = Arrays.stream(v).average().orElse(0);
                double var = Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElse(0);
                mean[f] = m;
                std[f] = var > 0 ? Math.sqrt(var) : 1;
            } else if (fd.transform() == Transform.BUCKET) {
                Arrays.sort(v);
                edges[f] = Arrays.stream(quantiles(v, fd.buckets())).distinct().toArray();
            }
        }
        // counts per vocabulary owner (a field, or the categorical field a sequence shares)
        int[] owner = new int[nf];
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int f = 0; f < nf; f++) {
            counts.add(new HashMap<>());
            Field fd = fs.get(f);
            owner[f] = fd.shareVocab() != null ? fs.indexOf(schema.field(fd.shareVocab())) : f;
        }
        for (String[] row : train.rows()) {
            for (int f = 0; f < nf; f++) {
                Field fd = fs.get(f);
                if (row[f] == null) {
                    continue;
                }
                Map<String, Integer> c = counts.get(owner[f]);
                if (fd.role() == Role.SEQUENCE) {
                    for (String item : CtrTable.items(row[f], fd.itemSeparator().charAt(0))) {
                        c.merge(item, 1, Integer::sum);
                    }
                } else if (fd.isCategoricalSlot()) {
                    c.merge(token(fd, row[f], edges[f]), 1, Integer::sum);
                }
            }
        }
        Vocab[] vocab = new Vocab[nf];
        for (int f = 0; f < nf; f++) {
            Field fd = fs.get(f);
            if (fd.isCategoricalSlot() || fd.role() == Role.SEQUENCE && fd.shareVocab() == null) {
                int min = fd.minCount();
                List<Map.Entry<String, Integer>> e = new ArrayList<>(counts.get(f).entrySet());
                e.removeIf(x -> x.getValue() < min);
                e.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                        : Integer.compare(b.getValue(), a.getValue()));
                vocab[f] = new Vocab(e.stream().map(Map.Entry::getKey).toList());
            }
        }
        for (int f = 0; f < nf; f++) {
            if (owner[f] != f) {
                vocab[f] = vocab[owner[f]];
            }
        }
        return new CtrEncoder(schema, vocab, mean, std, edges);
    }

    private static int fieldIndex(List<Field> fs, Field fd) {
        return fs.indexOf(fd);
    }

    private static double[] quantiles(double[] sorted, int buckets) {
        if (sorted.length == 0) {
            return new double[0];
        }
        double[] e = new double[buckets - 1];
        for (int k = 1; k < buckets; k++) {
            e[k - 1] = sorted[(int) Math.min(sorted.length - 1, (long) k * sorted.length / buckets)];
        }
        return e;
    }

    /** The vocabulary token of a (validated, non-null) value of a categorical-slot field. */
    private static String token(Field fd, String v, double[] edges) {
        if (fd.role() == Role.CATEGORICAL) {
            return v;
        }
        double x = Double.parseDouble(v);
        if (fd.transform() == Transform.LOG) {
            if (x > 2) {
                double l = Math.log(x);
                return "ln2:" + (long) Math.floor(l * l);
            }
            return "=" + (x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x));
        }
        int b = 0;
        while (b < edges.length && edges[b] <= x) {
            b++;
        }
        return "q" + b;
    }

    /** The schema this encoder follows. */
    public CtrSchema schema() {
        return schema;
    }

    /** The batch layout of the encoded arrays. */
    public CtrLayout layout() {
        return layout;
    }

    /** Known values of field {@code name} in id order from 2 (a sequence's shared vocabulary included). */
    public List<String> vocabulary(String name) {
        Vocab v = vocab[schema.fields().indexOf(schema.field(name))];
        if (v == null) {
            throw new IllegalArgumentException("field '" + name + "' has no vocabulary");
        }
        return v.values;
    }

    /** The id of raw value {@code value} of categorical or sequence field {@code name} (null → PAD). */
    public int id(String name, String value) {
        int f = schema.fields().indexOf(schema.field(name));
        Field fd = schema.fields().get(f);
        if (vocab[f] == null) {
            throw new IllegalArgumentException("field '" + name + "' has no vocabulary");
        }
        return value == null || fd.role() == Role.SEQUENCE ? vocab[f].id(value)
                : vocab[f].id(token(fd, value, edges[f]));
    }

    /** Training mean μ and standard deviation σ of a {@code standard} numeric field, as {@code {μ, σ}}. */
    public double[] statistics(String name) {
        int f = schema.fields().indexOf(schema.field(name));
        if (schema.fields().get(f).transform() != Transform.STANDARD) {
            throw new IllegalArgumentException("field '" + name + "' is not a standard numeric field");
        }
        return new double[] {mean[f], std[f]};
    }

    /** Encodes validated rows (all labels present). */
    public Encoded encode(CtrTable table) {
        if (!table.schema().equals(schema)) {
            throw new IllegalArgumentException("the table follows another schema than this encoder");
        }
        return encodeRows(table.rows());
    }

    /**
     * Encodes one raw row given by column name (as in the file, before trimming), for inference. A missing
     * key or empty value is a missing value; a missing label gives label NaN (serve with the data part only).
     *
     * @throws IllegalArgumentException naming the field for a bad value, or a key that is no column of the schema
     */
    public Encoded encode(Map<String, String> row) {
        return encode(List.of(row));
    }

    /** {@link #encode(Map)} for several rows. */
    public Encoded encode(List<Map<String, String>> rows) {
        List<Field> fs = schema.fields();
        Map<String, Integer> byColumn = new HashMap<>();
        for (int f = 0; f < fs.size(); f++) {
            byColumn.put(fs.get(f).column(), f);
        }
        List<String[]> values = new ArrayList<>(rows.size());
        for (Map<String, String> m : rows) {
            String[] r = new String[fs.size()];
            for (Map.Entry<String, String> e : m.entrySet()) {
                Integer f = byColumn.get(e.getKey());
                if (f == null) {
                    throw new IllegalArgumentException("'" + e.getKey() + "' is not a column of the schema");
                }
                String v = e.getValue() == null ? "" : e.getValue();
                v = schema.trim() ? v.strip() : v;
                r[f] = v.isEmpty() ? null : v;
            }
            for (int f = 0; f < fs.size(); f++) {
                if (fs.get(f).role() == Role.LABEL && r[f] == null) {
                    continue;
                }
                String problem = CtrTable.problem(fs.get(f), r[f]);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            }
            values.add(r);
        }
        return encodeRows(values);
    }

    private Encoded encodeRows(List<String[]> rows) {
        List<Field> fs = schema.fields();
        int b = rows.size();
        int c = layout.numCategorical();
        int n = layout.numNumeric();
        int t = layout.numTasks();
        int[] cat = new int[b * c];
        float[] num = new float[b * n];
        float[] lab = new float[b * t];
        List<int[]> seq = new ArrayList<>();
        for (CtrLayout.Sequence s : layout.sequences()) {
            seq.add(new int[b * s.maxLength()]);
        }
        for (int i = 0; i < b; i++) {
            String[] row = rows.get(i);
            for (int f = 0; f < fs.size(); f++) {
                Field fd = fs.get(f);
                String v = row[f];
                if (fd.isCategoricalSlot()) {
                    cat[i * c + slot[f]] = v == null ? CtrLayout.PAD : vocab[f].id(token(fd, v, edges[f]));
                } else if (fd.isNumericSlot()) {
                    float x = 0;
                    if (v != null) {
                        double d = Double.parseDouble(v);
                        x = (float) (fd.transform() == Transform.STANDARD ? (d - mean[f]) / std[f] : d);
                    }
                    num[i * n + slot[f]] = x;
                } else if (fd.role() == Role.SEQUENCE && v != null) {
                    int len = fd.maxLength();
                    List<String> items = CtrTable.items(v, fd.itemSeparator().charAt(0));
                    int from = Math.max(0, items.size() - len); // keep the most recent len items
                    int[] out = seq.get(slot[f]);
                    for (int k = from; k < items.size(); k++) {
                        out[i * len + k - from] = vocab[f].id(items.get(k));
                    }
                } else if (fd.role() == Role.LABEL) {
                    lab[i * t + slot[f]] = v == null ? Float.NaN : CtrTable.labelValue(fd, v);
                }
            }
        }
        return new Encoded(layout, b, cat, num, seq, lab);
    }

    // ---------------------------------------------------------------- JSON

    /** The JSON form: schema, vocabularies (values in id order from 2) and statistics. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.add("schema", schema.toJsonObject());
        JsonObject vocabs = new JsonObject();
        JsonObject stats = new JsonObject();
        JsonObject buckets = new JsonObject();
        List<Field> fs = schema.fields();
        for (int f = 0; f < fs.size(); f++) {
            Field fd = fs.get(f);
            if (vocab[f] != null && fd.shareVocab() == null) {
                JsonArray a = new JsonArray();
                vocab[f].values.forEach(a::add);
                vocabs.add(fd.name(), a);
            }
            if (fd.transform() == Transform.STANDARD) {
                JsonObject s = new JsonObject();
                s.addProperty("mean", mean[f]);
                s.addProperty("std", std[f]);
                stats.add(fd.name(), s);
            }
            if (fd.transform() == Transform.BUCKET) {
                JsonArray a = new JsonArray();
                Arrays.stream(edges[f]).forEach(a::add);
                buckets.add(fd.name(), a);
            }
        }
        o.add("vocabularies", vocabs);
        o.add("standard", stats);
        o.add("bucket_edges", buckets);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o);
    }

    /** Parses {@link #toJson()} output. */
    public static CtrEncoder fromJson(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        if (!o.has("format") || !FORMAT.equals(o.get("format").getAsString())) {
            throw new IllegalArgumentException("not a CTR encoder file (format should be '" + FORMAT + "')");
        }
        CtrSchema schema = CtrSchema.parse(o.get("schema").toString());
        List<Field> fs = schema.fields();
        Vocab[] vocab = new Vocab[fs.size()];
        double[] mean = new double[fs.size()];
        double[] std = new double[fs.size()];
        double[][] edges = new double[fs.size()][];
        JsonObject vocabs = o.getAsJsonObject("vocabularies");
        JsonObject stats = o.getAsJsonObject("standard");
        JsonObject buckets = o.getAsJsonObject("bucket_edges");
        for (int f = 0; f < fs.size(); f++) {
            Field fd = fs.get(f);
            if (fd.isCategoricalSlot() || fd.role() == Role.SEQUENCE && fd.shareVocab() == null) {
                JsonElement a = vocabs.get(fd.name());
                if (a == null) {
                    throw new IllegalArgumentException("field '" + fd.name() + "': no vocabulary in the encoder file");
                }
                List<String> values = new ArrayList<>();
                a.getAsJsonArray().forEach(x -> values.add(x.getAsString()));
                vocab[f] = new Vocab(values);
            }
            if (fd.transform() == Transform.STANDARD) {
                JsonObject s = stats.getAsJsonObject(fd.name());
                if (s == null) {
                    throw new IllegalArgumentException("field '" + fd.name() + "': no statistics in the encoder file");
                }
                mean[f] = s.get("mean").getAsDouble();
                std[f] = s.get("std").getAsDouble();
            }
            if (fd.transform() == Transform.BUCKET) {
                JsonElement a = buckets.get(fd.name());
                if (a == null) {
                    throw new IllegalArgumentException("field '" + fd.name() + "': no bucket edges in the encoder file");
                }
                List<Double> e = new ArrayList<>();
                a.getAsJsonArray().forEach(x -> e.add(x.getAsDouble()));
                edges[f] = e.stream().mapToDouble(Double::doubleValue).toArray();
            }
        }
        for (int f = 0; f < fs.size(); f++) {
            Field fd = fs.get(f);
            if (fd.shareVocab() != null) {
                vocab[f] = vocab[fs.indexOf(schema.field(fd.shareVocab()))];
            }
        }
        return new CtrEncoder(schema, vocab, mean, std, edges);
    }

    /** Writes {@link #toJson()} to {@code file} atomically (temporary file, then rename). */
    public void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a file written by {@link #save(Path)}. */
    public static CtrEncoder load(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new io.github.djlsuite.datasets.DataFormatException(file, "encoder", e.getMessage(), e);
        }
    }

    /**
     * Encoded rows in {@link CtrLayout} order, as host arrays (row-major).
     *
     * @param layout      the layout
     * @param size        B, the number of rows
     * @param categorical (B, C) ids
     * @param numeric     (B, N) normalised values
     * @param sequences   one (B, L_s) id array per sequence field, right-padded with PAD
     * @param labels      (B, T) 0/1 (NaN for a label missing from a served row)
     */
    public record Encoded(CtrLayout layout, int size, int[] categorical, float[] numeric, List<int[]> sequences,
            float[] labels) {

        /** Checks the lengths agree with the layout. */
        public Encoded {
            sequences = List.copyOf(sequences);
            if (categorical.length != size * layout.numCategorical() || numeric.length != size * layout.numNumeric()
                    || labels.length != size * layout.numTasks() || sequences.size() != layout.sequences().size()) {
                throw new IllegalArgumentException("array lengths do not match " + size + " rows of the layout");
            }
            for (int s = 0; s < sequences.size(); s++) {
                if (sequences.get(s).length != size * layout.sequences().get(s).maxLength()) {
                    throw new IllegalArgumentException("sequence " + s + " length does not match the layout");
                }
            }
        }

        /** Id of categorical field {@code f} in row {@code i}. */
        public int categorical(int i, int f) {
            return categorical[i * layout.numCategorical() + f];
        }

        /** The L_s ids of sequence {@code s} in row {@code i}. */
        public int[] sequence(int s, int i) {
            int len = layout.sequences().get(s).maxLength();
            return Arrays.copyOfRange(sequences.get(s), i * len, (i + 1) * len);
        }

        /** Label {@code task} of row {@code i}. */
        public float label(int i, int task) {
            return labels[i * layout.numTasks() + task];
        }

        /** Number of rows with label {@code task} = 1. */
        public int positives(int task) {
            int p = 0;
            for (int i = 0; i < size; i++) {
                p += label(i, task) == 1f ? 1 : 0;
            }
            return p;
        }

        /** The data NDList in {@link CtrLayout} order: categorical int32 (B, C), [numeric float32 (B, N)], sequences int32 (B, L_s). */
        public NDList toData(NDManager manager) {
            NDList l = new NDList();
            l.add(manager.create(categorical, new Shape(size, layout.numCategorical())));
            if (layout.numNumeric() > 0) {
                l.add(manager.create(numeric, new Shape(size, layout.numNumeric())));
            }
            for (int s = 0; s < sequences.size(); s++) {
                l.add(manager.create(sequences.get(s), new Shape(size, layout.sequences().get(s).maxLength())));
            }
            return l;
        }

        /** The label NDList: float32 (B, T). */
        public NDList toLabels(NDManager manager) {
            return new NDList(manager.create(labels, new Shape(size, layout.numTasks())));
        }

        /**
         * A DJL dataset over these rows (data as {@link #toData}, labels as {@link #toLabels}); works with
         * {@code trainer.iterateDataset} and {@code EasyTrain}. Batch size capped at B.
         */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            if (batchSize <= 0 || size == 0) {
                throw new IllegalArgumentException("batchSize must be > 0 and the set non-empty, got " + batchSize
                        + " and " + size + " rows");
            }
            NDList data = toData(manager);
            return new ArrayDataset.Builder()
                    .setData(data.toArray(new NDArray[0]))
                    .optLabels(toLabels(manager).singletonOrThrow())
                    .setSampling(Math.min(batchSize, size), shuffle)
                    .build();
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Encoded e) || size != e.size || !layout.equals(e.layout)
                    || !Arrays.equals(categorical, e.categorical) || !Arrays.equals(numeric, e.numeric)
                    || !Arrays.equals(labels, e.labels)) {
                return false;
            }
            for (int s = 0; s < sequences.size(); s++) {
                if (!Arrays.equals(sequences.get(s), e.sequences.get(s))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return Objects.hash(layout, size, Arrays.hashCode(categorical), Arrays.hashCode(numeric),
                    Arrays.hashCode(labels));
        }
    }
}
