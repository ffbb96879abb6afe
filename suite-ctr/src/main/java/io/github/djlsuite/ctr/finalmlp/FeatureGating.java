package io.github.djlsuite.ctr.finalmlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.github.djlsuite.core.nn.Scalars;
import io.github.djlsuite.ctr.CtrMlp;
import java.util.Arrays;

/**
 * FinalMLP's stream-specific feature gating (FuxiCTR's {@code FeatureSelection}, one stream):
 * <pre>
 *   c = b ∈ R^d (learned, init 0, broadcast over the batch)      without context fields
 *   c = [e_{f1}; …; e_{fm}] ∈ R^{m·d}                              with context fields f1..fm
 *   g = 2 · σ(W_2 ReLU(W_1 c + b_1) + b_2) ∈ (0, 2)^{F·d}          (hidden [64] by default)
 *   x = e ⊙ g
 * </pre>
 * Input: {@code [e (B, F·d)]} without context, {@code [e (B, F·d), c (B, m·d)]} with it. Output:
 * {@code [x (B, F·d), g]} with g {@code (1, F·d)} without context (one gate for every sample) and
 * {@code (B, F·d)} with it. Since g = 1 when the last layer's weights and bias are 0, the stream
 * then sees the embeddings unchanged. Init: xavier-normal weights, zero biases, b = 0.
 */
public final class FeatureGating extends AbstractBlock {

    private static final byte VERSION = 1;

    private final long featureDim;
    private final int embeddingDim;
    private final boolean context;
    private final SequentialBlock gate;
    private final Parameter contextBias;

    private FeatureGating(Builder b) {
        super(VERSION);
        featureDim = b.featureDim;
        embeddingDim = b.embeddingDim;
        context = b.context;
        SequentialBlock mlp = new SequentialBlock();
        for (long h : b.hidden) {
            mlp.add(Linear.builder().setUnits(h).build()).add(Activation.reluBlock());
        }
        mlp.add(Linear.builder().setUnits(featureDim).build());
        gate = addChildBlock("gate", CtrMlp.xavierNormalWeights(mlp));
        contextBias = context ? null : addParameter(Parameter.builder().setName("context_bias")
                .setType(Parameter.Type.OTHER).optInitializer(Initializer.ZEROS).build());
    }

    /** A builder; {@code setFeatureDim} and {@code setEmbeddingDim} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The gate MLP (its last block is the output Linear). */
    SequentialBlock gateMlp() {
        return gate;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray e = inputs.get(0);
        if (e.getShape().dimension() != 2 || e.getShape().get(1) != featureDim) {
            throw new IllegalArgumentException("FeatureGating expects e of shape (B, " + featureDim + "), got "
                    + e.getShape());
        }
        NDArray c;
        if (context) {
            if (inputs.size() != 2) {
                throw new IllegalArgumentException("FeatureGating with context fields expects [e, context], got "
                        + inputs.size() + " array(s)");
            }
            c = inputs.get(1);
        } else {
            // zeros + b: the result, and everything computed from it, lives on the batch's manager
            c = e.getManager().zeros(new Shape(1, embeddingDim), e.getDataType())
                    .add(ps.getValue(contextBias, e.getDevice(), training));
        }
        NDArray z = gate.forward(ps, new NDList(c), training, params).head();
        NDArray g = Scalars.mul(Activation.sigmoid(z), 2f);
        return new NDList(e.mul(g), g);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0], new Shape(context ? inputs[0].get(0) : 1, featureDim)};
    }

    @Override
    protected void prepare(Shape[] inputs) {
        if (contextBias != null) {
            contextBias.setShape(new Shape(1, embeddingDim));
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        if (context && inputs.length != 2) {
            throw new IllegalArgumentException("FeatureGating with context fields needs two input shapes, got "
                    + Arrays.toString(inputs));
        }
        gate.initialize(manager, dataType, context ? inputs[1] : new Shape(1, embeddingDim));
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private long featureDim;
        private int embeddingDim;
        private long[] hidden = {64};
        private boolean context;

        /** F·d, the width of e and of the gate (required). */
        public Builder setFeatureDim(long v) {
            featureDim = v;
            return this;
        }

        /** d, the width of the learned context b when there are no context fields (required). */
        public Builder setEmbeddingDim(int v) {
            embeddingDim = v;
            return this;
        }

        /** Hidden widths of the gate MLP, default [64] (FuxiCTR's fs_hidden_units). */
        public Builder optHidden(long... v) {
            hidden = v.clone();
            return this;
        }

        /** Whether the gate is conditioned on context-field embeddings (second input); default false. */
        public Builder optContext(boolean v) {
            context = v;
            return this;
        }

        /** Validates and builds. */
        public FeatureGating build() {
            if (featureDim <= 0 || embeddingDim <= 0) {
                throw new IllegalArgumentException("feature dim and embedding dim must be > 0, got " + featureDim
                        + " and " + embeddingDim);
            }
            for (long h : hidden) {
                if (h <= 0) {
                    throw new IllegalArgumentException("gate hidden widths must be > 0, got "
                            + Arrays.toString(hidden));
                }
            }
            return new FeatureGating(this);
        }
    }
}
