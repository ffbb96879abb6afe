package io.github.djlsuite.ctr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.Objects;

/**
 * The DNN baseline: field embeddings, flattened, through one MLP with an output layer.
 * <pre>
 *   e = [e_1; …; e_F] ∈ R^{F·d}          ({@link FeatureEmbedding})
 *   logit = MLP(e) ∈ R^T                 ({@link CtrMlp}, hidden layers then Linear(T))
 * </pre>
 * Input: a batch in {@link CtrLayout} order. Output: <b>logits</b> {@code (B, T)}, T = the layout's
 * label count; train with {@code Loss.sigmoidBinaryCrossEntropyLoss()} and read probabilities as
 * σ(logit). Every CTR model of the suite outputs logits.
 */
public final class Dnn extends AbstractBlock {

    private static final byte VERSION = 1;

    private final FeatureEmbedding embedding;
    private final SequentialBlock mlp;

    private Dnn(Builder b) {
        super(VERSION);
        embedding = addChildBlock("embedding", b.embedding());
        mlp = addChildBlock("mlp", CtrMlp.builder().setHidden(b.hidden).optBatchNorm(b.batchNorm)
                .optDropout(b.dropout).optOutputUnits(b.layout.numTasks()).build());
    }

    /** A builder; {@code setLayout} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The embedding layer. */
    public FeatureEmbedding embedding() {
        return embedding;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray e = embedding.forward(ps, inputs, training, params).head();
        return mlp.forward(ps, new NDList(e.reshape(e.getShape().get(0), -1)), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), embedding.layout().numTasks())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        embedding.initialize(manager, dataType, inputs);
        Shape e = embedding.getOutputShapes(inputs)[0];
        mlp.initialize(manager, dataType, new Shape(e.get(0), e.get(1) * e.get(2)));
    }

    /** Builder with FuxiCTR's defaults (d = 10, hidden [64, 64, 64], no BatchNorm, no dropout). */
    public static final class Builder {
        CtrLayout layout;
        int embeddingDim = 10;
        long[] hidden = {64, 64, 64};
        boolean batchNorm;
        float dropout;

        /** The input contract (required). */
        public Builder setLayout(CtrLayout v) {
            layout = Objects.requireNonNull(v);
            return this;
        }

        /** d, default 10. */
        public Builder optEmbeddingDim(int v) {
            embeddingDim = v;
            return this;
        }

        /** Hidden widths, default [64, 64, 64]. */
        public Builder optHidden(long... v) {
            hidden = v.clone();
            return this;
        }

        /** BatchNorm in the MLP, default false. */
        public Builder optBatchNorm(boolean v) {
            batchNorm = v;
            return this;
        }

        /** Dropout in the MLP, default 0. */
        public Builder optDropout(float v) {
            dropout = v;
            return this;
        }

        FeatureEmbedding embedding() {
            return FeatureEmbedding.builder().setLayout(layout).setEmbeddingDim(embeddingDim).build();
        }

        /** Validates and builds. */
        public Dnn build() {
            Objects.requireNonNull(layout, "layout is required");
            return new Dnn(this);
        }
    }
}
