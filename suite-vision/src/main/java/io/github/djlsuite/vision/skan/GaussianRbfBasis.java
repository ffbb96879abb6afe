package io.github.djlsuite.vision.skan;

import io.github.djlsuite.core.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Gaussian radial basis functions with G evenly spaced centres, input (B, D) to (B, D, G).
 *
 * <pre>
 *   B_g(x) = exp(-((x - mu_g) / h)^2),  mu_g = min + g h,  h = (max - min) / (G - 1)
 * </pre>
 */
public final class GaussianRbfBasis extends BasisFunction {

    private final int size;
    private final float min;
    private final float max;
    private final float[] centres;
    private final float width;

    private GaussianRbfBasis(Builder b) {
        size = b.size;
        min = b.min;
        max = b.max;
        double h = ((double) max - min) / (size - 1);
        width = (float) h;
        centres = new float[size];
        for (int g = 0; g < size; g++) {
            centres[g] = (float) (min + g * h);
        }
    }

    /** A builder with the spec's defaults: 8 centres over [-2, 2]. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public BasisFamily family() {
        return BasisFamily.RBF;
    }

    /** {@inheritDoc} */
    @Override
    public int size() {
        return size;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray z = x.expandDims(x.getShape().dimension()).sub(x.getManager().create(centres));
        z = Scalars.div(z, width); // autograd-safe scalar (see Scalars)
        return new NDList(z.square().neg().exp());
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "GaussianRbfBasis(size=" + size + ", range=[" + min + ", " + max + "])";
    }

    /** Builder; every setting is optional. */
    public static final class Builder {
        private int size = 8;
        private float min = -2f;
        private float max = 2f;

        /** Number of centres G, default 8. */
        public Builder optSize(int v) {
            size = v;
            return this;
        }

        /** Centres of the first and last bump, default [-2, 2]. */
        public Builder optRange(float lo, float hi) {
            min = lo;
            max = hi;
            return this;
        }

        /** Validates and builds. */
        public GaussianRbfBasis build() {
            if (size < 2) {
                throw new IllegalArgumentException("size must be >= 2, got " + size);
            }
            checkRange(min, max);
            return new GaussianRbfBasis(this);
        }
    }
}
