package io.github.djlsuite.ctr.dtrn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.Arrays;

/**
 * Multi-task binary cross-entropy on logits: the weighted sum of the per-task mean BCE,
 * <pre>
 *   L = Σ_t w_t · (1/B) Σ_i [ max(x_it, 0) − x_it·y_it + log(1 + exp(−|x_it|)) ]
 * </pre>
 * (the numerically stable form of −y log σ(x) − (1−y) log(1−σ(x))). Labels and predictions are
 * {@code (B, T)}. DJL's {@code SigmoidBinaryCrossEntropyLoss} takes (B, T) but only one scalar weight
 * and averages over tasks, so per-task weights (e.g. w_B = 0 for the task-isolation check) need this
 * class. Task weights are multiplied as an array, never a Java scalar (see docs/engines.md).
 */
public final class MultiTaskLoss extends Loss {

    private final float[] weights;

    /** Equal weights 1 for {@code tasks} tasks. */
    public MultiTaskLoss(int tasks) {
        this(ones(tasks));
    }

    /** One weight per task (≥ 0). */
    public MultiTaskLoss(float... weights) {
        super("multitask_bce");
        for (float w : weights) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("task weights must be >= 0, got " + Arrays.toString(weights));
            }
        }
        if (weights.length == 0) {
            throw new IllegalArgumentException("at least one task weight is needed");
        }
        this.weights = weights.clone();
    }

    private static float[] ones(int n) {
        float[] w = new float[n];
        Arrays.fill(w, 1f);
        return w;
    }

    /** The task weights. */
    public float[] weights() {
        return weights.clone();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray x = predictions.head();
        NDArray y = labels.head().toType(x.getDataType(), false).reshape(x.getShape());
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != weights.length) {
            throw new IllegalArgumentException("MultiTaskLoss with " + weights.length + " tasks expects (B, "
                    + weights.length + ") logits, got " + x.getShape());
        }
        NDArray bce = x.maximum(x.zerosLike()).sub(x.mul(y)).add(x.abs().neg().exp().add(1f).log());
        NDArray w = x.getManager().create(weights);
        return bce.mean(new int[] {0}).mul(w).sum();
    }
}
