package io.github.djlsuite.vision.skan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Fourier features with K frequencies: G = 2K functions, input (B, D) to (B, D, G).
 *
 * <pre>
 *   [B_0..B_{G-1}](x) = [cos(1x), ..., cos(Kx), sin(1x), ..., sin(Kx)]
 * </pre>
 */
public final class FourierBasis extends BasisFunction {

    private final int frequencies;
    private final float[] k;

    private FourierBasis(Builder b) {
        frequencies = b.frequencies;
        k = new float[frequencies];
        for (int i = 0; i < frequencies; i++) {
            k[i] = i + 1;
        }
    }

    /** A builder with the spec's default K = 4. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public BasisFamily family() {
        return BasisFamily.FOURIER;
    }

    /** G = 2K. */
    @Override
    public int size() {
        return 2 * frequencies;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int axis = x.getShape().dimension();
        NDArray kx = x.expandDims(axis).mul(x.getManager().create(k));
        return new NDList(kx.cos().concat(kx.sin(), axis));
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "FourierBasis(frequencies=" + frequencies + ")";
    }

    /** Builder; every setting is optional. */
    public static final class Builder {
        private int frequencies = 4;

        /** Number of frequencies K, default 4. */
        public Builder optFrequencies(int v) {
            frequencies = v;
            return this;
        }

        /** Validates and builds. */
        public FourierBasis build() {
            if (frequencies < 1) {
                throw new IllegalArgumentException("frequencies must be >= 1, got " + frequencies);
            }
            return new FourierBasis(this);
        }
    }
}
