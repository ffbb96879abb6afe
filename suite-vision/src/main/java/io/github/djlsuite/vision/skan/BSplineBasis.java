package io.github.djlsuite.vision.skan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * B-splines of order k on a uniform grid: G = grid + k functions B_{m,k}, m = 0..G-1, input
 * (B, D) to (B, D, G).
 *
 * <p>Knots: step h = (max - min) / grid, extended by k knots on each side, t_m = min + (m - k) h for
 * m = 0..grid + 2k. Cox-de Boor recursion from the order-0 indicators:
 * <pre>
 *   B_{m,0}(x) = [t_m &lt;= x &lt; t_{m+1}]
 *   B_{m,p}(x) = (x - t_m) / (p h) · B_{m,p-1}(x) + (t_{m+p+1} - x) / (p h) · B_{m+1,p-1}(x)
 * </pre>
 * Inside [min, max] the functions sum to 1; outside [t_0, t_{grid+2k}] they are all 0. The
 * gradient with respect to x is the closed-form derivative B'_{m,k} = (B_{m,k-1} - B_{m+1,k-1}) / h
 * rather than autograd through the recursion (about twice as fast in training); it is exact for
 * first derivatives, but second derivatives with respect to x are not supported.
 */
public final class BSplineBasis extends BasisFunction {

    private final int grid;
    private final int order;
    private final float min;
    private final float max;
    private final float[] knots;
    private final float inverseScale;

    private BSplineBasis(Builder b) {
        grid = b.grid;
        order = b.order;
        min = b.min;
        max = b.max;
        double h = ((double) max - min) / grid;
        knots = new float[grid + 2 * order + 1];
        for (int m = 0; m < knots.length; m++) {
            knots[m] = (float) (min + (m - order) * h);
        }
        double scale = 1; // k! h^k
        for (int p = 1; p <= order; p++) {
            scale *= p * h;
        }
        inverseScale = (float) (1 / scale);
    }

    /** A builder with the spec's defaults: grid 5, order 3, range [-1, 1]. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public BasisFamily family() {
        return BasisFamily.BSPLINE;
    }

    /** G = grid + order. */
    @Override
    public int size() {
        return grid + order;
    }

    /** The extended knot vector t_0..t_{grid+2k} (a copy). */
    public float[] knots() {
        return knots.clone();
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int axis = x.getShape().dimension();
        int last = knots.length;
        // The recursion runs on a constant copy of x; its derivative is attached in closed form below.
        NDArray xc = x.stopGradient();
        // d_m = x - t_m for all knots at once: (..., D, T).
        NDArray d = xc.expandDims(axis).sub(x.getManager().create(knots));
        // Order 0: [t_m <= x < t_{m+1}] = [x >= t_m] - [x >= t_{m+1}], knots being increasing.
        NDArray step = d.gte(0f).toType(x.getDataType(), false);
        NDArray q = step.get(slice(0, last - 1)).sub(step.get(slice(1, last)));
        // Cox-de Boor with (t_{m+p+1} - x) = -d_{m+p+1}; every term is a product of non-negative
        // factors on its support, so the values stay >= 0 in floating point. On a uniform grid the
        // denominators p·h are constants: Q_p = p! h^p B_p is carried and scaled once at the end.
        NDArray lower = q;
        for (int p = 1; p <= order; p++) {
            int n = last - 1 - p;
            lower = q;
            q = d.get(slice(0, n)).mul(q.get(slice(0, n)))
                    .sub(d.get(slice(p + 1, p + 1 + n)).mul(q.get(slice(1, n + 1))));
        }
        // Back-propagating through the recursion would cost about twice its forward pass. The
        // derivative is known (de Boor): B'_{m,k} = (B_{m,k-1} - B_{m+1,k-1}) / h on a uniform grid, so
        // it is attached as (x - stopGradient(x)) · B', which is 0 in the forward pass and gives
        // exactly B' in the backward pass. (First derivatives only: do not differentiate twice.)
        // (lower and q come from the detached copy, so their scalar products never reach autograd)
        int g = size();
        NDArray slope = lower.get(slice(0, g)).sub(lower.get(slice(1, g + 1))).mul(order * inverseScale);
        return new NDList(q.mul(inverseScale).add(x.sub(xc).expandDims(axis).mul(slope)));
    }

    private static NDIndex slice(long from, long to) {
        return new NDIndex().addEllipseDim().addSliceDim(from, to);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "BSplineBasis(grid=" + grid + ", order=" + order + ", range=[" + min + ", " + max + "])";
    }

    /** Builder; every setting is optional. */
    public static final class Builder {
        private int grid = 5;
        private int order = 3;
        private float min = -1f;
        private float max = 1f;

        /** Number of grid intervals inside the range, default 5. */
        public Builder optGrid(int v) {
            grid = v;
            return this;
        }

        /** Spline order k (3 = cubic), default 3. */
        public Builder optOrder(int v) {
            order = v;
            return this;
        }

        /** The interval the grid covers, default [-1, 1]. */
        public Builder optRange(float lo, float hi) {
            min = lo;
            max = hi;
            return this;
        }

        /** Validates and builds. */
        public BSplineBasis build() {
            if (grid <= 0) {
                throw new IllegalArgumentException("grid must be > 0, got " + grid);
            }
            if (order < 1) {
                throw new IllegalArgumentException("order must be >= 1, got " + order);
            }
            checkRange(min, max);
            return new BSplineBasis(this);
        }
    }
}
