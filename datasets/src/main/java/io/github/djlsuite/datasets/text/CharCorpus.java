package io.github.djlsuite.datasets.text;

import io.github.djlsuite.datasets.TextFile;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import io.github.djlsuite.datasets.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A character-level corpus: the text, its vocabulary (sorted unique characters, as nanoGPT's
 * {@code sorted(set(text))}), encode/decode, the nanoGPT 90/10 split and next-character windows.
 *
 * <p>{@link #tinyShakespeare(Path)} reads {@code input.txt.gz} from {@code shared/datasets/tiny-shakespeare/} and
 * checks it completely: ASCII with {@code \n} line ends and a final newline, every character in the published
 * 65-symbol vocabulary, 1,115,394 characters, 40,000 lines, and the published sha256. Every failure is a
 * {@link DataFormatException} naming the file and the byte (and line) position where it is known.
 *
 * <p><b>Split</b> (nanoGPT convention; the source defines none): train = characters {@code [0, n*9/10)}, val =
 * {@code [n*9/10, n)} (integer arithmetic; for tiny-shakespeare train = [0, 1,003,854), val = 111,540 chars).
 * There is no test set.
 */
public final class CharCorpus {

    /** The published sorted vocabulary of tiny-shakespeare (65 symbols). */
    public static final String SHAKESPEARE_VOCAB =
            "\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Published length of tiny-shakespeare in characters (= bytes). */
    public static final int SHAKESPEARE_LENGTH = 1_115_394;
    /** Published number of lines of tiny-shakespeare. */
    public static final int SHAKESPEARE_LINES = 40_000;
    /** Published sha256 of the decompressed {@code input.txt}. */
    public static final String SHAKESPEARE_SHA256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed";
    /** The file name inside the tiny-shakespeare folder. */
    public static final String SHAKESPEARE_FILE = "input.txt.gz";

    /** The two parts of the nanoGPT split. */
    public enum Split {
        /** First 90% of the characters. */
        TRAIN,
        /** Last 10% of the characters. */
        VAL
    }

    private final String text;
    private final String vocab;
    private final int[] index = new int[65536];
    private final int[] ids;

    private CharCorpus(String text) {
        this.text = text;
        TreeSet<Character> set = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            set.add(text.charAt(i));
        }
        StringBuilder sb = new StringBuilder(set.size());
        set.forEach(sb::append);
        this.vocab = sb.toString();
        java.util.Arrays.fill(index, -1);
        for (int i = 0; i < vocab.length(); i++) {
            index[vocab.charAt(i)] = i;
        }
        this.ids = encode(text);
    }

    /**
     * A corpus over any text; the vocabulary is the sorted set of its characters.
     *
     * @param text the text (non-empty)
     * @return the corpus
     */
    public static CharCorpus of(String text) {
        if (Objects.requireNonNull(text, "text").isEmpty()) {
            throw new IllegalArgumentException("empty text");
        }
        return new CharCorpus(text);
    }

    /**
     * Loads and fully checks tiny-shakespeare.
     *
     * @param dir the {@code tiny-shakespeare} folder holding {@code input.txt.gz}
     * @return the corpus (65 symbols, 1,115,394 characters)
     * @throws DataFormatException if the file is corrupt, truncated or differs from the published text
     * @throws IOException         if it is missing or unreadable
     */
    public static CharCorpus tinyShakespeare(Path dir) throws IOException {
        Path file = dir.resolve(SHAKESPEARE_FILE);
        byte[] bytes = TextFile.readAll(file);
        int line = 1;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b > 127 || SHAKESPEARE_VOCAB.indexOf(b) < 0) {
                throw new DataFormatException(file, "byte " + i + ", line " + line, String.format(
                        "byte 0x%02X is not in the published 65-symbol vocabulary", b));
            }
            if (b == '\n') {
                line++;
            }
        }
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            throw new DataFormatException(file, "byte " + bytes.length, "no final newline: the file is truncated");
        }
        if (bytes.length != SHAKESPEARE_LENGTH || line - 1 != SHAKESPEARE_LINES) {
            throw new DataFormatException(file, "byte " + bytes.length, "file has " + bytes.length + " characters in "
                    + (line - 1) + " lines; tiny-shakespeare has " + SHAKESPEARE_LENGTH + " in " + SHAKESPEARE_LINES);
        }
        String sha;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!sha.equals(SHAKESPEARE_SHA256)) {
            throw new DataFormatException(file, "whole file", "sha256 " + sha + " differs from the published "
                    + SHAKESPEARE_SHA256);
        }
        CharCorpus c = new CharCorpus(new String(bytes, StandardCharsets.US_ASCII));
        if (!c.vocab.equals(SHAKESPEARE_VOCAB)) {
            throw new DataFormatException(file, "whole file", "vocabulary differs from the published 65 symbols");
        }
        return c;
    }

    /** The whole text. */
    public String text() {
        return text;
    }

    /** Number of characters n. */
    public int length() {
        return text.length();
    }

    /** The vocabulary: sorted unique characters; character {@code vocabulary().charAt(id)} has id {@code id}. */
    public String vocabulary() {
        return vocab;
    }

    /** Vocabulary size V. */
    public int vocabSize() {
        return vocab.length();
    }

    /**
     * Encodes a string to ids.
     *
     * @param s the string
     * @return one id per character
     * @throws IllegalArgumentException if a character is not in the vocabulary (names it and its position)
     */
    public int[] encode(String s) {
        int[] out = new int[s.length()];
        for (int i = 0; i < out.length; i++) {
            char ch = s.charAt(i);
            int id = index[ch];
            if (id < 0) {
                throw new IllegalArgumentException(String.format("character U+%04X at %d is not in the vocabulary", (int) ch, i));
            }
            out[i] = id;
        }
        return out;
    }

    /**
     * Decodes ids to a string.
     *
     * @param ids ids in {@code [0, V)}
     * @return the string
     * @throws IndexOutOfBoundsException for an id outside the vocabulary
     */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder(ids.length);
        for (int id : ids) {
            sb.append(vocab.charAt(Objects.checkIndex(id, vocab.length())));
        }
        return sb.toString();
    }

    /** End (exclusive) of the training part: {@code floor(n * 9 / 10)}, computed in integer arithmetic. */
    public int trainEnd() {
        return (int) ((long) text.length() * 9 / 10);
    }

    /** First character index of a split part. @param split the part @return its start */
    public int start(Split split) {
        return split == Split.TRAIN ? 0 : trainEnd();
    }

    /** End (exclusive) of a split part. @param split the part @return its end */
    public int end(Split split) {
        return split == Split.TRAIN ? trainEnd() : text.length();
    }

    /** The encoded characters of a part (a copy). @param split the part @return its ids */
    public int[] ids(Split split) {
        return java.util.Arrays.copyOfRange(ids, start(split), end(split));
    }

    /**
     * Next-character windows over one part, without materialising them: window i has input = ids
     * {@code [s+i, s+i+T)} and target = ids {@code [s+i+1, s+i+T+1)} (s = the part's start), for
     * {@code i = 0 … len−T−1}; each window stays inside its part. Data and label are int32 arrays of shape (T).
     *
     * @param split     which part
     * @param blockSize T, the context length (positive, less than the part's length)
     * @param batchSize batch size (positive)
     * @param shuffle   draw windows in random order
     * @return the dataset, with {@code len − T} windows
     */
    public Windows windows(Split split, int blockSize, int batchSize, boolean shuffle) {
        int len = end(split) - start(split);
        if (blockSize <= 0 || blockSize >= len) {
            throw new IllegalArgumentException("blockSize must be in [1, " + (len - 1) + "], got " + blockSize);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        Windows.Builder b = new Windows.Builder(this, start(split), end(split), blockSize);
        b.setSampling(batchSize, shuffle);
        return new Windows(b);
    }

    /** Lazy next-character windows over a range of a {@link CharCorpus}; see {@link CharCorpus#windows}. */
    public static final class Windows extends RandomAccessDataset {
        private final int[] ids;
        private final int start;
        private final int end;
        private final int blockSize;

        private Windows(Builder b) {
            super(b);
            this.ids = b.corpus.ids;
            this.start = b.start;
            this.end = b.end;
            this.blockSize = b.blockSize;
        }

        /** The context length T. @return T */
        public int blockSize() {
            return blockSize;
        }

        /** The input ids of window {@code i} (a copy). @param i the window @return T ids */
        public int[] input(long i) {
            int s = start + (int) Objects.checkIndex(i, availableSize());
            return java.util.Arrays.copyOfRange(ids, s, s + blockSize);
        }

        /** The target ids of window {@code i}: the input shifted by one. @param i the window @return T ids */
        public int[] target(long i) {
            int s = start + 1 + (int) Objects.checkIndex(i, availableSize());
            return java.util.Arrays.copyOfRange(ids, s, s + blockSize);
        }

        /** {@inheritDoc} Data = input (T) int32, label = target (T) int32. */
        @Override
        public Record get(NDManager manager, long index) {
            NDArray x = manager.create(input(index), new Shape(blockSize));
            NDArray y = manager.create(target(index), new Shape(blockSize));
            return new Record(new NDList(x), new NDList(y));
        }

        /** {@inheritDoc} Number of windows: part length − T. */
        @Override
        protected long availableSize() {
            return end - start - blockSize;
        }

        /** Nothing to prepare: the corpus is already in memory. @param progress ignored */
        @Override
        public void prepare(Progress progress) {}

        private static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {
            private final CharCorpus corpus;
            private final int start;
            private final int end;
            private final int blockSize;

            Builder(CharCorpus corpus, int start, int end, int blockSize) {
                this.corpus = corpus;
                this.start = start;
                this.end = end;
                this.blockSize = blockSize;
            }

            @Override
            protected Builder self() {
                return this;
            }
        }
    }
}
