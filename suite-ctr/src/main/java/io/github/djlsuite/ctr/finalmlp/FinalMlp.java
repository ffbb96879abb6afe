package io.github.djlsuite.ctr.finalmlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.djlsuite.ctr.CtrMlp;
import io.github.djlsuite.ctr.FeatureEmbedding;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * FinalMLP (Mao et al., AAAI 2023): two MLP streams on differently gated copies of the field
 * embeddings, fused by a multi-head bilinear layer; with gating and fusion off it is DualMLP.
 * <pre>
 *   e   = [e_1; …; e_F] ∈ R^{F·d}                         {@link FeatureEmbedding}, (B, F·d)
 *   x_k = e ⊙ 2σ(MLP_k(c_k)),  k = 1, 2                  {@link FeatureGating}, (B, F·d)
 *   o_k = MLP_k(x_k)  (last hidden activation)           {@link CtrMlp} without output layer, (B, d_k)
 *   logit = w_1ᵀo_1 + w_2ᵀo_2 + β + Σ_h o_1hᵀ W_h o_2h   {@link InteractionAggregation}, (B, T)
 * DualMLP (gating and fusion off):
 *   logit = MLP_1(e) + MLP_2(e)                          each MLP with a Linear(T) output layer
 * </pre>
 * Input: a batch in {@link CtrLayout} order. Output: <b>logits</b> {@code (B, T)}; train with
 * {@code Loss.sigmoidBinaryCrossEntropyLoss()}, probabilities are σ(logit). With gating off,
 * x_1 = x_2 = e; with fusion off, each stream ends in its own Linear(T) and the logits are added.
 * Init: embeddings N(0, 1e-4²), all Linear weights and W xavier-normal, biases and gate contexts 0.
 *
 * <pre>{@code
 * CtrLayout layout = CtrLayout.categorical(vocab, "click");
 * FinalMlp model = FinalMlp.builder().setLayout(layout).optMlp1(400, 400, 400).optMlp2(800)
 *         .optHeads(4).build();
 * FinalMlp dual = FinalMlp.builder().setLayout(layout).optFeatureGating(false).optFusion(false).build();
 * }</pre>
 */
public final class FinalMlp extends AbstractBlock {

    private static final byte VERSION = 1;

    private final FeatureEmbedding embedding;
    private final FeatureGating gate1;
    private final FeatureGating gate2;
    private final SequentialBlock mlp1;
    private final SequentialBlock mlp2;
    private final InteractionAggregation fusion;
    private final int[] context1;
    private final int[] context2;

    private FinalMlp(Builder b) {
        super(VERSION);
        int tasks = b.layout.numTasks();
        embedding = addChildBlock("embedding", FeatureEmbedding.builder().setLayout(b.layout)
                .setEmbeddingDim(b.embeddingDim).build());
        long featureDim = (long) embedding.numFields() * b.embeddingDim;
        context1 = b.context1;
        context2 = b.context2;
        if (b.gating) {
            gate1 = addChildBlock("gate1", FeatureGating.builder().setFeatureDim(featureDim)
                    .setEmbeddingDim(b.embeddingDim).optHidden(b.gateHidden).optContext(context1.length > 0).build());
            gate2 = addChildBlock("gate2", FeatureGating.builder().setFeatureDim(featureDim)
                    .setEmbeddingDim(b.embeddingDim).optHidden(b.gateHidden).optContext(context2.length > 0).build());
        } else {
            gate1 = null;
            gate2 = null;
        }
        long out = b.fusion ? 0 : tasks;
        mlp1 = addChildBlock("mlp1", CtrMlp.builder().setHidden(b.mlp1).optBatchNorm(b.batchNorm1)
                .optDropout(b.dropout1).optOutputUnits(out).build());
        mlp2 = addChildBlock("mlp2", CtrMlp.builder().setHidden(b.mlp2).optBatchNorm(b.batchNorm2)
                .optDropout(b.dropout2).optOutputUnits(out).build());
        fusion = b.fusion ? addChildBlock("fusion", InteractionAggregation.builder()
                .setDims(b.mlp1[b.mlp1.length - 1], b.mlp2[b.mlp2.length - 1]).optHeads(b.heads).optOutputs(tasks)
                .build()) : null;
    }

    /** A builder; {@code setLayout} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The spec's configuration for Criteo-like data (docs/papers/finalmlp): d = 10, MLP_1 [256, 256, 256],
     * MLP_2 [256], gate hidden [64], 4 heads, no BatchNorm or dropout.
     */
    public static FinalMlp criteo(CtrLayout layout) {
        return criteoBuilder(layout).build();
    }

    /** {@link #criteo}'s settings as a builder, for ablations. */
    public static Builder criteoBuilder(CtrLayout layout) {
        return builder().setLayout(layout).optEmbeddingDim(10).optMlp1(256, 256, 256).optMlp2(256)
                .optGateHidden(64).optHeads(4);
    }

    /** The embedding layer. */
    public FeatureEmbedding embedding() {
        return embedding;
    }

    /** Stream k's gate (k = 1, 2), or null when gating is off. */
    public FeatureGating gate(int k) {
        return k == 1 ? gate1 : gate2;
    }

