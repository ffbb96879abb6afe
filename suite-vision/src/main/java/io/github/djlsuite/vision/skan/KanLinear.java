package io.github.djlsuite.vision.skan;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A Kolmogorov-Arnold layer with one basis family: every edge i -> j carries a learnable function
 * phi_ji(x_i) = W_base[j, i] silu(x_i) + sum_g C[j, i, g] B_g(x_i), input (B, D) to output (B, out).
 *
 * <pre>
 *   y_j = sum_i W_base[j, i] silu(x_i) + sum_{i, g} C[j, i, g] B_g(x_i) + bias_j
 * </pre>
 * The double sum is one matrix product of the flattened expansion (B, D·G) with C viewed as
 * (D·G, out). D is taken from the input at initialisation, as in DJL's {@code Linear}.
 *
 * <p>Parameters: {@code baseWeight} W_base (out, D), Kaiming-uniform with a = √5 (PyTorch's
 * {@code nn.Linear} default), i.e. U(-1/√D, 1/√D); {@code coefficients} C (out, D, G) ~
 * N(0, (0.1/√(D·G))²); {@code bias} (out) = 0 when enabled; plus the basis's own parameters, in
 * the child block {@code basis}.
 */
public final class KanLinear extends AbstractBlock {

    private static final byte VERSION = 1;

    private final long units;
    private final boolean hasBias;
    private final BasisFunction basis;
    private final Parameter baseWeight;
    private final Parameter coefficients;
    private final Parameter bias;

    private KanLinear(Builder b) {
        super(VERSION);
        units = b.units;
        hasBias = b.bias;
        basis = addChildBlock("basis", b.basis);
        baseWeight = addParameter(Parameter.builder().setName("baseWeight").setType(Parameter.Type.WEIGHT)
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.IN, 1))
                .build());
        coefficients = addParameter(Parameter.builder().setName("coefficients").setType(Parameter.Type.WEIGHT)
                .optInitializer(KanLinear::coefficientInit).build());
        bias = hasBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build()) : null;
    }

    /** A builder; {@code setUnits} and {@code setBasis} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of outputs. */
    public long getUnits() {
        return units;
    }

    /** The basis this layer expands its inputs with. */
    public BasisFunction getBasis() {
        return basis;
    }

    /** Whether the layer adds a bias. */
    public boolean hasBias() {
        return hasBias;
    }

    /**
     * The parameters one output node owns: D·G coefficients + D base weights + 1 bias (if enabled).
     * Needs an initialised (or loaded) block.
     */
    public long parametersPerUnit() {
        long d = inputFeatures();
        return d * basis.size() + d + (hasBias ? 1 : 0);
    }

    /** The trainable parameters of the basis, shared by all output nodes (2·D·G for the wavelet, else 0). */
    public long basisParameterCount() {
        long n = 0;
        for (Parameter p : basis.getParameters().values()) {
            if (p.requiresGradient()) {
                n += p.getArray().size();
            }
        }
        return n;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        NDArray w = ps.getValue(baseWeight, device, training);
        NDArray c = ps.getValue(coefficients, device, training);
        NDArray b = ps.getValue(bias, device, training);
        NDArray phi = basis.forward(ps, inputs, training, params).singletonOrThrow(); // (B, D, G)
        long dg = c.getShape().get(1) * c.getShape().get(2);
        // linear(a, W) = a W^T: the (B, D·G) expansion times C viewed as (D·G, out).
        NDArray spline = Linear.linear(phi.reshape(-1, dg), c.reshape(units, dg)).singletonOrThrow();
        NDArray base = Linear.linear(x.mul(Activation.sigmoid(x)), w, b).singletonOrThrow();
        return new NDList(base.add(spline));
    }

    /** (B, D) to (B, out). */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 2) {
            throw new IllegalArgumentException("KanLinear expects input (B, D), got " + in);
        }
        long d = in.get(1);
        baseWeight.setShape(new Shape(units, d));
        coefficients.setShape(new Shape(units, d, basis.size()));
        if (bias != null) {
            bias.setShape(new Shape(units));
        }
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        basis.initialize(manager, dataType, inputShapes[0]);
    }

    /** {@inheritDoc} */
    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(units);
        os.writeBoolean(hasBias);
    }

    /** {@inheritDoc} */
    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException("KanLinear version " + loadVersion + " unsupported, expected " + VERSION);
        }
        readInputShapes(is);
        long savedUnits = is.readLong();
        boolean savedBias = is.readBoolean();
        if (savedUnits != units || savedBias != hasBias) {
            throw new MalformedModelException("parameters were saved for KanLinear(units=" + savedUnits + ", bias="
                    + savedBias + "), this block has units=" + units + ", bias=" + hasBias);
        }
    }

    /** D, from the initialised or loaded input shape. */
    long inputFeatures() {
        if (inputShapes == null) {
            throw new IllegalStateException("KanLinear is not initialised: call initialize or loadParameters first");
        }
        return inputShapes[0].get(1);
    }

    /** C ~ N(0, sigma^2), sigma = 0.1 / sqrt(D·G), shape (out, D, G). */
    private static NDArray coefficientInit(NDManager manager, Shape shape, DataType dataType) {
        float sigma = (float) (0.1 / Math.sqrt((double) shape.get(1) * shape.get(2)));
        return manager.randomNormal(0f, sigma, shape, dataType, manager.getDevice());
    }

    /** Builder: {@code set*} required, {@code opt*} optional; {@link #build()} validates. */
    public static final class Builder {
        private long units;
        private BasisFunction basis;
        private boolean bias = true;

        /** The number of outputs, required. */
        public Builder setUnits(long v) {
            units = v;
            return this;
        }

        /** The basis family, with the spec's default settings; this or {@link #setBasis(BasisFunction)} is required. */
        public Builder setBasis(BasisFamily family) {
            if (family == null) {
                throw new IllegalArgumentException("basis family must not be null");
            }
            basis = family.newBasis();
            return this;
        }

        /** A configured basis; it becomes this layer's child block, so it must not be shared. */
        public Builder setBasis(BasisFunction v) {
            basis = v;
            return this;
        }

        /** Whether to add a bias, default true. */
        public Builder optBias(boolean v) {
            bias = v;
            return this;
        }

        /** Validates and builds. */
        public KanLinear build() {
            if (units <= 0) {
                throw new IllegalArgumentException("units must be > 0, got " + units);
            }
            if (basis == null) {
                throw new IllegalArgumentException("basis must be set (setBasis), got null");
            }
            return new KanLinear(this);
        }
    }
}
