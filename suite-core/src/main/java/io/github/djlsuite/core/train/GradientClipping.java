package io.github.djlsuite.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.util.Pair;

/**
 * Rescales all gradients by {@code min(1, maxNorm / ||g||)}, where {@code ||g||} is the global L2
 * norm over every trainable parameter. Runs after back-propagation and before the optimizer step
 * (DJL calls {@code onTrainingBatch} between the two). DJL's own {@code optClipGrad} clips each
 * value separately; this keeps the gradient's direction.
 */
public final class GradientClipping extends TrainingListenerAdapter {

    private final float maxNorm;

    /** Clips to {@code maxNorm} (> 0). */
    public GradientClipping(float maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("maxNorm must be > 0, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        double sumSquares = 0;
        for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
            NDArray w = p.getValue().getArray();
            if (w.hasGradient()) {
                try (NDArray sq = w.getGradient().square().sum()) {
                    sumSquares += sq.getFloat();
                }
            }
        }
        double norm = Math.sqrt(sumSquares);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
                NDArray w = p.getValue().getArray();
                if (w.hasGradient()) {
                    w.getGradient().muli(scale);
                }
            }
        }
    }
}
