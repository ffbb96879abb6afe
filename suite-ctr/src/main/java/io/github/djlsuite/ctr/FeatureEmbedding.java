package io.github.djlsuite.ctr;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.github.djlsuite.core.nn.Rows;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * Field embeddings of a CTR batch laid out as {@link CtrLayout} describes: the first layer of every
 * CTR model of the suite.
 *
 * <p>Input: the batch's data {@code NDList} in layout order, categorical ids {@code (B, C)} int32,
 * numeric values {@code (B, N)} float32 when N &gt; 0, and one {@code (B, L_s)} int32 id array per
 * sequence field. Output: one array {@code (B, F, d)}, one row per field, with
 * <pre>
 *   e_f = E[offset_f + x_f]             categorical field f (C of them), one shared table E
 *   e_n = v_n · u_n                      numeric field n with value v_n and learned u_n ∈ R^d (FuxiCTR style)
 *   e_s = Σ_l m_sl E[o_s + x_sl] / max(1, Σ_l m_sl)   sequence s, masked mean (with pooling on)
 * </pre>
 * F = C + N (+ S when sequences are pooled, the default), in that order. All categorical
 * vocabularies live in one table of Σ_f vocab_f rows (plus the rows of sequences with their own
 * vocabulary) at per-field offsets, so the lookup is a single gather of rows
 * ({@link io.github.djlsuite.core.nn.Rows#gather}: the engines' embedding operator, whose backward pass
 * is parallel on PyTorch). A sequence with {@code sharedWith = f} reads field f's rows, e.g.
 * the history of item ids shares the candidate item's embeddings. Mask m = (id ≠ PAD).
 *
 * <p>{@link #sequence} returns one sequence unpooled, {@code (B, L, d)} with padded positions
 * zeroed, and its mask {@code (B, L)} (1 = item, 0 = padding), for attention models (DIN, DTRN).
 *
 * <p>Init: every row N(0, σ²), σ = 1e-4 by default (FuxiCTR's embedding default); the PAD row is
 * trained like the others (pooling and the mask ignore it for sequences).
 */
public final class FeatureEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final CtrLayout layout;
    private final int dim;
    private final boolean poolSequences;
    private final int[] categoricalOffsets;
    private final int[] sequenceOffsets;
    private final int rows;
    private final Parameter table;
    private final Parameter numeric;

    private FeatureEmbedding(Builder b) {
        super(VERSION);
        layout = b.layout;
        dim = b.dim;
        poolSequences = b.poolSequences;
        int c = layout.numCategorical();
        categoricalOffsets = new int[c];
        int next = 0;
        for (int f = 0; f < c; f++) {
            categoricalOffsets[f] = next;
            next += layout.vocab(f);
        }
        sequenceOffsets = new int[layout.sequences().size()];
        for (int s = 0; s < sequenceOffsets.length; s++) {
            CtrLayout.Sequence seq = layout.sequences().get(s);
            if (seq.sharedWith() >= 0) {
                if (seq.vocabSize() != layout.vocab(seq.sharedWith())) {
                    throw new IllegalArgumentException("sequence " + seq.name() + " shares field "
                            + layout.categoricalNames().get(seq.sharedWith()) + " but its vocabulary has "
                            + seq.vocabSize() + " ids, the field's " + layout.vocab(seq.sharedWith()));
                }
                sequenceOffsets[s] = categoricalOffsets[seq.sharedWith()];
            } else {
                sequenceOffsets[s] = next;
                next += seq.vocabSize();
            }
        }
        rows = next;
        table = addParameter(Parameter.builder().setName("table").setType(Parameter.Type.OTHER)
                .optInitializer(new NormalInitializer(b.initStd)).build());
        numeric = layout.numNumeric() == 0 ? null
                : addParameter(Parameter.builder().setName("numeric").setType(Parameter.Type.OTHER)
                        .optInitializer(new NormalInitializer(b.initStd)).build());
    }

    /** A builder; {@code setLayout} and {@code setEmbeddingDim} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The input contract. */
    public CtrLayout layout() {
        return layout;
    }

    /** d, the embedding width. */
    public int embeddingDim() {
        return dim;
    }

    /** F, the number of rows of the output: C + N, plus S when sequences are pooled. */
    public int numFields() {
        return layout.numCategorical() + layout.numNumeric() + (poolSequences ? layout.sequences().size() : 0);
    }

    /** Rows of the one embedding table (all vocabularies, PAD and OOV included). */
    public int tableRows() {
        return rows;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        checkInputs(inputs);
        NDArray cat = inputs.get(0);
        NDManager m = cat.getManager();
        NDArray w = ps.getValue(table, cat.getDevice(), training);
        long batch = cat.getShape().get(0);
        int c = layout.numCategorical();
        NDArray offsets = m.create(categoricalOffsets); // int32, the usual id type: no cast then
        if (offsets.getDataType() != cat.getDataType()) {
            offsets = offsets.toType(cat.getDataType(), false);
        }
        checkIds(cat);
        NDArray idx = cat.add(offsets).reshape(-1);
        NDArray e = lookup(w, idx, m).reshape(batch, c, dim);
        NDList parts = new NDList(e);
        if (numeric != null) {
            NDArray v = inputs.get(layout.numericIndex());
            NDArray u = ps.getValue(numeric, cat.getDevice(), training);
            parts.add(v.expandDims(2).mul(u)); // (B, N, 1) × (N, d) -> (B, N, d)
        }
        if (poolSequences) {
            for (int s = 0; s < sequenceOffsets.length; s++) {
                NDList seq = embedSequence(w, inputs.get(layout.sequenceIndex(s)), s);
                NDArray count = seq.get(1).sum(new int[] {1}, true).maximum(1f).expandDims(2); // (B, 1, 1)
                parts.add(seq.get(0).sum(new int[] {1}, true).div(count));
            }
        }
        return new NDList(parts.size() == 1 ? e : NDArrays.concat(parts, 1));
    }

    /**
     * Sequence {@code s} of the batch, unpooled: {@code [embeddings (B, L, d) with padded positions
     * zeroed, mask (B, L) float32, 1 = item]}.
     *
     * @param inputs the batch's data in layout order (as for {@code forward})
     */
    public NDList sequence(ParameterStore ps, NDList inputs, int s, boolean training) {
        if (s < 0 || s >= sequenceOffsets.length) {
            throw new IllegalArgumentException("sequence " + s + " out of range, the layout has "
                    + sequenceOffsets.length);
        }
        checkInputs(inputs);
        NDArray ids = inputs.get(layout.sequenceIndex(s));
        return embedSequence(ps.getValue(table, ids.getDevice(), training), ids, s);
    }

    private NDList embedSequence(NDArray w, NDArray ids, int s) {
        CtrLayout.Sequence seq = layout.sequences().get(s);
        long[] range = ids.size() == 0 ? new long[] {0, 0}
                : new long[] {ids.min().toType(DataType.INT64, false).getLong(), ids.max().toType(DataType.INT64, false)
                        .getLong()};
        if (range[0] < 0 || range[1] >= seq.vocabSize()) {
            throw new IllegalArgumentException("sequence '" + seq.name() + "' has id " + (range[0] < 0 ? range[0]
                    : range[1]) + ", outside its vocabulary [0, " + seq.vocabSize() + ") (ids as CtrEncoder writes them:"
                    + " 0 = PAD, 1 = OOV, values from 2)");
        }
        Shape shape = ids.getShape();
        NDArray e = lookup(w, ids.add(sequenceOffsets[s]).reshape(-1), ids.getManager())
                .reshape(shape.get(0), shape.get(1), dim);
        NDArray mask = ids.neq(CtrLayout.PAD).toType(DataType.FLOAT32, false);
        return new NDList(e.mul(mask.expandDims(2)), mask);
    }

    /** Rows {@code idx} of {@code w}; the result moves to the batch's manager so it is freed with the batch. */
    private static NDArray lookup(NDArray w, NDArray idx, NDManager batchManager) {
        NDArray rowsOut = Rows.gather(w, idx);
        rowsOut.attach(batchManager);
        return rowsOut;
    }

    /**
     * Every categorical id must lie in its field's vocabulary: outside it, a lookup reads another field's rows,
     * PyTorch fails without naming the field, and MXNet's embedding clips the id silently.
     */
    private void checkIds(NDArray cat) {
        if (cat.size() == 0) {
            return;
        }
        long[] max = cat.max(new int[] {0}).toType(DataType.INT64, false).toLongArray();
        long[] min = cat.min(new int[] {0}).toType(DataType.INT64, false).toLongArray();
        for (int f = 0; f < max.length; f++) {
            if (min[f] < 0 || max[f] >= layout.vocab(f)) {
                throw new IllegalArgumentException("categorical field '" + layout.categoricalNames().get(f) + "' has id "
                        + (min[f] < 0 ? min[f] : max[f]) + ", outside its vocabulary [0, " + layout.vocab(f) + ") (ids as"
                        + " CtrEncoder writes them: 0 = PAD, 1 = OOV, values from 2)");
            }
        }
    }

    private void checkInputs(NDList inputs) {
        int expected = 1 + (layout.numNumeric() > 0 ? 1 : 0) + layout.sequences().size();
        if (inputs.size() != expected) {
            throw new IllegalArgumentException("FeatureEmbedding expects " + expected + " input arrays (categorical"
                    + (layout.numNumeric() > 0 ? ", numeric" : "") + ", " + layout.sequences().size()
                    + " sequence(s)) in CtrLayout order, got " + inputs.size());
        }
        Shape cs = inputs.get(0).getShape();
        if (cs.dimension() != 2 || cs.get(1) != layout.numCategorical()) {
            throw new IllegalArgumentException("categorical input must be (B, " + layout.numCategorical()
                    + "), got " + cs);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), numFields(), dim)};
    }

    @Override
    protected void prepare(Shape[] inputs) {
        table.setShape(new Shape(rows, dim));
        if (numeric != null) {
            numeric.setShape(new Shape(layout.numNumeric(), dim));
        }
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeInt(rows);
        os.writeInt(dim);
    }

    @Override
    public void loadMetadata(byte version, DataInputStream is) throws IOException, MalformedModelException {
        if (version != VERSION) {
            throw new MalformedModelException("FeatureEmbedding version " + version + " unsupported");
        }
        readInputShapes(is);
        int r = is.readInt();
        int d = is.readInt();
        if (r != rows || d != dim) {
            throw new MalformedModelException("saved embedding table " + r + "×" + d + ", built " + rows + "×" + dim);
        }
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private CtrLayout layout;
        private int dim;
        private boolean poolSequences = true;
        private float initStd = 1e-4f;

        /** The input contract (required). */
        public Builder setLayout(CtrLayout v) {
            layout = Objects.requireNonNull(v, "layout");
            return this;
        }

        /** d (required, > 0). */
        public Builder setEmbeddingDim(int v) {
            dim = v;
            return this;
        }

        /** Whether {@code forward} appends one masked-mean row per sequence field; default true. */
        public Builder optPoolSequences(boolean v) {
            poolSequences = v;
            return this;
        }

        /** σ of the normal init; default 1e-4. */
        public Builder optInitStd(float v) {
            initStd = v;
            return this;
        }

        /** Validates and builds. */
        public FeatureEmbedding build() {
            Objects.requireNonNull(layout, "layout is required");
            if (dim <= 0) {
                throw new IllegalArgumentException("embedding dim must be > 0, got " + dim);
            }
            if (!(initStd > 0)) {
                throw new IllegalArgumentException("init std must be > 0, got " + initStd);
            }
            return new FeatureEmbedding(this);
        }
    }
}
