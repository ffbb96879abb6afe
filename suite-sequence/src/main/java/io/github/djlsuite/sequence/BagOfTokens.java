package io.github.djlsuite.sequence;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.github.djlsuite.core.nn.Mlp;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * The bag-of-tokens classifier: token embeddings averaged over the real (non-padding) tokens, then
 * an MLP to class logits. Word order is ignored, so it is the floor any sequence model should beat.
 *
 * <pre>
 *   m_l  = [x_l != PAD]                            (PAD = id 0)
 *   h    = (1 / max(1, sum_l m_l)) sum_l m_l E[x_l]  in R^D   (masked mean pooling)
 *   z    = MLP(h)                                    in R^K   (widths D, hidden..., K; no activation at the end)
 * </pre>
 * Input: ids (B, L), int32 (other number types are cast; any L, since pooling removes the
 * length). Output: logits (B, K).
 *
 * <p>Computation: the pooled vector is evaluated as {@code h = (c / n) E}, where {@code c} (B, V)
 * counts each id in the row ({@code oneHot(ids).sum(1)}), column PAD zeroed, and {@code n = sum_v c_v}.
 * This is the mean above exactly, and the counts are integers, so appending PADs changes nothing
 * (bit for bit). Its cost is O(B·L·V) for the one-hot, right for small vocabularies such as
 * ListOps' 18; a large vocabulary would want a gather instead. The PAD row of E is multiplied by 0
 * as well, so it neither contributes nor receives a gradient.
 *
 * <p>Parameters: {@code embedding} E (V, D) ~ N(0, 0.1²) (0.1 rather than DJL's 0.01 default so the
 * head starts on non-vanishing features); the MLP child {@code mlp} (DJL {@code Linear} layers, Xavier).
 */
public final class BagOfTokens extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int vocabularySize;
    private final int embeddingDim;
    private final int[] hidden;
    private final int classes;
    private final Parameter embedding;
    private final SequentialBlock mlp;

    private BagOfTokens(Builder b) {
        super(VERSION);
        vocabularySize = b.vocabularySize;
        embeddingDim = b.embeddingDim;
        hidden = b.hidden.clone();
        classes = b.classes;
        embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.1f)).build());
        long[] widths = LongStream.concat(LongStream.concat(LongStream.of(embeddingDim),
                Arrays.stream(hidden).asLongStream()), LongStream.of(classes)).toArray();
        mlp = addChildBlock("mlp", Mlp.builder().setWidths(widths).optActivation(b.activation).build());
    }

    /** A builder; vocabulary size, embedding width and classes are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** V, padding included. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** K. */
    public int classes() {
        return classes;
    }

    /**
     * The pooled representation h (B, D) of ids (B, L): the masked mean of the embeddings.
     *
     * @param ps       the parameter store
     * @param ids      (B, L) ids
     * @param training whether gradients are being recorded
     */
    public NDArray pool(ParameterStore ps, NDArray ids, boolean training) {
        NDArray e = ps.getValue(embedding, ids.getDevice(), training);
        NDManager m = ids.getManager();
        // constants, no gradient: (1, V) with 0 at PAD, and the counts (B, V)
        float[] keep = new float[vocabularySize];
        Arrays.fill(keep, 1f);
        keep[0] = 0f;
        NDArray keepRow = m.create(keep, new Shape(1, vocabularySize));
        NDArray counts = ids.toType(DataType.INT32, false).oneHot(vocabularySize).toType(DataType.FLOAT32, false)
                .sum(new int[] {1}).mul(keepRow);
        NDArray n = counts.sum(new int[] {1}, true).maximum(1f);
        NDArray maskedE = e.mul(keepRow.transpose()); // PAD row zeroed: no contribution, no gradient
        return counts.div(n).matMul(maskedE);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.head();
        if (ids.getShape().dimension() != 2) {
            throw new IllegalArgumentException("BagOfTokens expects ids (B, L), got " + ids.getShape());
        }
        return mlp.forward(ps, new NDList(pool(ps, ids, training)), training, params);
    }

    /** (B, L) to (B, K). */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        if (inputShapes[0].dimension() != 2) {
            throw new IllegalArgumentException("BagOfTokens expects ids (B, L), got " + inputShapes[0]);
        }
        embedding.setShape(new Shape(vocabularySize, embeddingDim));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        mlp.initialize(manager, dataType, new Shape(inputShapes[0].get(0), embeddingDim));
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeInt(vocabularySize);
        os.writeInt(embeddingDim);
        os.writeInt(classes);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException("BagOfTokens version " + loadVersion + " unsupported, expected " + VERSION);
        }
        readInputShapes(is);
        int v = is.readInt();
        int d = is.readInt();
        int k = is.readInt();
        if (v != vocabularySize || d != embeddingDim || k != classes) {
            throw new MalformedModelException("parameters were saved for BagOfTokens(V=" + v + ", D=" + d + ", K=" + k
                    + "), this block has V=" + vocabularySize + ", D=" + embeddingDim + ", K=" + classes);
        }
    }

    /** Builder: {@code set*} required, {@code opt*} optional; {@link #build()} validates. */
    public static final class Builder {
        private int vocabularySize;
        private int embeddingDim;
        private int[] hidden = {128};
        private int classes;
        private Mlp.Act activation = Mlp.Act.RELU;

        /** V, padding (id 0) included; at least 2. */
        public Builder setVocabularySize(int v) {
            vocabularySize = v;
            return this;
        }

        /** D, the embedding width. */
        public Builder setEmbeddingDim(int v) {
            embeddingDim = v;
            return this;
        }

        /** K, the number of classes. */
        public Builder setClasses(int v) {
            classes = v;
            return this;
        }

        /** Hidden widths of the MLP head; default 128; empty = a linear head. */
        public Builder optHidden(int... v) {
            hidden = v.clone();
            return this;
        }

        /** Hidden activation of the head; default ReLU. */
        public Builder optActivation(Mlp.Act v) {
            activation = v;
            return this;
        }

        /** Validates and builds. */
        public BagOfTokens build() {
            if (vocabularySize < 2 || embeddingDim <= 0 || classes <= 0 || activation == null) {
                throw new IllegalArgumentException("need vocabularySize >= 2 (PAD + a token), embeddingDim > 0,"
                        + " classes > 0 and an activation, got " + vocabularySize + ", " + embeddingDim + ", "
                        + classes + ", " + activation);
            }
            for (int h : hidden) {
                if (h <= 0) {
                    throw new IllegalArgumentException("hidden widths must be > 0, got " + Arrays.toString(hidden));
                }
            }
            return new BagOfTokens(this);
        }
    }
}
