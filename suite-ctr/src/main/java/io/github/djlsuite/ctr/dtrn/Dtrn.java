package io.github.djlsuite.ctr.dtrn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.djlsuite.ctr.CtrMlp;
import io.github.djlsuite.ctr.FeatureEmbedding;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * DTRN, the Deep Task-specific Bottom Representation Network (Liu et al., CIKM 2023): every task gets
 * its own bottom representation, built from shared embeddings by a {@link TaskSpecificInterestModule}
 * (TIM) and a {@link TaskSpecificRefinementModule} (TRM), then a head per task.
 * <pre>
 *   e_1..e_F = FeatureEmbedding(x)                      (B, F, d), F = C + N
 *   u_{t,b}  = TIM_{t,b}(v, sequence b)                 v = e_{candidate field}; (B, T, Bt, d)
 *   Z_t      = [e_1, …, e_F, u_{t,1}, …, u_{t,Bt}]      (B, T, K, d), K = F + Bt
 *   r_t      = TRM_t(Z_t)                               (B, T, K·d)
 *   towers:  logit_t = Tower_t(r_t),                    Tower = MLP [256, 128, 64] → 1
 *   MMoE:    g_t = softmax(Gate_t r_t) ∈ R^E,  logit_t = Tower_t(Σ_k g_{t,k} Expert_k(r_t)),
 *            Expert = MLP [256, 128] shared by the tasks but applied to each task's own bottom, Tower = [64] → 1
 * </pre>
 * Input: a batch in {@link CtrLayout} order (sequences = behaviour types). Output: <b>logits</b>
 * {@code (B, T)} like every CTR model of the suite; train with {@link MultiTaskLoss} (or DJL's
 * sigmoid BCE for equal weights). Ablations: {@code optTaskSpecificInterest(false)} makes TIM share
 * one unit per behaviour across tasks ("TRM-only"); {@code optRefinement(false)} drops TRM, so
 * r_t = plain concatenation ("TIM-only", TRM gate = 1). A layout without sequences has no TIM.
 * Items marked [R] in the module javadocs are reconstructions of the paper's modules.
 */
public final class Dtrn extends AbstractBlock {

    private static final byte VERSION = 1;

    /** The head on the task-specific bottoms. */
    public enum Head {
        /** One MLP tower per task. */
        TOWERS,
        /** MMoE with shared experts on each task's own bottom. */
        MMOE
    }

    private final CtrLayout layout;
    private final int dim;
    private final int numTasks;
    private final int numBehaviours;
    private final int candidateField;
    private final Head head;
    private final long[] expertHidden;
    private final FeatureEmbedding embedding;
    private final TaskSpecificInterestModule tim;
    private final TaskSpecificRefinementModule trm;
    private final List<SequentialBlock> experts = new ArrayList<>();
    private final List<Linear> gates = new ArrayList<>();
    private final List<SequentialBlock> towers = new ArrayList<>();

    private Dtrn(Builder b) {
        super(VERSION);
        layout = b.layout;
        dim = b.embeddingDim;
        numTasks = layout.numTasks();
        numBehaviours = layout.sequences().size();
        candidateField = b.candidateField;
        head = b.head;
        expertHidden = b.expertHidden;
        embedding = addChildBlock("embedding", FeatureEmbedding.builder().setLayout(layout).setEmbeddingDim(dim)
                .optPoolSequences(false).build());
        tim = numBehaviours == 0 ? null : addChildBlock("tim", TaskSpecificInterestModule.builder()
                .setNumTasks(numTasks).setNumBehaviours(numBehaviours).setEmbeddingDim(dim)
                .optContextDim(b.contextDim).optAttentionHidden(b.attentionHidden)
                .optShareAcrossTasks(!b.taskSpecificInterest).optSoftmax(b.softmax).build());
        trm = !b.refinement ? null : addChildBlock("trm", TaskSpecificRefinementModule.builder()
                .setNumTasks(numTasks).setNumFields(numFields()).build());
        if (head == Head.MMOE) {
            for (int k = 0; k < b.experts; k++) {
                experts.add(addChildBlock("expert_" + k, CtrMlp.builder().setHidden(expertHidden).build()));
            }
            for (int t = 0; t < numTasks; t++) {
                gates.add(addChildBlock("gate_" + t, CtrMlp.xavierNormalWeights(
                        Linear.builder().setUnits(b.experts).build())));
            }
        }
        long[] tower = b.towerHidden != null ? b.towerHidden : head == Head.MMOE ? new long[] {64}
                : new long[] {256, 128, 64};
        for (int t = 0; t < numTasks; t++) {
            towers.add(addChildBlock("tower_" + t, CtrMlp.builder().setHidden(tower).optOutputUnits(1).build()));
        }
    }

