package io.github.djlsuite.datasets.ctr;

import java.util.List;
import java.util.Objects;

/**
 * How an encoded CTR batch is laid out: the contract between the CTR readers of this package and
 * the models of {@code suite-ctr}.
 *
 * <p>A batch's data {@code NDList} holds, in this order, only the parts the schema has:
 * <ol>
 *   <li>{@code categorical}: int32 {@code (B, C)}, one id per categorical field in
 *       {@link #categoricalNames()} order; field f's ids lie in {@code 0..categoricalVocab[f]-1};</li>
 *   <li>{@code numeric}: float32 {@code (B, N)}, the normalised numeric fields;</li>
 *   <li>one int32 {@code (B, L_s)} array per sequence field, in {@link #sequences()} order, ids
 *       right-padded with {@link #PAD}, the most recent {@code L_s} items kept.</li>
 * </ol>
 * The label {@code NDList} is one float32 {@code (B, T)} array of 0/1, T = {@link #labelNames()}
 * size (1 for single-task CTR, 2+ for multi-task).
 *
 * <p>Every vocabulary reserves id {@link #PAD} (0) for padding or a missing value and id
 * {@link #OOV} (1) for values not seen in the training split; known values start at 2.
 *
 * @param categoricalNames names of the categorical fields, C of them
 * @param categoricalVocab vocabulary size of each categorical field, PAD and OOV included
 * @param numericNames     names of the numeric fields, N of them (may be empty)
 * @param sequences        the sequence fields (may be empty)
 * @param labelNames       names of the label fields, T of them (at least one)
 */
public record CtrLayout(List<String> categoricalNames, int[] categoricalVocab, List<String> numericNames,
        List<Sequence> sequences, List<String> labelNames) {

    /** Id used for padding and missing values in every vocabulary. */
    public static final int PAD = 0;

    /** Id used for values not seen in the training split. */
    public static final int OOV = 1;

    /**
     * One behaviour-sequence field.
     *
     * @param name        field name
     * @param vocabSize   vocabulary size, PAD and OOV included
     * @param maxLength   L_s, the padded length
     * @param sharedWith  index of the categorical field whose vocabulary (and so embedding table)
     *                    this sequence shares, e.g. history item ids with the candidate item id;
     *                    -1 when it has its own vocabulary
     */
    public record Sequence(String name, int vocabSize, int maxLength, int sharedWith) {
        public Sequence {
            Objects.requireNonNull(name, "name");
            if (vocabSize < 2 || maxLength < 1) {
                throw new IllegalArgumentException("sequence " + name + ": vocabSize must be >= 2 and"
                        + " maxLength >= 1, got " + vocabSize + " and " + maxLength);
            }
        }
    }

    public CtrLayout {
        categoricalNames = List.copyOf(categoricalNames);
        numericNames = List.copyOf(numericNames);
        sequences = List.copyOf(sequences);
        labelNames = List.copyOf(labelNames);
        categoricalVocab = categoricalVocab.clone();
        if (categoricalNames.size() != categoricalVocab.length) {
            throw new IllegalArgumentException(categoricalNames.size() + " categorical names but "
                    + categoricalVocab.length + " vocabulary sizes");
        }
        for (int i = 0; i < categoricalVocab.length; i++) {
            if (categoricalVocab[i] < 2) {
                throw new IllegalArgumentException("categorical field " + categoricalNames.get(i)
                        + ": vocabulary size must be >= 2 (PAD and OOV), got " + categoricalVocab[i]);
            }
        }
        for (Sequence s : sequences) {
            if (s.sharedWith() >= categoricalVocab.length) {
                throw new IllegalArgumentException("sequence " + s.name() + " shares vocabulary with"
                        + " categorical field " + s.sharedWith() + ", but there are only "
                        + categoricalVocab.length);
            }
        }
        if (labelNames.isEmpty()) {
            throw new IllegalArgumentException("a CTR layout needs at least one label field");
        }
    }

    /** A layout with categorical fields and one label only (Criteo-like, or the planted logs). */
    public static CtrLayout categorical(int[] vocab, String label) {
        String[] names = new String[vocab.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = "C" + (i + 1);
        }
        return new CtrLayout(List.of(names), vocab, List.of(), List.of(), List.of(label));
    }

    /** C, the number of categorical fields. */
    public int numCategorical() {
        return categoricalVocab.length;
    }

    /** N, the number of numeric fields. */
    public int numNumeric() {
        return numericNames.size();
    }

    /** T, the number of label fields (tasks). */
    public int numTasks() {
        return labelNames.size();
    }

    /** Vocabulary size of categorical field {@code f}, PAD and OOV included. */
    public int vocab(int f) {
        return categoricalVocab[f];
    }

    /** Defensive copy of the categorical vocabulary sizes. */
    @Override
    public int[] categoricalVocab() {
        return categoricalVocab.clone();
    }

    /** Position of the numeric array in a batch's data NDList, or -1 when there is none. */
    public int numericIndex() {
        return numNumeric() == 0 ? -1 : 1;
    }

    /** Position of sequence {@code s} in a batch's data NDList. */
    public int sequenceIndex(int s) {
        return 1 + (numNumeric() == 0 ? 0 : 1) + s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CtrLayout l && categoricalNames.equals(l.categoricalNames)
                && java.util.Arrays.equals(categoricalVocab, l.categoricalVocab)
                && numericNames.equals(l.numericNames) && sequences.equals(l.sequences)
                && labelNames.equals(l.labelNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(categoricalNames, java.util.Arrays.hashCode(categoricalVocab), numericNames,
                sequences, labelNames);
    }
}
