package io.github.djlsuite.vision.skan;

import io.github.djlsuite.core.nn.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * Mexican-hat (Ricker) wavelets with a learnable scale and shift per feature and function: G
 * functions, input (B, D) to (B, D, G), parameters {@code scale} a and {@code shift} b of shape (D, G).
 *
 * <pre>
 *   B_g(x_i) = psi((x_i - b[i, g]) / a[i, g]),  psi(t) = (1 - t^2) exp(-t^2 / 2)
 * </pre>
 * Initialisation: a = 1, b evenly spaced over [-1, 1] along g (the same for every feature i).
 */
public final class MexicanHatWaveletBasis extends BasisFunction {

    private final int size;
    private final Parameter scale;
    private final Parameter shift;

    private MexicanHatWaveletBasis(Builder b) {
        size = b.size;
        scale = addParameter(Parameter.builder().setName("scale").setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(1f)).build());
        shift = addParameter(Parameter.builder().setName("shift").setType(Parameter.Type.OTHER)
                .optInitializer(MexicanHatWaveletBasis::evenlySpacedShifts).build());
    }

    /** A builder with the spec's default G = 8. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    public BasisFamily family() {
        return BasisFamily.WAVELET;
    }

    /** {@inheritDoc} */
    @Override
    public int size() {
        return size;
    }

    /** Sets a and b to (D, G), D being the last input axis. */
    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape params = new Shape(inputShapes[0].tail(), size);
        scale.setShape(params);
        shift.setShape(params);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray a = ps.getValue(scale, x.getDevice(), training);
        NDArray b = ps.getValue(shift, x.getDevice(), training);
        NDArray t = x.expandDims(x.getShape().dimension()).sub(b).div(a);
        NDArray t2 = t.square();
        return new NDList(t2.neg().add(1f).mul(Scalars.mul(t2, -0.5f).exp()));
    }

    /** b[i, g] = -1 + 2g / (G - 1). */
    private static NDArray evenlySpacedShifts(NDManager manager, Shape shape, DataType dataType) {
        int rows = (int) shape.get(0);
        int cols = (int) shape.get(1);
        float[] values = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int g = 0; g < cols; g++) {
                values[i * cols + g] = (float) (-1 + 2.0 * g / (cols - 1));
            }
        }
        return manager.create(values, shape).toType(dataType, false);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "MexicanHatWaveletBasis(size=" + size + ")";
    }

    /** Builder; every setting is optional. */
    public static final class Builder {
        private int size = 8;

        /** Number of wavelets G per feature, default 8. */
        public Builder optSize(int v) {
            size = v;
            return this;
        }

        /** Validates and builds. */
        public MexicanHatWaveletBasis build() {
            if (size < 2) {
                throw new IllegalArgumentException("size must be >= 2, got " + size);
            }
            return new MexicanHatWaveletBasis(this);
        }
    }
}