    /** A builder; {@code setLayout} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** K = F + Bt, the fields of each task's bottom. */
    public int numFields() {
        return layout.numCategorical() + layout.numNumeric() + numBehaviours;
    }

    /** The embedding layer. */
    public FeatureEmbedding embedding() {
        return embedding;
    }

    /** TIM, or null when the layout has no sequences. */
    public TaskSpecificInterestModule interestModule() {
        return tim;
    }

    /** TRM, or null in the TIM-only ablation. */
    public TaskSpecificRefinementModule refinementModule() {
        return trm;
    }

    /** Task t's tower. */
    public SequentialBlock tower(int t) {
        return towers.get(t);
    }

    /**
     * The task-specific bottoms r {@code (B, T, K·d)} and, when TRM is on, its gates {@code (B, T, K)}.
     */
    public NDList bottoms(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray e = embedding.forward(ps, inputs, training, params).head(); // (B, F, d)
        long batch = e.getShape().get(0);
        long f = e.getShape().get(1);
        NDArray z = e.expandDims(1).broadcast(batch, numTasks, f, dim);
        if (tim != null) {
            NDList timIn = new NDList(e.get(new NDIndex(":, {}, :", candidateField)));
            for (int s = 0; s < numBehaviours; s++) {
                timIn.addAll(embedding.sequence(ps, inputs, s, training));
            }
            NDArray u = tim.forward(ps, timIn, training, params).head(); // (B, T, Bt, d)
            z = z.concat(u, 2);
        }
        if (trm != null) {
            return trm.forward(ps, new NDList(z), training, params);
        }
        return new NDList(z.reshape(batch, numTasks, (f + numBehaviours) * dim));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray r = bottoms(ps, inputs, training, params).head();
        long batch = r.getShape().get(0);
        NDArray perTask = r;
        if (head == Head.MMOE) {
            NDArray flat = r.reshape(batch * numTasks, -1);
            NDList outs = new NDList();
            for (SequentialBlock ex : experts) {
                outs.add(ex.forward(ps, new NDList(flat), training, params).head().reshape(batch, numTasks, -1));
            }
            NDArray stacked = NDArrays.stack(outs, 2); // (B, T, E, H)
            NDList g = new NDList();
            for (int t = 0; t < numTasks; t++) {
                g.add(gates.get(t).forward(ps, new NDList(r.get(new NDIndex(":, {}, :", t))), training, params)
                        .head());
            }
            NDArray weights = NDArrays.stack(g, 1).softmax(2).expandDims(3); // (B, T, E, 1)
            perTask = stacked.mul(weights).sum(new int[] {2}); // (B, T, H)
        }
        NDList logits = new NDList();
        for (int t = 0; t < numTasks; t++) {
            logits.add(towers.get(t).forward(ps, new NDList(perTask.get(new NDIndex(":, {}, :", t))), training,
                    params).head());
        }
        return new NDList(NDArrays.concat(logits, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), numTasks)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        embedding.initialize(manager, dataType, inputs);
        long batch = inputs[0].get(0);
        if (tim != null) {
            Shape[] timIn = new Shape[1 + 2 * numBehaviours];
            timIn[0] = new Shape(batch, dim);
            for (int s = 0; s < numBehaviours; s++) {
                long len = inputs[layout.sequenceIndex(s)].get(1);
                timIn[1 + 2 * s] = new Shape(batch, len, dim);
                timIn[2 + 2 * s] = new Shape(batch, len);
            }
            tim.initialize(manager, dataType, timIn);
        }
        long k = numFields();
        if (trm != null) {
            trm.initialize(manager, dataType, new Shape(batch, numTasks, k, dim));
        }
        Shape bottom = new Shape(batch, k * dim);
        Shape towerIn = bottom;
        if (head == Head.MMOE) {
            for (SequentialBlock ex : experts) {
                ex.initialize(manager, dataType, new Shape(batch * numTasks, k * dim));
            }
            for (Linear g : gates) {
                g.initialize(manager, dataType, bottom);
            }
            towerIn = new Shape(batch, expertHidden[expertHidden.length - 1]);
        }
        for (SequentialBlock t : towers) {
            t.initialize(manager, dataType, towerIn);
        }
    }

