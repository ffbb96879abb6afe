package io.github.djlsuite.datasets.synthetic;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.Random;

/**
 * Modular-arithmetic ("grokking") tasks: every pair {@code (a, b)} with {@code 0 <= a, b < p} appears
 * exactly once, labelled {@code op(a, b) mod p} (result always in {@code 0..p-1}; subtraction uses
 * {@link Math#floorMod(int, int)}).
 *
 * <p>Ground truth: the p² pairs are shuffled by {@code new Random(seed)}; the first
 * {@code round(trainFraction * p²)} form the training split, the rest the test split. Then exactly
 * {@code round(corruptFraction * trainSize)} training rows, chosen uniformly without replacement, get a
 * wrong label drawn uniformly from the {@code p - 1} other residues. The test split is never corrupted.
 * {@link Task#corruptedIndices()} (ascending, indices into the training split) and
 * {@link Task#corruptedTrueLabels()} record what was changed; every other row satisfies
 * {@code label == op.apply(a, b, p)}.
 */
public final class ModularArithmetic {

    /** The binary operation, reduced mod p. */
    public enum Op {
        /** {@code (a + b) mod p}. */
        ADD,
        /** {@code (a - b) mod p}, in {@code 0..p-1}. */
        SUB,
        /** {@code (a * b) mod p}. */
        MUL;

        /** The exact label {@code op(a, b) mod p} in {@code 0..p-1}. */
        public int apply(int a, int b, int p) {
            long v = switch (this) {
                case ADD -> (long) a + b;
                case SUB -> (long) a - b;
                case MUL -> (long) a * b;
            };
            return (int) Math.floorMod(v, (long) p);
        }
    }

    /**
     * One split: parallel arrays of operands and (possibly corrupted) labels.
     *
     * @param p      the modulus
     * @param a      first operands
     * @param b      second operands
     * @param labels labels in {@code 0..p-1} (the training split may contain corrupted ones)
     */
    public record Split(int p, int[] a, int[] b, int[] labels) {

        /** Number of rows. */
        public int size() {
            return labels.length;
        }

        /**
         * The split as a DJL dataset: data (n, 2) INT32 token ids {@code [a, b]}, labels (n) FLOAT32 class
         * ids (DJL's convention for {@code SoftmaxCrossEntropyLoss}). The batch size is capped at n.
         */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            int n = size();
            int[] x = new int[2 * n];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                x[2 * i] = a[i];
                x[2 * i + 1] = b[i];
                y[i] = labels[i];
            }
            return new ArrayDataset.Builder()
                    .setData(manager.create(x, new Shape(n, 2)))
                    .optLabels(manager.create(y, new Shape(n)))
                    .setSampling(Math.max(1, Math.min(batchSize, n)), shuffle)
                    .build();
        }
    }

    /**
     * A generated task.
     *
     * @param p                   the modulus
     * @param op                  the operation
     * @param train               training split (with corrupted labels at {@code corruptedIndices})
     * @param test                test split (all labels exact)
     * @param corruptedIndices    ascending indices into {@code train} whose labels were replaced
     * @param corruptedTrueLabels the exact labels of those rows, parallel to {@code corruptedIndices}
     */
    public record Task(int p, Op op, Split train, Split test, int[] corruptedIndices, int[] corruptedTrueLabels) {}

    private ModularArithmetic() {}

    /**
     * Generates all p² pairs, splits and corrupts them as the class javadoc describes.
     *
     * @param p               modulus, at least 2
     * @param op              operation
     * @param trainFraction   fraction of pairs in the training split, in [0, 1]
     * @param corruptFraction fraction of training rows whose label is replaced by a wrong one, in [0, 1]
     * @param seed            random seed; the same arguments give identical output
     */
    public static Task generate(int p, Op op, double trainFraction, double corruptFraction, long seed) {
        if (p < 2 || (long) p * p > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("p must be in 2..32767, got " + p);
        }
        if (!(trainFraction >= 0 && trainFraction <= 1) || !(corruptFraction >= 0 && corruptFraction <= 1)) {
            throw new IllegalArgumentException("fractions must be in [0,1], got " + trainFraction + ", "
                    + corruptFraction);
        }
        Random r = new Random(seed);
        int total = p * p;
        int[] order = new int[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        shuffle(order, r);
        int nTrain = (int) Math.round(trainFraction * total);
        Split train = split(p, op, order, 0, nTrain);
        Split test = split(p, op, order, nTrain, total);
        int nCorrupt = (int) Math.round(corruptFraction * nTrain);
        int[] idx = new int[nTrain];
        for (int i = 0; i < nTrain; i++) {
            idx[i] = i;
        }
        shuffle(idx, r);
        int[] chosen = java.util.Arrays.copyOf(idx, nCorrupt);
        java.util.Arrays.sort(chosen);
        int[] trueLabels = new int[nCorrupt];
        for (int j = 0; j < nCorrupt; j++) {
            int i = chosen[j];
            trueLabels[j] = train.labels()[i];
            int wrong = r.nextInt(p - 1);
            train.labels()[i] = wrong >= trueLabels[j] ? wrong + 1 : wrong;
        }
        return new Task(p, op, train, test, chosen, trueLabels);
    }

    private static Split split(int p, Op op, int[] order, int from, int to) {
        int n = to - from;
        int[] a = new int[n];
        int[] b = new int[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = order[from + i] / p;
            b[i] = order[from + i] % p;
            y[i] = op.apply(a[i], b[i], p);
        }
        return new Split(p, a, b, y);
    }

    static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
