package io.github.djlsuite.ctr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * MMoE (Ma et al., KDD 2018) on the shared bottom of {@link SharedBottom}: E experts, a softmax gate
 * per task, a tower per task.
 * <pre>
 *   x = SharedBottom.Bottom(inputs) ∈ R^{(F+Bt)·d}
 *   g_t = softmax(W_t x + c_t) ∈ R^E,   h_t = Σ_k g_{t,k} Expert_k(x),   logit_t = Tower_t(h_t)
 *   Expert = MLP [256, 128], Tower = [64] → 1, E = 4
 * </pre>
 * Input: a batch in {@link CtrLayout} order. Output: <b>logits</b> {@code (B, T)} (the suite's CTR
 * convention). {@link #gateWeights} returns the gates {@code (B, T, E)} for inspection.
 */
public final class Mmoe extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SharedBottom.Bottom bottom;
    private final List<SequentialBlock> experts = new ArrayList<>();
    private final List<Linear> gates = new ArrayList<>();
    private final List<SequentialBlock> towers = new ArrayList<>();
    private final long[] expertHidden;

    private Mmoe(Builder b) {
        super(VERSION);
        expertHidden = b.expertHidden;
        bottom = addChildBlock("bottom", new SharedBottom.Bottom(b.layout, b.embeddingDim, b.attentionHidden,
                b.candidateField));
        for (int k = 0; k < b.experts; k++) {
            experts.add(addChildBlock("expert_" + k, CtrMlp.builder().setHidden(expertHidden).build()));
        }
        for (int t = 0; t < b.layout.numTasks(); t++) {
            gates.add(addChildBlock("gate_" + t, CtrMlp.xavierNormalWeights(
                    Linear.builder().setUnits(b.experts).build())));
        }
        for (int t = 0; t < b.layout.numTasks(); t++) {
            towers.add(addChildBlock("tower_" + t, CtrMlp.builder().setHidden(b.towerHidden).optOutputUnits(1).build()));
        }
    }

    /** A builder; {@code setLayout} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of experts E. */
    public int numExperts() {
        return experts.size();
    }

    /** The task gates {@code (B, T, E)} for a batch (rows sum to 1). */
    public NDArray gateWeights(ParameterStore ps, NDList inputs, boolean training) {
        NDArray x = bottom.forward(ps, inputs, training, null).head();
        return gates(ps, x, training, null);
    }

    private NDArray gates(ParameterStore ps, NDArray x, boolean training, PairList<String, Object> params) {
        NDList g = new NDList();
        for (Linear gate : gates) {
            g.add(gate.forward(ps, new NDList(x), training, params).head());
        }
        return NDArrays.stack(g, 1).softmax(2);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = bottom.forward(ps, inputs, training, params).head();
        NDList outs = new NDList();
        for (SequentialBlock e : experts) {
            outs.add(e.forward(ps, new NDList(x), training, params).head());
        }
        NDArray stacked = NDArrays.stack(outs, 1); // (B, E, H)
        NDArray g = gates(ps, x, training, params); // (B, T, E)
        NDArray mixed = g.matMul(stacked); // (B, T, H)
        NDList logits = new NDList();
        for (int t = 0; t < towers.size(); t++) {
            logits.add(towers.get(t).forward(ps, new NDList(mixed.get(":, " + t + ", :")), training, params).head());
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
        for (SequentialBlock e : experts) {
            e.initialize(manager, dataType, x);
        }
        for (Linear g : gates) {
            g.initialize(manager, dataType, x);
        }
        for (SequentialBlock t : towers) {
            t.initialize(manager, dataType, new Shape(x.get(0), expertHidden[expertHidden.length - 1]));
        }
    }

    /** Builder: d = 16, 4 experts [256, 128], towers [64], DIN units h = 16. */
    public static final class Builder {
        CtrLayout layout;
        int embeddingDim = 16;
        int attentionHidden = 16;
        int candidateField = -1;
        int experts = 4;
        long[] expertHidden = {256, 128};
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

        /** E; default 4. */
        public Builder optExperts(int v) {
            experts = v;
            return this;
        }

        /** Expert widths; default [256, 128]. */
        public Builder optExpertHidden(long... v) {
            expertHidden = v.clone();
            return this;
        }

        /** Tower widths; default [64]. */
        public Builder optTowerHidden(long... v) {
            towerHidden = v.clone();
            return this;
        }

        /** Validates and builds. */
        public Mmoe build() {
            Objects.requireNonNull(layout, "layout is required");
            if (experts < 1 || expertHidden.length == 0) {
                throw new IllegalArgumentException("MMoE needs at least one expert with one layer, got " + experts);
            }
            return new Mmoe(this);
        }
    }
}