    /** The fusion layer, or null for DualMLP. */
    public InteractionAggregation fusion() {
        return fusion;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray e3 = embedding.forward(ps, inputs, training, params).head(); // (B, F, d)
        NDArray e = e3.reshape(e3.getShape().get(0), -1);
        NDArray x1 = e;
        NDArray x2 = e;
        if (gate1 != null) {
            x1 = gate1.forward(ps, gateInput(e, e3, context1), training, params).head();
            x2 = gate2.forward(ps, gateInput(e, e3, context2), training, params).head();
        }
        NDArray o1 = mlp1.forward(ps, new NDList(x1), training, params).head();
        NDArray o2 = mlp2.forward(ps, new NDList(x2), training, params).head();
        if (fusion == null) {
            return new NDList(o1.add(o2));
        }
        return fusion.forward(ps, new NDList(o1, o2), training, params);
    }

    private static NDList gateInput(NDArray e, NDArray e3, int[] fields) {
        if (fields.length == 0) {
            return new NDList(e);
        }
        NDList parts = new NDList();
        for (int f : fields) {
            parts.add(e3.get(":, " + f + ", :"));
        }
        return new NDList(e, parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), embedding.layout().numTasks())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        embedding.initialize(manager, dataType, inputs);
        Shape s3 = embedding.getOutputShapes(inputs)[0];
        long batch = s3.get(0);
        Shape e = new Shape(batch, s3.get(1) * s3.get(2));
        if (gate1 != null) {
            gate1.initialize(manager, dataType, gateShapes(e, batch, s3.get(2), context1));
            gate2.initialize(manager, dataType, gateShapes(e, batch, s3.get(2), context2));
        }
        mlp1.initialize(manager, dataType, e);
        mlp2.initialize(manager, dataType, e);
        if (fusion != null) {
            fusion.initialize(manager, dataType, mlp1.getOutputShapes(new Shape[] {e})[0],
                    mlp2.getOutputShapes(new Shape[] {e})[0]);
        }
    }

    private static Shape[] gateShapes(Shape e, long batch, long d, int[] fields) {
        return fields.length == 0 ? new Shape[] {e} : new Shape[] {e, new Shape(batch, fields.length * d)};
    }

    /** Builder with FuxiCTR's FinalMLP defaults (d = 10, both MLPs [64, 64, 64], gate [64], 1 head). */
    public static final class Builder {
        private CtrLayout layout;
        private int embeddingDim = 10;
        private long[] mlp1 = {64, 64, 64};
        private long[] mlp2 = {64, 64, 64};
        private boolean batchNorm1;
        private boolean batchNorm2;
        private float dropout1;
        private float dropout2;
        private boolean gating = true;
        private long[] gateHidden = {64};
        private int[] context1 = new int[0];
        private int[] context2 = new int[0];
        private boolean fusion = true;
        private int heads = 1;

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

        /** Hidden widths of stream 1, default [64, 64, 64]. */
        public Builder optMlp1(long... v) {
            mlp1 = v.clone();
            return this;
        }

        /** Hidden widths of stream 2, default [64, 64, 64]. */
        public Builder optMlp2(long... v) {
            mlp2 = v.clone();
            return this;
        }

        /** BatchNorm in stream 1 and stream 2, default off. */
        public Builder optBatchNorm(boolean stream1, boolean stream2) {
            batchNorm1 = stream1;
            batchNorm2 = stream2;
            return this;
        }

        /** Dropout in stream 1 and stream 2, default 0. */
        public Builder optDropout(float stream1, float stream2) {
            dropout1 = stream1;
            dropout2 = stream2;
            return this;
        }

        /** Stream-specific feature gating, default on. */
        public Builder optFeatureGating(boolean v) {
            gating = v;
            return this;
        }

        /** Hidden widths of each gate MLP, default [64]. */
        public Builder optGateHidden(long... v) {
            gateHidden = v.clone();
            return this;
        }

        /**
         * Fields (rows of the embedding output, 0-based) whose embeddings condition stream 1's and
         * stream 2's gates, e.g. user fields and item fields; default none (a learned context).
         */
        public Builder optContextFields(int[] stream1, int[] stream2) {
            context1 = stream1.clone();
            context2 = stream2.clone();
            return this;
        }

        /** Multi-head bilinear fusion (default on); off gives DualMLP's summed output layers. */
        public Builder optFusion(boolean v) {
            fusion = v;
            return this;
        }

        /** k, the fusion heads, default 1; must divide the last width of both streams. */
        public Builder optHeads(int v) {
            heads = v;
            return this;
        }

        /** Validates and builds. */
        public FinalMlp build() {
            Objects.requireNonNull(layout, "layout is required");
            if (mlp1.length == 0 || mlp2.length == 0) {
                throw new IllegalArgumentException("both streams need at least one hidden layer, got "
                        + Arrays.toString(mlp1) + " and " + Arrays.toString(mlp2));
            }
            int fields = layout.numCategorical() + layout.numNumeric() + layout.sequences().size();
            for (int f : concat(context1, context2)) {
                if (f < 0 || f >= fields) {
                    throw new IllegalArgumentException("context field " + f + " out of range, the embedding has "
                            + fields + " fields");
                }
            }
            if (fusion && (mlp1[mlp1.length - 1] % heads != 0 || mlp2[mlp2.length - 1] % heads != 0 || heads <= 0)) {
                throw new IllegalArgumentException("the number of heads (" + heads + ") must divide both stream"
                        + " widths, got d1 = " + mlp1[mlp1.length - 1] + " and d2 = " + mlp2[mlp2.length - 1]);
            }
            return new FinalMlp(this);
        }

        private static int[] concat(int[] a, int[] b) {
            int[] c = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        }
    }
}
