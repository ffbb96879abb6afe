package io.github.djlsuite.ctr.din;

import ai.djl.MalformedModelException;
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
import io.github.djlsuite.ctr.CtrMlp;
import io.github.djlsuite.ctr.FeatureEmbedding;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Deep Interest Network (Zhou et al., KDD 2018) and its BaseModel (Embedding&amp;MLP with sum pooling).
 * <pre>
 *   v_A = [E[item_A] ; E[cate_A] ; …]                 candidate ad, D = P·d (P paired fields)
 *   e_j = [E[item_j] ; E[cate_j] ; …]                 behaviour j, the candidate fields' tables
 *   v_U = Σ_j a_j e_j     a_j = ActivationUnit(v_A, e_j)   (pooling ATTENTION)
 *   v_U = Σ_j m_j e_j                                      (pooling SUM: BaseModel)
 *   logit = MLP([context ; v_U ; v_A])                MLP: hidden [200, 80] Dice, then Linear(T)
 * </pre>
 * Input: a batch in {@link CtrLayout} order. Every sequence field whose vocabulary is shared with a
 * categorical field ({@code sharedWith ≥ 0}) is a <em>paired</em> history: its field is part of the
 * candidate v_A and its behaviours part of e_j, in layout order (DIN's goods + category ids for
 * din-amazon-electronics and {@code BehaviourLogs}). Paired sequences must have the same length L;
 * the mask is that of the first one. <em>Context</em> = every other categorical field, every numeric
 * field (FeatureEmbedding's {@code v·u}), and the masked mean of every unpaired sequence, each d wide.
 * Output: <b>logits</b> {@code (B, T)}; train with sigmoid binary cross-entropy.
 *
 * <p>Children, in this order (parameter names depend on it): {@code embedding} (one
 * {@link FeatureEmbedding} table, N(0, 1e-4²) init), {@code mlp}, and {@code attention}
 * ({@link ActivationUnit}) only with ATTENTION pooling — so a BaseModel and a DIN built from one
 * layout share the names of all their common parameters. Hidden layers use {@link Dice} (α init 0)
 * or PReLU ({@link Dice#prelu}, α init 0.25); Linear weights are xavier-normal, biases 0.
 *
 * <p>Difference from the official code: no per-item output bias and no BatchNorm before the MLP; the
 * paper's 2-way softmax output is the equivalent single logit.
 */
public final class Din extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Hidden activation of both MLPs. */
    public enum Activation {
        /** Dice (paper eq. 9). */
        DICE,
        /** PReLU, α per dimension, init 0.25. */
        PRELU
    }

    /** How the behaviour history is pooled into v_U. */
    public enum Pooling {
        /** DIN's activation unit. */
        ATTENTION,
        /** Masked sum of e_j: the paper's BaseModel. */
        SUM
    }

    private final CtrLayout layout;
    private final int dim;
    private final Pooling pooling;
    private final Activation activation;
    private final long[] mlpHidden;
    private final int[] pairedSequences;
    private final int[] pairedFields;
    private final int[] contextFields;
    private final int[] unpairedSequences;
    private final FeatureEmbedding embedding;
    private final SequentialBlock mlp;
    private final ActivationUnit attention;

    private Din(Builder b) {
        super(VERSION);
        layout = b.layout;
        dim = b.embeddingDim;
        pooling = b.pooling;
        activation = b.activation;
        mlpHidden = b.mlpHidden.clone();
        List<Integer> ps = new ArrayList<>();
        List<Integer> us = new ArrayList<>();
        boolean[] paired = new boolean[layout.numCategorical()];
        for (int s = 0; s < layout.sequences().size(); s++) {
            CtrLayout.Sequence seq = layout.sequences().get(s);
            if (seq.sharedWith() >= 0 && !paired[seq.sharedWith()]) {
                paired[seq.sharedWith()] = true;
                ps.add(s);
            } else {
                us.add(s);
            }
        }
        if (ps.isEmpty()) {
            throw new IllegalArgumentException("DIN needs at least one behaviour sequence that shares a categorical"
                    + " field's vocabulary (CtrLayout.Sequence.sharedWith ≥ 0); layout sequences: "
                    + layout.sequences());
        }
        pairedSequences = ps.stream().mapToInt(Integer::intValue).toArray();
        pairedFields = new int[pairedSequences.length];
        int length = layout.sequences().get(pairedSequences[0]).maxLength();
        for (int i = 0; i < pairedSequences.length; i++) {
            CtrLayout.Sequence seq = layout.sequences().get(pairedSequences[i]);
            pairedFields[i] = seq.sharedWith();
            if (seq.maxLength() != length) {
                throw new IllegalArgumentException("paired behaviour sequences must have one length, "
                        + layout.sequences().get(pairedSequences[0]).name() + " has " + length + ", " + seq.name()
                        + " has " + seq.maxLength());
            }
        }
        unpairedSequences = us.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> ctx = new ArrayList<>();
        for (int f = 0; f < layout.numCategorical(); f++) {
            if (!paired[f]) {
                ctx.add(f);
            }
        }
        for (int n = 0; n < layout.numNumeric(); n++) {
            ctx.add(layout.numCategorical() + n);
        }
        contextFields = ctx.stream().mapToInt(Integer::intValue).toArray();
        embedding = addChildBlock("embedding", FeatureEmbedding.builder().setLayout(layout).setEmbeddingDim(dim)
                .optPoolSequences(false).optInitStd(b.embeddingInitStd).build());
        mlp = addChildBlock("mlp", mlp(mlpHidden, activation, layout.numTasks()));
        attention = pooling == Pooling.SUM ? null
                : addChildBlock("attention", ActivationUnit.builder().optHidden(b.attentionHidden)
                        .optActivation(activation).optUseSoftmax(b.useSoftmax).build());
    }

    /** A builder; {@code setLayout} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Hidden layers {@code Linear(h) → activation}, then {@code Linear(out)}; xavier-normal weights. */
    static SequentialBlock mlp(long[] hidden, Activation activation, long out) {
        SequentialBlock block = new SequentialBlock();
        for (long h : hidden) {
            block.add(Linear.builder().setUnits(h).build());
            block.add(activation == Activation.DICE ? Dice.builder().build() : Dice.prelu(0.25f));
        }
        block.add(Linear.builder().setUnits(out).build());
        return CtrMlp.xavierNormalWeights(block);
    }

    /** The embedding layer (one table; the histories read the candidate fields' rows). */
    public FeatureEmbedding embedding() {
        return embedding;
    }

    /** The output MLP. */
    public SequentialBlock mlp() {
        return mlp;
    }

    /** The activation unit, or null with SUM pooling. */
    public ActivationUnit attention() {
        return attention;
    }

    /** The pooling. */
    public Pooling pooling() {
        return pooling;
    }

    /** D = P·d, the width of v_A, e_j and v_U. */
    public int itemDim() {
        return pairedFields.length * dim;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray e = embedding.forward(ps, inputs, training, params).head(); // (B, C + N, d)
        long b = e.getShape().get(0);
        NDList candidate = new NDList();
        NDList history = new NDList();
        NDArray mask = null;
        for (int i = 0; i < pairedFields.length; i++) {
            candidate.add(e.get(":, " + pairedFields[i]));
            NDList seq = embedding.sequence(ps, inputs, pairedSequences[i], training);
            history.add(seq.get(0));
            if (mask == null) {
                mask = seq.get(1);
            }
        }
        NDArray va = candidate.size() == 1 ? candidate.head() : NDArrays.concat(candidate, 1);
        NDArray hist = history.size() == 1 ? history.head() : NDArrays.concat(history, 2);
        NDArray vu;
        if (pooling == Pooling.SUM) {
            vu = hist.mul(mask.expandDims(2)).sum(new int[] {1});
        } else {
            vu = attention.forward(ps, new NDList(va, hist, mask), training, params).head();
        }
        NDList parts = new NDList();
        for (int f : contextFields) {
            parts.add(e.get(":, " + f));
        }
        for (int s : unpairedSequences) {
            NDList seq = embedding.sequence(ps, inputs, s, training);
            NDArray count = seq.get(1).sum(new int[] {1}, true).maximum(1f); // (B, 1)
            parts.add(seq.get(0).sum(new int[] {1}).div(count));
        }
        parts.add(vu);
        parts.add(va);
        NDArray x = NDArrays.concat(parts, 1).reshape(b, mlpInput());
        return mlp.forward(ps, new NDList(x), training, params);
    }

    private long mlpInput() {
        return (long) (contextFields.length + unpairedSequences.length + 2 * pairedFields.length) * dim;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), layout.numTasks())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        embedding.initialize(manager, dataType, inputs);
        long b = inputs[0].get(0);
        long l = inputs[layout.sequenceIndex(pairedSequences[0])].get(1);
        mlp.initialize(manager, dataType, new Shape(b, mlpInput()));
        if (attention != null) {
            attention.initialize(manager, dataType, new Shape(b, itemDim()), new Shape(b, l, itemDim()),
                    new Shape(b, l));
        }
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeInt(dim);
        os.writeInt(pooling.ordinal());
        os.writeInt(activation.ordinal());
        os.writeInt(mlpHidden.length);
        for (long h : mlpHidden) {
            os.writeLong(h);
        }
    }

    @Override
    public void loadMetadata(byte version, DataInputStream is) throws IOException, MalformedModelException {
        if (version != VERSION) {
            throw new MalformedModelException("Din version " + version + " unsupported");
        }
        readInputShapes(is);
        int d = is.readInt();
        int p = is.readInt();
        int a = is.readInt();
        long[] h = new long[is.readInt()];
        for (int i = 0; i < h.length; i++) {
            h[i] = is.readLong();
        }
        if (d != dim || p != pooling.ordinal() || a != activation.ordinal() || !Arrays.equals(h, mlpHidden)) {
            throw new MalformedModelException("saved Din d=" + d + ", pooling " + p + ", activation " + a + ", mlp "
                    + Arrays.toString(h) + "; built d=" + dim + ", " + pooling + ", " + activation + ", "
                    + Arrays.toString(mlpHidden));
        }
    }

    /** Builder: {@code setLayout} required; defaults d = 16, attention [80, 40], MLP [200, 80], Dice. */
    public static final class Builder {
        private CtrLayout layout;
        private int embeddingDim = 16;
        private float embeddingInitStd = 1e-4f;
        private long[] attentionHidden = {80, 40};
        private long[] mlpHidden = {200, 80};
        private Activation activation = Activation.DICE;
        private Pooling pooling = Pooling.ATTENTION;
        private boolean useSoftmax;

        /** The input contract (required). */
        public Builder setLayout(CtrLayout v) {
            layout = Objects.requireNonNull(v, "layout");
            return this;
        }

        /** d per embedding table; default 16 (the small reproduction's; the official code uses 64). */
        public Builder optEmbeddingDim(int v) {
            embeddingDim = v;
            return this;
        }

        /** σ of the embedding init; default 1e-4 (FuxiCTR). */
        public Builder optEmbeddingInitStd(float v) {
            embeddingInitStd = v;
            return this;
        }

        /** Hidden widths of the activation unit's MLP; default [80, 40]. */
        public Builder optAttentionHidden(long... v) {
            attentionHidden = v.clone();
            return this;
        }

        /** Hidden widths of the output MLP; default [200, 80]. */
        public Builder optMlpHidden(long... v) {
            mlpHidden = v.clone();
            return this;
        }

        /** Hidden activation of both MLPs; default Dice. */
        public Builder optActivation(Activation v) {
            activation = Objects.requireNonNull(v, "activation");
            return this;
        }

        /** ATTENTION (DIN, default) or SUM (BaseModel). */
        public Builder optPooling(Pooling v) {
            pooling = Objects.requireNonNull(v, "pooling");
            return this;
        }

        /** Masked softmax over the attention scores; default false (the paper). */
        public Builder optUseSoftmax(boolean v) {
            useSoftmax = v;
            return this;
        }

        /** Validates and builds. */
        public Din build() {
            Objects.requireNonNull(layout, "layout is required");
            if (embeddingDim <= 0) {
                throw new IllegalArgumentException("embedding dim must be > 0, got " + embeddingDim);
            }
            for (long h : mlpHidden) {
                if (h <= 0) {
                    throw new IllegalArgumentException("MLP hidden widths must be > 0, got "
                            + Arrays.toString(mlpHidden));
                }
            }
            if (useSoftmax && pooling == Pooling.SUM) {
                throw new IllegalArgumentException("useSoftmax needs ATTENTION pooling");
            }
            return new Din(this);
        }
    }
}
