package io.github.djlsuite.datasets.synthetic;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 *
 * <p>{@link #generate(LogsConfig, int, long)} draws richer logs ({@link Logs}): Zipf-distributed values,
 * several planted interactions of two or more fields, logit noise and a bias calibrated to a target click
 * rate; {@link LogsConfig#finalMlp()} is the FinalMLP reproduction's configuration.
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

    // ------------------------------------------------------------------ several planted interactions

    /**
     * One planted interaction of k fields: {@code scale · Π_j factors[j][x_{fields[j]}]} (rank one).
     *
     * @param fields  the k interacting fields (distinct)
     * @param scale   its scale
     * @param factors {@code factors[j][v]}, the factor of value v of field {@code fields[j]}
     */
    public record Interaction(int[] fields, double scale, double[][] factors) {

        /** The term's value for a row of F value ids. */
        public double term(int[] row) {
            double t = scale;
            for (int j = 0; j < fields.length; j++) {
                t *= factors[j][row[fields[j]]];
            }
            return t;
        }
    }

    /**
     * How {@link #generate(LogsConfig, int, long)} draws logs.
     *
     * @param vocabSizes        vocabulary size of each field (each ≥ 1, at least 2 fields)
     * @param zipfExponent      s ≥ 0: field values are Zipf-distributed, {@code P(v) ∝ (v+1)^-s}
     *                          (s = 0: uniform)
     * @param effectScale       standard deviation of the main effects {@code w[f][v]}
     * @param interactionFields the fields of each planted interaction (2 or more distinct fields each)
     * @param interactionScales the scale of each planted interaction
     * @param noiseStd          standard deviation of the per-row Gaussian logit noise ε
     * @param targetCtr         the mean click probability the bias is calibrated to, in (0, 1)
     */
    public record LogsConfig(int[] vocabSizes, double zipfExponent, double effectScale, int[][] interactionFields,
            double[] interactionScales, double noiseStd, double targetCtr) {

        /** Checks the configuration. */
        public LogsConfig {
            int nf = vocabSizes.length;
            if (nf < 2 || zipfExponent < 0 || effectScale < 0 || noiseStd < 0 || !(targetCtr > 0 && targetCtr < 1)
                    || interactionFields.length != interactionScales.length) {
                throw new IllegalArgumentException("need >= 2 fields, zipfExponent, effectScale, noiseStd >= 0,"
                        + " targetCtr in (0, 1) and one scale per interaction");
            }
            for (int v : vocabSizes) {
                if (v < 1) {
                    throw new IllegalArgumentException("vocabulary sizes must be >= 1, got " + v);
                }
            }
            for (int[] fs : interactionFields) {
                if (fs.length < 2 || Arrays.stream(fs).distinct().count() != fs.length
                        || Arrays.stream(fs).anyMatch(f -> f < 0 || f >= nf)) {
                    throw new IllegalArgumentException("an interaction needs >= 2 distinct fields in 0.." + (nf - 1)
                            + ", got " + Arrays.toString(fs));
                }
            }
        }

        /**
         * The FinalMLP small-scale configuration (docs: papers/finalmlp.md, reproduction item 2): 12 fields
         * with vocabularies 20, 30, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000; Zipf exponent 1.0;
         * main effects N(0, 0.3²); two pairwise interactions (fields 1×4 and 6×9, scale 1.0) and one
         * three-way interaction (fields 2×5×8, scale 1.0), factors N(0, 1); noise N(0, 0.3²); bias
         * calibrated to a 20% click rate.
         */
        public static LogsConfig finalMlp() {
            return new LogsConfig(new int[] {20, 30, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000}, 1.0, 0.3,
                    new int[][] {{1, 4}, {6, 9}, {2, 5, 8}}, new double[] {1.0, 1.0, 1.0}, 0.3, 0.2);
        }
    }

    /**
     * Logs drawn by {@link #generate(LogsConfig, int, long)}.
     *
     * @param vocabSizes    vocabulary size of each field
     * @param rows          row-major (n, F) value ids
     * @param labels        clicks, 0 or 1
     * @param probabilities the probability each label was drawn with, {@code sigmoid(logits[i] + ε_i)}
     * @param logits        the noise-free logit of each row, {@code bias + main effects + interactions}
     * @param bias          the calibrated bias
     * @param mainEffects   {@code mainEffects[f][v]}
     * @param interactions  the planted interactions
     * @param config        the configuration
     */
    public record Logs(int[] vocabSizes, int[] rows, int[] labels, double[] probabilities, double[] logits,
            double bias, double[][] mainEffects, List<Interaction> interactions, LogsConfig config) {

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

        /** The values of row {@code i}. */
        public int[] row(int i) {
            return Arrays.copyOfRange(rows, i * vocabSizes.length, (i + 1) * vocabSizes.length);
        }

        /** Sum of the main effects of a row (no bias). */
        public double mainTerm(int[] row) {
            double s = 0;
            for (int f = 0; f < row.length; f++) {
                s += mainEffects[f][row[f]];
            }
            return s;
        }

        /** Sum of the planted interaction terms of a row. */
        public double interactionTerm(int[] row) {
            double s = 0;
            for (Interaction x : interactions) {
                s += x.term(row);
            }
            return s;
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

        /** The empirical click rate. */
        public double ctr() {
            return Arrays.stream(labels).average().orElse(0);
        }
    }

    /** {@link #generate(LogsConfig, int, long)} with {@link LogsConfig#finalMlp()}. */
    public static Logs finalMlp(int n, long seed) {
        return generate(LogsConfig.finalMlp(), n, seed);
    }

    /**
     * Draws logs with main effects, several planted interactions and noise.
     *
     * <p>Ground truth, drawn from {@code new Random(seed)} in this order: main effects
     * {@code w[f][v] = effectScale · g} for every field and value; for each interaction in order and each of
     * its fields, factors {@code a[j][v] = g}; then per row, each field's value by inverse-CDF sampling of
     * the Zipf law {@code P(v) ∝ (v+1)^-s} ({@code nextDouble}) and the noise {@code ε = noiseStd · g}. With
     * <pre>
     *   s_i   = Σ_f w[f][x_f] + Σ_k scale_k · Π_j a_k[j][x_{k,j}]
     *   p_i   = sigmoid(bias + s_i + ε_i),   label_i ~ Bernoulli(p_i)   (nextDouble, after all rows)
     * </pre>
     * where {@code bias} solves {@code mean_i p_i = targetCtr} on the drawn rows (bisection to 1e-12), so the
     * empirical click rate is the target up to Bernoulli noise. {@link Logs#probabilities()} are the p_i
     * (the labels' true probabilities); {@link Logs#logits()} hold {@code bias + s_i}, the part a model can
     * learn from the features (the noise is not predictable from them).
     *
     * @param config the configuration
     * @param n      number of rows (≥ 1)
     * @param seed   random seed; same arguments give identical output
     */
    public static Logs generate(LogsConfig config, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        int[] vocab = config.vocabSizes().clone();
        int nf = vocab.length;
        Random r = new Random(seed);
        double[][] w = new double[nf][];
        for (int f = 0; f < nf; f++) {
            w[f] = new double[vocab[f]];
            for (int v = 0; v < vocab[f]; v++) {
                w[f][v] = config.effectScale() * r.nextGaussian();
            }
        }
        List<Interaction> inter = new ArrayList<>();
        for (int k = 0; k < config.interactionFields().length; k++) {
            int[] fs = config.interactionFields()[k].clone();
            double[][] a = new double[fs.length][];
            for (int j = 0; j < fs.length; j++) {
                a[j] = new double[vocab[fs[j]]];
                for (int v = 0; v < a[j].length; v++) {
                    a[j][v] = r.nextGaussian();
                }
            }
            inter.add(new Interaction(fs, config.interactionScales()[k], a));
        }
        double[][] cdf = new double[nf][];
        for (int f = 0; f < nf; f++) {
            cdf[f] = new double[vocab[f]];
            double acc = 0;
            for (int v = 0; v < vocab[f]; v++) {
                acc += Math.pow(v + 1, -config.zipfExponent());
                cdf[f][v] = acc;
            }
            for (int v = 0; v < vocab[f]; v++) {
                cdf[f][v] /= acc;
            }
        }
        int[] rows = new int[n * nf];
        double[] structured = new double[n];
        double[] noise = new double[n];
        int[] row = new int[nf];
        Logs probe = new Logs(vocab, rows, new int[0], new double[0], new double[0], 0, w, inter, config);
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < nf; f++) {
                int v = Arrays.binarySearch(cdf[f], r.nextDouble());
                row[f] = Math.min(vocab[f] - 1, v >= 0 ? v : -v - 1);
                rows[i * nf + f] = row[f];
            }
            noise[i] = config.noiseStd() * r.nextGaussian();
            structured[i] = probe.mainTerm(row) + probe.interactionTerm(row);
        }
        double lo = -50;
        double hi = 50;
        while (hi - lo > 1e-12) {
            double mid = (lo + hi) / 2;
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += 1 / (1 + Math.exp(-(mid + structured[i] + noise[i])));
            }
            if (m / n < config.targetCtr()) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double bias = (lo + hi) / 2;
        double[] p = new double[n];
        double[] logits = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            logits[i] = bias + structured[i];
            p[i] = 1 / (1 + Math.exp(-(logits[i] + noise[i])));
        }
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextDouble() < p[i] ? 1 : 0;
        }
        return new Logs(vocab, rows, labels, p, logits, bias, w, List.copyOf(inter), config);
    }
}
