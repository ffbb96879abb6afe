package io.github.djlsuite.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.evaluator.Evaluator;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exact area under the ROC curve of one label column, accumulated over batches.
 *
 * <p>AUC = P(s⁺ > s⁻) + ½·P(s⁺ = s⁻) over all (positive, negative) pairs, computed from ranks:
 * sort all n scores, give tied scores their average rank r_i (1-based), then
 * <pre>
 *   AUC = (Σ_{i positive} r_i − P(P+1)/2) / (P · N)
 * </pre>
 * with P positives and N negatives; O(n log n). Labels are 0/1 (a label ≥ 0.5 counts as positive).
 * The score may be a logit or a probability: AUC depends only on the order, so either gives the same
 * value. When the accumulated labels hold only one class the AUC is undefined and NaN is returned.
 *
 * <p>Shapes: labels and predictions {@code (B, T)} (or {@code (B)} when T = 1); the evaluator reads
 * column {@code labelIndex} of both. Every score seen since the last reset is kept (4 bytes per
 * sample and label), so the value is exact over a whole epoch rather than averaged over batches.
 */
public class AucEvaluator extends Evaluator {

    private final int labelIndex;
    private final Map<String, BinaryColumn.Floats[]> accumulators = new ConcurrentHashMap<>();

    /** AUC of label column 0, named "auc". */
    public AucEvaluator() {
        this("auc", 0);
    }

    /**
     * @param name       the evaluator's name (e.g. "auc_click")
     * @param labelIndex the label column to evaluate, 0-based, for multi-task layouts
     */
    public AucEvaluator(String name, int labelIndex) {
        super(name);
        if (labelIndex < 0) {
            throw new IllegalArgumentException("labelIndex must be >= 0, got " + labelIndex);
        }
        this.labelIndex = labelIndex;
    }

    /** The label column this evaluator reads. */
    public int labelIndex() {
        return labelIndex;
    }

    /** The AUC of one batch, as a 0-d float array on the predictions' manager. */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        float[][] c = BinaryColumn.read(getName(), labelIndex, labels, predictions);
        return predictions.head().getManager().create((float) auc(c[1], c[0]));
    }

    @Override
    public void addAccumulator(String key) {
        accumulators.put(key, new BinaryColumn.Floats[] {new BinaryColumn.Floats(), new BinaryColumn.Floats()});
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        float[][] c = BinaryColumn.read(getName(), labelIndex, labels, predictions);
        BinaryColumn.Floats[] acc = accumulators.computeIfAbsent(key,
                k -> new BinaryColumn.Floats[] {new BinaryColumn.Floats(), new BinaryColumn.Floats()});
        synchronized (acc) {
            acc[0].addAll(c[0]);
            acc[1].addAll(c[1]);
        }
    }

    @Override
    public void resetAccumulator(String key) {
        addAccumulator(key);
    }

    /** The AUC of everything accumulated under {@code key}; NaN when it holds one class only or nothing. */
    @Override
    public float getAccumulator(String key) {
        BinaryColumn.Floats[] acc = accumulators.get(key);
        if (acc == null) {
            throw new IllegalArgumentException("no AUC accumulator for key " + key);
        }
        synchronized (acc) {
            return (float) auc(acc[1].toArray(), acc[0].toArray());
        }
    }

    /**
     * Exact AUC of {@code scores} against 0/1 {@code labels} (ties counted ½, see the class javadoc);
     * NaN when either class is absent.
     */
    public static double auc(float[] scores, float[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j + 2) / 2.0; // average of 1-based ranks i+1 .. j+1
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] >= 0.5f) {
                    positiveRankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
