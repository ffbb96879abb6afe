package io.github.djlsuite.ctr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Shared-Bottom multi-task baseline: one bottom for all tasks, a shared MLP, a tower per task.
 * <pre>
 *   x = [e_1; …; e_F; u_1; …; u_Bt] ∈ R^{(F+Bt)·d}       F field embeddings, one DIN pooling per behaviour b:
 *   u_b = Σ_j α_j e_j,  α = masked softmax_j( w2 · ReLU(W1 [v; e_j; v−e_j; v⊙e_j] + b1) + b2 )
 *   logit_t = Tower_t( MLP_shared(x) ),   MLP_shared = [256, 128], Tower = [64] → 1
 * </pre>
 * Input: a batch in {@link CtrLayout} order; v is the candidate item's embedding (the field the first
 * sequence shares). Output: <b>logits</b> {@code (B, T)} (the suite's CTR convention, see
 * {@link Dnn}); train with {@code io.github.djlsuite.ctr.dtrn.MultiTaskLoss} or DJL's sigmoid BCE.
 * The DIN units (one per behaviour, h = 16 by default) are plain Linear layers.
 */
public final class SharedBottom extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Bottom bottom;
    private final SequentialBlock shared;
    private final List<SequentialBlock> towers = new ArrayList<>();
    private final long[] sharedHidden;

    private SharedBottom(Builder b) {
        super(VERSION);
        sharedHidden = b.sharedHidden;
        bottom = addChildBlock("bottom", new Bottom(b.layout, b.embeddingDim, b.attentionHidden, b.candidateField));
        shared = addChildBlock("shared", CtrMlp.builder().setHidden(sharedHidden).build());
        for (int t = 0; t < b.layout.numTasks(); t++) {
            towers.add(addChildBlock("tower_" + t, CtrMlp.builder().setHidden(b.towerHidden).optOutputUnits(1).build()));
        }
    }

    /** A builder; {@code setLayout} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList h = shared.forward(ps, bottom.forward(ps, inputs, training, params), training, params);
        NDList logits = new NDList();
        for (SequentialBlock t : towers) {
            logits.add(t.forward(ps, h, training, params).head());
        }
        return new NDList(NDArrays.concat(logits, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), towers.size())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        bottom.initialize(manager, dataType, inputs);
        Shape x = bottom.getOutputShapes(inputs)[0];
        shared.initialize(manager, dataType, x);
        for (SequentialBlock t : towers) {
            t.initialize(manager, dataType, new Shape(x.get(0), sharedHidden[sharedHidden.length - 1]));
        }
    }

    /**
     * The shared bottom of {@link SharedBottom} and {@link Mmoe}: field embeddings plus one DIN
     * pooling per behaviour sequence, flattened to {@code (B, (F + Bt)·d)}.
     */
    static final class Bottom extends AbstractBlock {

        private final CtrLayout layout;
        private final int dim;
        private final int candidateField;
        private final FeatureEmbedding embedding;
        private final List<SequentialBlock> units = new ArrayList<>();

        Bottom(CtrLayout layout, int dim, int attentionHidden, int candidate) {
            super((byte) 1);
            this.layout = layout;
            this.dim = dim;
            embedding = addChildBlock("embedding", FeatureEmbedding.builder().setLayout(layout).setEmbeddingDim(dim)
                    .optPoolSequences(false).build());
            if (!layout.sequences().isEmpty() && candidate < 0) {
                candidate = layout.sequences().get(0).sharedWith();
                if (candidate < 0) {
                    throw new IllegalArgumentException("sequence " + layout.sequences().get(0).name() + " shares no"
                            + " categorical field: set the candidate field explicitly");
                }
            }
            candidateField = candidate;
            for (int s = 0; s < layout.sequences().size(); s++) {
                units.add(addChildBlock("din_" + s, CtrMlp.xavierNormalWeights(new SequentialBlock()
                        .add(Linear.builder().setUnits(attentionHidden).build()).add(Activation.reluBlock())
                        .add(Linear.builder().setUnits(1).build()))));
            }
        }

        int width() {
            return (layout.numCategorical() + layout.numNumeric() + units.size()) * dim;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray e = embedding.forward(ps, inputs, training, params).head();
            long batch = e.getShape().get(0);
            NDList parts = new NDList(e.reshape(batch, -1));
            if (!units.isEmpty()) {
                NDArray v = e.get(new NDIndex(":, {}, :", candidateField));
                for (int s = 0; s < units.size(); s++) {
                    NDList seq = embedding.sequence(ps, inputs, s, training);
                    NDArray h = seq.get(0);
                    NDArray m = seq.get(1);
                    long len = h.getShape().get(1);
                    NDArray vb = v.expandDims(1).broadcast(batch, len, dim);
                    NDArray x = NDArrays.concat(new NDList(vb, h, vb.sub(h), vb.mul(h)), 2).reshape(batch * len, 4L * dim);
                    NDArray score = units.get(s).forward(ps, new NDList(x), training, params).head().reshape(batch, len);
                    NDArray alpha = score.mul(m).add(m.sub(1f).mul(1e9f)).softmax(1).mul(m);
                    parts.add(alpha.expandDims(1).matMul(h).reshape(batch, dim));
                }
            }
            return new NDList(NDArrays.concat(parts, 1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return new Shape[] {new Shape(inputs[0].get(0), width())};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
            embedding.initialize(manager, dataType, inputs);
            for (SequentialBlock u : units) {
                u.initialize(manager, dataType, new Shape(1, 4L * dim));
            }
        }
    }

    /** Builder: d = 16, shared MLP [256, 128], towers [64], DIN units h = 16. */
    public static final class Builder {
        CtrLayout layout;
        int embeddingDim = 16;
        int attentionHidden = 16;
        int candidateField = -1;
        long[] sharedHidden = {256, 128};
        long[] towerHidden = {64};

        /** The input contract (required). */
        public Builder setLayout(CtrLayout v) {
            layout = Objects.requireNonNull(v);
            return this;
        }

        /** d; default 16. */
        public Builder optEmbeddingDim(int v) {
            embeddingDim = v;
            return this;
        }

        /** Hidden width of each DIN unit; default 16. */
        public Builder optAttentionHidden(int v) {
            attentionHidden = v;
            return this;
        }

        /** The candidate item's categorical field; default the field the first sequence shares. */
        public Builder optCandidateField(int v) {
            candidateField = v;
            return this;
        }

        /** Shared MLP widths; default [256, 128]. */
        public Builder optSharedHidden(long... v) {
            sharedHidden = v.clone();
            return this;
        }

        /** Tower widths; default [64]. */
        public Builder optTowerHidden(long... v) {
            towerHidden = v.clone();
            return this;
        }

        /** Validates and builds. */
        public SharedBottom build() {
            Objects.requireNonNull(layout, "layout is required");
            if (sharedHidden.length == 0) {
                throw new IllegalArgumentException("the shared MLP needs at least one layer");
            }
            return new SharedBottom(this);
        }
    }
}
