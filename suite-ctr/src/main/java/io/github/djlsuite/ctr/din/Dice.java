package io.github.djlsuite.ctr.din;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Dice, DIN's data-adaptive activation (paper eq. 9), and PReLU as its hard-gated special case.
 * <pre>
 *   p(s) = σ((s − E[s]) / √(Var[s] + ε))          gate {@link Gate#BATCH_STATISTICS} (Dice)
 *   p(s) = 1[s &gt; 0]                               gate {@link Gate#STEP} (PReLU)
 *   f(s) = p(s)·s + (1 − p(s))·α·s = α·s + p(s)·(s − α·s)
 * </pre>
 * per column h: α ∈ R^H is learned per dimension (init 0 for Dice, as the paper and FuxiCTR;
 * PyTorch's PReLU uses 0.25). Input and output {@code (N, H)}.
 *
 * <p>E[s] and Var[s] are the mini-batch mean and (biased) variance of each column in training mode
 * and running averages at inference, computed by a DJL {@link BatchNorm} without affine parameters
 * (FuxiCTR's {@code Dice}: {@code BatchNorm1d(affine=False)}). <b>Momentum convention</b>: DJL's
 * (MXNet's) — {@code running = momentum·running + (1 − momentum)·batch} — so the default 0.99 equals
 * PyTorch/FuxiCTR's {@code momentum=0.01}. ε defaults to 1e-8 (paper; FuxiCTR uses 1e-9). In
 * inference mode the output of a row therefore depends on that row only; in training mode it
 * depends on the whole batch (as BatchNorm). On MXNet a training-mode forward must run inside a
 * {@code GradientCollector} (the Trainer does this), and the running statistics are updated in the
 * backward pass (PyTorch updates them in the forward pass): after a full training step both engines
 * hold the same running averages.
 */
public final class Dice extends AbstractBlock {

    private static final byte VERSION = 1;

    /** How the gate p(s) is computed. */
    public enum Gate {
        /** Dice: sigmoid of the batch-normalised input. */
        BATCH_STATISTICS,
        /** PReLU: p(s) = 1[s &gt; 0]. */
        STEP
    }

    private final Gate gate;
    private final float alphaInit;
    private final BatchNorm norm;
    private final Parameter alpha;
    private long dim = -1;

    private Dice(Builder b) {
        super(VERSION);
        gate = b.gate;
        alphaInit = b.alphaInit;
        norm = gate == Gate.STEP ? null
                : addChildBlock("norm", BatchNorm.builder().optAxis(1).optCenter(false).optScale(false)
                        .optEpsilon(b.epsilon).optMomentum(b.momentum).build());
        alpha = addParameter(Parameter.builder().setName("alpha").setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(alphaInit)).build());
    }

    /** A builder with Dice's defaults (batch statistics, α init 0, ε 1e-8, DJL momentum 0.99). */
    public static Builder builder() {
        return new Builder();
    }

    /** PReLU: {@code max(s, 0) + α·min(s, 0)} with α per dimension, initialised to {@code alphaInit}. */
    public static Dice prelu(float alphaInit) {
        return builder().optGate(Gate.STEP).optAlphaInit(alphaInit).build();
    }

    /** The gate. */
    public Gate gate() {
        return gate;
    }

    /** The learned α, {@code (H)}; available after initialisation. */
    public Parameter alpha() {
        return alpha;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray s = inputs.singletonOrThrow();
        NDArray a = ps.getValue(alpha, s.getDevice(), training);
        NDArray p = gate == Gate.STEP ? s.gt(0f).toType(s.getDataType(), false)
                : ai.djl.nn.Activation.sigmoid(norm.forward(ps, inputs, training, params).head());
        // f = s · (α + p·(1 − α)): three passes over the (N, H) activations instead of four, fewer in backward
        return new NDList(s.mul(p.mul(a.neg().add(1f)).add(a)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        if (inputShapes[0].dimension() != 2) {
            throw new IllegalArgumentException("Dice expects (N, H) input, got " + inputShapes[0]);
        }
        dim = inputShapes[0].get(1);
    }

    @Override
    protected void prepare(Shape[] inputs) {
        alpha.setShape(new Shape(dim));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (norm != null) {
            norm.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeInt(gate.ordinal());
        os.writeLong(dim);
    }

    @Override
    public void loadMetadata(byte version, DataInputStream is) throws IOException, MalformedModelException {
        if (version != VERSION) {
            throw new MalformedModelException("Dice version " + version + " unsupported");
        }
        readInputShapes(is);
        int g = is.readInt();
        long d = is.readLong();
        if (g != gate.ordinal()) {
            throw new MalformedModelException("saved Dice gate " + g + ", built " + gate);
        }
        dim = d;
    }

    /** Builder: every setting optional. */
    public static final class Builder {
        private Gate gate = Gate.BATCH_STATISTICS;
        private float alphaInit;
        private float epsilon = 1e-8f;
        private float momentum = 0.99f;

        /** The gate; default {@link Gate#BATCH_STATISTICS} (Dice). */
        public Builder optGate(Gate v) {
            gate = java.util.Objects.requireNonNull(v, "gate");
            return this;
        }

        /** Initial α; default 0. */
        public Builder optAlphaInit(float v) {
            alphaInit = v;
            return this;
        }

        /** ε of the normalisation; default 1e-8 (> 0). */
        public Builder optEpsilon(float v) {
            epsilon = v;
            return this;
        }

        /**
         * Running-average momentum in DJL's convention ({@code running ← m·running + (1 − m)·batch});
         * default 0.99 (= PyTorch momentum 0.01). In [0, 1).
         */
        public Builder optMomentum(float v) {
            momentum = v;
            return this;
        }

        /** Validates and builds. */
        public Dice build() {
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("Dice epsilon must be > 0, got " + epsilon);
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("Dice momentum must be in [0, 1), got " + momentum);
            }
            if (!Float.isFinite(alphaInit)) {
                throw new IllegalArgumentException("Dice alpha init must be finite, got " + alphaInit);
            }
            return new Dice(this);
        }
    }
}
