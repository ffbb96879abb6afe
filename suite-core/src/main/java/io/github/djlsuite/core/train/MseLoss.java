package io.github.djlsuite.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Mean squared error {@code mean((ŷ - y)²)}, labels reshaped to the prediction's shape.
 *
 * <p>The suite uses it instead of DJL's {@code Loss.l2Loss()}, which computes {@code ½·(y - ŷ)²}
 * with a Java-scalar multiplication that is unsafe under autograd on PyTorch (see
 * {@link io.github.djlsuite.core.nn.Scalars}); this one has no scalar operation at all.
 */
public final class MseLoss extends Loss {

    /** An MSE loss named "MSE". */
    public MseLoss() {
        super("MSE");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray pred = predictions.singletonOrThrow();
        NDArray label = labels.singletonOrThrow().reshape(pred.getShape());
        return pred.sub(label).square().mean();
    }
}
