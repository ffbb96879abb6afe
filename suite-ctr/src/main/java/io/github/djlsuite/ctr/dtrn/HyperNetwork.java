package io.github.djlsuite.ctr.dtrn;

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
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.github.djlsuite.ctr.CtrMlp;

/**
 * DTRN's hypernetwork [R]: maps a (task, behaviour) context to the parameters of a DIN-style
 * activation unit.
 * <pre>
 *   c_{t,b} = [τ_t ; η_b] ∈ R^{2·d_c}
 *   θ_{t,b} = Linear_{64→P}( ReLU( Linear_{2d_c→64}(c_{t,b}) ) ) ∈ R^P,   P = 4d·h + 2h + 1
 *   θ = [vec(W1) (4d·h, row-major 4d × h) ; b1 (h) ; w2 (h) ; b2 (1)]
 * </pre>
 * Input {@code (N, 2·d_c)} contexts; output {@code (N, P)}. One hypernetwork serves all T·Bt pairs.
 * The hidden Linear is xavier-normal; the output Linear's weight is N(0, {@code outputStd}²)
 * (default 0.01) and its bias 0, so generated units start small. The generated parameters are
 * activations, not Parameters: {@link TaskSpecificInterestModule} applies them with plain
 * {@code matMul}.
 */
public final class HyperNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int embeddingDim;
    private final int attentionHidden;
    private final int hidden;
    private final Linear first;
    private final Linear output;

    private HyperNetwork(Builder b) {
        super(VERSION);
        embeddingDim = b.embeddingDim;
        attentionHidden = b.attentionHidden;
        hidden = b.hidden;
        first = addChildBlock("hidden", CtrMlp.xavierNormalWeights(Linear.builder().setUnits(hidden).build()));
        output = addChildBlock("output", Linear.builder().setUnits(parameterCount(embeddingDim, attentionHidden))
                .build());
        output.setInitializer(new NormalInitializer(b.outputStd), Parameter.Type.WEIGHT);
    }

    /** P = 4d·h + 2h + 1, the size of one generated activation unit. */
    public static int parameterCount(int embeddingDim, int attentionHidden) {
        return 4 * embeddingDim * attentionHidden + 2 * attentionHidden + 1;
    }

    /** P for this hypernetwork. */
    public int parameterCount() {
        return parameterCount(embeddingDim, attentionHidden);
    }

    /** The output Linear (tests set it to a constant). */
    public Linear outputLayer() {
        return output;
    }

    /** d, the embedding width the generated unit reads. */
    public int embeddingDim() {
        return embeddingDim;
    }

    /** h, the hidden width of the generated unit. */
    public int attentionHidden() {
        return attentionHidden;
    }

    /** A builder; {@code setEmbeddingDim} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList h = first.forward(ps, inputs, training, params);
        return output.forward(ps, new NDList(Activation.relu(h.singletonOrThrow())), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), parameterCount())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        first.initialize(manager, dataType, inputs[0]);
        output.initialize(manager, dataType, new Shape(inputs[0].get(0), hidden));
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private int embeddingDim;
        private int attentionHidden = 16;
        private int hidden = 64;
        private float outputStd = 0.01f;

        /** d (required). */
        public Builder setEmbeddingDim(int v) {
            embeddingDim = v;
            return this;
        }

        /** h, hidden width of the generated activation unit; default 16. */
        public Builder optAttentionHidden(int v) {
            attentionHidden = v;
            return this;
        }

        /** Hidden width of the hypernetwork itself; default 64. */
        public Builder optHidden(int v) {
            hidden = v;
            return this;
        }

        /** σ of the output layer's weights; default 0.01. */
        public Builder optOutputStd(float v) {
            outputStd = v;
            return this;
        }

        /** Validates and builds. */
        public HyperNetwork build() {
            if (embeddingDim <= 0 || attentionHidden <= 0 || hidden <= 0 || !(outputStd > 0)) {
                throw new IllegalArgumentException("hypernetwork needs d, h, hidden > 0 and output std > 0, got "
                        + embeddingDim + ", " + attentionHidden + ", " + hidden + ", " + outputStd);
            }
            return new HyperNetwork(this);
        }
    }
}
