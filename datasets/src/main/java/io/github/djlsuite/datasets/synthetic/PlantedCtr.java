package io.github.djlsuite.datasets.synthetic;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.Random;

/**
 * Click-through-rate data with a planted field interaction.
 *
 * <p>Ground truth, drawn from {@code new Random(seed)} in this order: per-field effects
 * {@code w[f][v] = effectScale · g} (g standard normal) for every field f and value v; interaction
 * factors {@code u[v] = g} for values of field {@code fieldA} and {@code z[v] = g} for values of field
 * {@code fieldB}; then per row, each field's value uniform in {@code 0..vocab[f]-1} and
 * <pre>
 *   logit = bias + Σ_f w[f][x_f] + interactionScale · u[x_A] · z[x_B]
 *   p     = sigmoid(logit),   label ~ Bernoulli(p)
 * </pre>
 * {@link Data#probabilities()} are these exact p, i.e. the Bayes-optimal predictor. With
 * {@code interactionScale = 0} the model is purely additive (logistic regression on one-hot fields).
 */
public final class PlantedCtr {

    /**
     * Generated rows and the planted model.
     *
     * @param vocabSizes       vocabulary size of each field
     * @param rows             row-major (n, F) value ids, field f's value in {@code 0..vocabSizes[f]-1}
     * @param labels           clicks, 0 or 1
     * @param probabilities    the true click probability of each row
     * @param bias             the planted bias
     * @param fieldEffects     {@code fieldEffects[f][v]}, the planted additive effects
     * @param fieldA           first interacting field
     * @param fieldB           second interacting field
     * @param interactionA     factor {@code u[v]} for the values of {@code fieldA}
     * @param interactionB     factor {@code z[v]} for the values of {@code fieldB}
     * @param interactionScale scale of the interaction term
     */
    public record Data(int[] vocabSizes, int[] rows, int[] labels, double[] probabilities, double bias,
            double[][] fieldEffects, int fieldA, int fieldB, double[] interactionA, double[] interactionB,
            double interactionScale) {

        /** Number of rows n. */
        public int size() {
            return labels.length;
        }

        /** Number of fields F. */
        public int numFields() {
            return vocabSizes.length;
        }

        /** Value of field {@code f} in row {@code i}. */
        public int value(int i, int f) {
            return rows[i * vocabSizes.length + f];
        }

        /** The planted logit of a row of F value ids (formula in the class javadoc). */
        public double logit(int... row) {
            double s = bias;
            for (int f = 0; f < vocabSizes.length; f++) {
                s += fieldEffects[f][row[f]];
            }
            return s + interactionScale * interactionA[row[fieldA]] * interactionB[row[fieldB]];
        }

        /** Start offset of each field in a concatenated vocabulary (length F, prefix sums of vocab sizes). */
        public int[] offsets() {
            int[] o = new int[vocabSizes.length];
            for (int f = 1; f < o.length; f++) {
                o[f] = o[f - 1] + vocabSizes[f - 1];
            }
            return o;
        }

        /** Mean binary log-loss (natural log) of predicting {@code p[i]} for {@code labels[i]}. */
        public double logLoss(double[] p) {
            double s = 0;
            for (int i = 0; i < labels.length; i++) {
                double q = Math.min(1 - 1e-12, Math.max(1e-12, p[i]));
                s -= labels[i] == 1 ? Math.log(q) : Math.log(1 - q);
            }
            return s / labels.length;
        }

        /**
         * As a DJL dataset: data (n, F) INT32 per-field value ids (add {@link #offsets()} for one shared
         * embedding table); labels (n, 1) FLOAT32 clicks. Batch size capped at n.
         */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            int n = size();
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = labels[i];
            }
            return new ArrayDataset.Builder()
                    .setData(manager.create(rows, new Shape(n, vocabSizes.length)))
                    .optLabels(manager.create(y, new Shape(n, 1)))
                    .setSampling(Math.max(1, Math.min(batchSize, n)), shuffle)
                    .build();
        }
    }

    private PlantedCtr() {}

    /**
     * Generates {@code n} rows from the model in the class javadoc.
     *
     * @param vocabSizes       vocabulary size per field (each ≥ 1, at least 2 fields)
     * @param n                number of rows
     * @param fieldA           first interacting field index
     * @param fieldB           second interacting field index (≠ fieldA)
     * @param bias             bias of the logit
     * @param effectScale      standard deviation of the additive per-value effects
     * @param interactionScale scale of the rank-one interaction {@code u[x_A]·z[x_B]}
     * @param seed             random seed; same arguments give identical output
     */
    public static Data generate(int[] vocabSizes, int n, int fieldA, int fieldB, double bias, double effectScale,
            double interactionScale, long seed) {
        int nf = vocabSizes.length;
        if (nf < 2 || n < 1 || fieldA == fieldB || fieldA < 0 || fieldB < 0 || fieldA >= nf || fieldB >= nf) {
            throw new IllegalArgumentException("need >= 2 fields, n >= 1 and two distinct valid fields");
        }
        for (int v : vocabSizes) {
            if (v < 1) {
                throw new IllegalArgumentException("vocabulary sizes must be >= 1");
            }
        }
        Random r = new Random(seed);
        double[][] w = new double[nf][];
        for (int f = 0; f < nf; f++) {
            w[f] = new double[vocabSizes[f]];
            for (int v = 0; v < vocabSizes[f]; v++) {
                w[f][v] = effectScale * r.nextGaussian();
            }
        }
        double[] u = new double[vocabSizes[fieldA]];
        for (int v = 0; v < u.length; v++) {
            u[v] = r.nextGaussian();
        }
        double[] z = new double[vocabSizes[fieldB]];
        for (int v = 0; v < z.length; v++) {
            z[v] = r.nextGaussian();
        }
        int[] rows = new int[n * nf];
        int[] labels = new int[n];
        double[] p = new double[n];
        Data d = new Data(vocabSizes.clone(), rows, labels, p, bias, w, fieldA, fieldB, u, z, interactionScale);
        int[] row = new int[nf];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < nf; f++) {
                row[f] = r.nextInt(vocabSizes[f]);
                rows[i * nf + f] = row[f];
            }
            p[i] = 1 / (1 + Math.exp(-d.logit(row)));
            labels[i] = r.nextDouble() < p[i] ? 1 : 0;
        }
        return d;
    }
}
