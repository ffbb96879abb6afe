package io.github.djlsuite.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.evaluator.Evaluator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mean binary log loss (natural log) of one label column, accumulated over batches:
 * <pre>
 *   logloss = −(1/n) Σ_i [ y_i log p_i + (1 − y_i) log(1 − p_i) ],   p_i clipped to [ε, 1 − ε], ε = 1e-7
 * </pre>
 * (the clipping scikit-learn and FuxiCTR use). With {@code fromLogits} (the default, matching the
 * suite's CTR models) the predictions are logits and p = σ(logit) is computed in double precision.
 *
 * <p>Shapes: labels and predictions {@code (B, T)} (or {@code (B)} when T = 1); the evaluator reads
 * column {@code labelIndex} of both. The accumulator keeps a running sum and count, so the value
 * over an epoch is the exact per-sample mean, independent of the batch sizes.
 */
public class LogLossEvaluator extends Evaluator {

    /** The clipping ε. */
    public static final double EPSILON = 1e-7;

    private final int labelIndex;
    private final boolean fromLogits;
    private final Map<String, double[]> accumulators = new ConcurrentHashMap<>();

    /** Log loss of label column 0 from logits, named "logloss". */
    public LogLossEvaluator() {
        this("logloss", 0, true);
    }

    /**
     * @param name       the evaluator's name
     * @param labelIndex the label column to evaluate, 0-based
     * @param fromLogits true when the predictions are logits, false when they are probabilities
     */
    public LogLossEvaluator(String name, int labelIndex, boolean fromLogits) {
        super(name);
        if (labelIndex < 0) {
            throw new IllegalArgumentException("labelIndex must be >= 0, got " + labelIndex);
        }
        this.labelIndex = labelIndex;
        this.fromLogits = fromLogits;
    }

    /** The mean log loss of one batch, as a 0-d float array on the predictions' manager. */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        float[][] c = BinaryColumn.read(getName(), labelIndex, labels, predictions);
        return predictions.head().getManager().create((float) (sum(c[0], c[1], fromLogits) / c[0].length));
    }

    @Override
    public void addAccumulator(String key) {
        accumulators.put(key, new double[2]);
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        float[][] c = BinaryColumn.read(getName(), labelIndex, labels, predictions);
        double s = sum(c[0], c[1], fromLogits);
        double[] acc = accumulators.computeIfAbsent(key, k -> new double[2]);
        synchronized (acc) {
            acc[0] += s;
            acc[1] += c[0].length;
        }
    }

    @Override
    public void resetAccumulator(String key) {
        addAccumulator(key);
    }

    /** The mean log loss over everything accumulated under {@code key}; NaN when empty. */
    @Override
    public float getAccumulator(String key) {
        double[] acc = accumulators.get(key);
        if (acc == null) {
            throw new IllegalArgumentException("no log-loss accumulator for key " + key);
        }
        synchronized (acc) {
            return acc[1] == 0 ? Float.NaN : (float) (acc[0] / acc[1]);
        }
    }

    /** Mean log loss of probabilities {@code p} against 0/1 {@code labels}, clipped at {@link #EPSILON}. */
    public static double logLoss(float[] p, float[] labels) {
        if (p.length != labels.length || p.length == 0) {
            throw new IllegalArgumentException(p.length + " predictions and " + labels.length + " labels");
        }
        return sum(labels, p, false) / p.length;
    }

    private static double sum(float[] y, float[] pred, boolean logits) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double p = logits ? 1 / (1 + Math.exp(-(double) pred[i])) : pred[i];
            p = Math.min(1 - EPSILON, Math.max(EPSILON, p));
            s -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
        }
        return s;
    }
}