    /** Builder with the spec's defaults (d = 16, d_c = 16, h = 16, towers, TIM and TRM on). */
    public static final class Builder {
        private CtrLayout layout;
        private int embeddingDim = 16;
        private int contextDim = 16;
        private int attentionHidden = 16;
        private int candidateField = -1;
        private Head head = Head.TOWERS;
        private long[] towerHidden;
        private long[] expertHidden = {256, 128};
        private int experts = 4;
        private boolean taskSpecificInterest = true;
        private boolean refinement = true;
        private boolean softmax = true;

        /** The input contract (required). */
        public Builder setLayout(CtrLayout v) {
            layout = Objects.requireNonNull(v, "layout");
            return this;
        }

        /** d; default 16. */
        public Builder optEmbeddingDim(int v) {
            embeddingDim = v;
            return this;
        }

        /** d_c of τ and η; default 16. */
        public Builder optContextDim(int v) {
            contextDim = v;
            return this;
        }

        /** h of the generated activation units; default 16. */
        public Builder optAttentionHidden(int v) {
            attentionHidden = v;
            return this;
        }

        /**
         * The categorical field holding the candidate item v; default: the field the first sequence
         * shares its vocabulary with.
         */
        public Builder optCandidateField(int v) {
            candidateField = v;
            return this;
        }

        /** Towers (default) or MMoE on the task-specific bottoms. */
        public Builder optHead(Head v) {
            head = Objects.requireNonNull(v);
            return this;
        }

        /** Tower hidden widths; default [256, 128, 64] (towers) or [64] (MMoE). */
        public Builder optTowerHidden(long... v) {
            towerHidden = v.clone();
            return this;
        }

        /** Expert widths of the MMoE head; default [256, 128]. */
        public Builder optExpertHidden(long... v) {
            expertHidden = v.clone();
            return this;
        }

        /** Number of MMoE experts; default 4. */
        public Builder optExperts(int v) {
            experts = v;
            return this;
        }

        /** Task-specific interest units (default true); false = one unit per behaviour (TRM-only). */
        public Builder optTaskSpecificInterest(boolean v) {
            taskSpecificInterest = v;
            return this;
        }

        /** TRM on (default); false = gates 1 (TIM-only). */
        public Builder optRefinement(boolean v) {
            refinement = v;
            return this;
        }

        /** Softmax attention (default) or DIN's unnormalised weights. */
        public Builder optSoftmax(boolean v) {
            softmax = v;
            return this;
        }

        /** Validates and builds. */
        public Dtrn build() {
            Objects.requireNonNull(layout, "layout is required");
            if (embeddingDim < 1 || experts < 1 || expertHidden.length == 0) {
                throw new IllegalArgumentException("d, experts and expert widths must be positive");
            }
            if (!layout.sequences().isEmpty()) {
                if (candidateField < 0) {
                    candidateField = layout.sequences().get(0).sharedWith();
                }
                if (candidateField < 0 || candidateField >= layout.numCategorical()) {
                    throw new IllegalArgumentException("DTRN needs the candidate item's categorical field: sequence "
                            + layout.sequences().get(0).name() + " shares no field; set optCandidateField (got "
                            + candidateField + ")");
                }
            }
            return new Dtrn(this);
        }
    }
}
