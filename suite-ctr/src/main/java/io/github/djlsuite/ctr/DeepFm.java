package io.github.djlsuite.ctr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.djlsuite.core.nn.Scalars;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.Objects;

/**
 * DeepFM (Guo et al., IJCAI 2017): first-order terms, a factorisation machine over the field
 * embeddings, and a DNN on the same embeddings, summed.
 * <pre>
 *   e_f ∈ R^d (shared {@link FeatureEmbedding}),  w_f ∈ R (a second embedding of width 1)
 *   lr  = b + Σ_f w_f                                                  (B, 1)
 *   fm  = ½ Σ_k [ (Σ_f e_fk)² − Σ_f e_fk² ]  = Σ_{f&lt;g} ⟨e_f, e_g⟩      (B, 1)
 *   dnn = MLP([e_1; …; e_F])                                           (B, T)
 *   logit = lr + fm + dnn                                              (B, T), lr and fm broadcast
 * </pre>
 * Input: a batch in {@link CtrLayout} order. Output: <b>logits</b> {@code (B, T)}. For numeric
 * fields {@code w_f} and {@code e_f} are the value times a learned weight/vector.
 */
public final class DeepFm extends AbstractBlock {

    private static final byte VERSION = 1;

    private final FeatureEmbedding embedding;
    private final FeatureEmbedding firstOrder;
    private final SequentialBlock mlp;
    private final Parameter bias;

    private DeepFm(Dnn.Builder b) {
        super(VERSION);
        embedding = addChildBlock("embedding", b.embedding());
        firstOrder = addChildBlock("first_order", FeatureEmbedding.builder().setLayout(b.layout).setEmbeddingDim(1)
                .build());
        mlp = addChildBlock("mlp", CtrMlp.builder().setHidden(b.hidden).optBatchNorm(b.batchNorm)
                .optDropout(b.dropout).optOutputUnits(b.layout.numTasks()).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    /** A builder (the DNN builder: layout, d, hidden, BatchNorm, dropout); build with {@link Builder#build}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The shared embedding layer. */
    public FeatureEmbedding embedding() {
        return embedding;
    }

    /**
     * The FM second-order term of embeddings {@code e} (B, F, d): ½ Σ_k [(Σ_f e)² − Σ_f e²], shape
     * (B, 1).
     */
    public static NDArray fmTerm(NDArray e) {
        NDArray sum = e.sum(new int[] {1}); // (B, d)
        NDArray sumOfSquares = e.mul(e).sum(new int[] {1});
        return Scalars.mul(sum.mul(sum).sub(sumOfSquares), 0.5f).sum(new int[] {1}, true);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray e = embedding.forward(ps, inputs, training, params).head();
        NDArray w = firstOrder.forward(ps, inputs, training, params).head(); // (B, F, 1)
        NDArray b = ps.getValue(bias, e.getDevice(), training);
        NDArray lr = w.sum(new int[] {1}).add(b); // (B, 1)
        NDArray dnn = mlp.forward(ps, new NDList(e.reshape(e.getShape().get(0), -1)), training, params).head();
        return new NDList(dnn.add(lr.add(fmTerm(e))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), embedding.layout().numTasks())};
    }

    @Override
    protected void prepare(Shape[] inputs) {
        bias.setShape(new Shape(1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        embedding.initialize(manager, dataType, inputs);
        firstOrder.initialize(manager, dataType, inputs);
        Shape e = embedding.getOutputShapes(inputs)[0];
        mlp.initialize(manager, dataType, new Shape(e.get(0), e.get(1) * e.get(2)));
    }

    /** Builder with the DNN's options. */
    public static final class Builder {
        private final Dnn.Builder dnn = new Dnn.Builder();

        /** The input contract (required). */
        public Builder setLayout(CtrLayout v) {
            dnn.setLayout(v);
            return this;
        }

        /** d, default 10. */
        public Builder optEmbeddingDim(int v) {
            dnn.optEmbeddingDim(v);
            return this;
        }

        /** Hidden widths of the DNN part, default [64, 64, 64]. */
        public Builder optHidden(long... v) {
            dnn.optHidden(v);
            return this;
        }

        /** BatchNorm in the DNN part, default false. */
        public Builder optBatchNorm(boolean v) {
            dnn.optBatchNorm(v);
            return this;
        }

        /** Dropout in the DNN part, default 0. */
        public Builder optDropout(float v) {
            dnn.optDropout(v);
            return this;
        }

        /** Validates and builds. */
        public DeepFm build() {
            Objects.requireNonNull(dnn.layout, "layout is required");
            return new DeepFm(dnn);
        }
    }
}
