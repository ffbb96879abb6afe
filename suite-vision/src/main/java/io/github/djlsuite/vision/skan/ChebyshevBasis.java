package io.github.djlsuite.vision.skan;

import io.github.djlsuite.core.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Chebyshev polynomials of the first kind of u = tanh(x): G = degree + 1 functions T_0(u)..T_n(u),
 * input (B, D) to (B, D, G).
 *
 * <pre>
 *   T_0 = 1,  T_1 = u,  T_{n+1} = 2u T_n - T_{n-1}
 * </pre>
 * tanh maps every input into (-1, 1), where T_n(cos θ) = cos(nθ). The recursion, rather than
 * cos(n·acos u), keeps the gradient finite where tanh saturates to ±1.
 */
public final class ChebyshevBasis extends BasisFunction {

    private final int degree;

    private ChebyshevBasis(Builder b) {
        degree = b.degree;
    }

    /** A builder with the spec's default degree 4. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public BasisFamily family() {
        return BasisFamily.CHEBYSHEV;
    }

    /** G = degree + 1. */
    @Override
    public int size() {
        return degree + 1;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray u = x.tanh();
        NDArray twoU = Scalars.mul(u, 2f); // autograd-safe scalar (see Scalars)
        NDList t = new NDList(degree + 1);
        t.add(u.onesLike());
        t.add(u);
        for (int n = 1; n < degree; n++) {
            t.add(twoU.mul(t.get(n)).sub(t.get(n - 1)));
        }
        return new NDList(NDArrays.stack(t, x.getShape().dimension()));
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "ChebyshevBasis(degree=" + degree + ")";
    }

    /** Builder; every setting is optional. */
    public static final class Builder {
        private int degree = 4;

        /** The highest polynomial degree n, default 4. */
        public Builder optDegree(int v) {
            degree = v;
            return this;
        }

        /** Validates and builds. */
        public ChebyshevBasis build() {
            if (degree < 1) {
                throw new IllegalArgumentException("degree must be >= 1, got " + degree);
            }
            return new ChebyshevBasis(this);
        }
    }
}
