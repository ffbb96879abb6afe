package io.github.djlsuite.ctr.din;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.djlsuite.core.nn.Rows;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * DIN's local activation unit (paper Fig. 2, eq. 3): attention pooling of a behaviour history
 * against the candidate ad, <b>without</b> softmax normalisation by default.
 * <pre>
 *   u_j = [v_A ; e_j ; v_A − e_j ; v_A ⊙ e_j] ∈ R^{4D}
 *   a_j = m_j · MLP(u_j)                       MLP: hidden [80, 40] with Dice, then Linear(1)
 *   v_U = Σ_j a_j e_j ∈ R^D
 * </pre>
 * With {@code useSoftmax}: {@code a = softmax_j(where(m_j, MLP(u_j), −1e9)) · m} (FuxiCTR/BARS setting;
 * the official TF code also divides the scores by √D first, which is not done here).
 *
 * <p>Input: {@code [v_A (B, D), E (B, L, D), mask (B, L) float32, 1 = behaviour, 0 = padding]}.
 * Output: {@code [v_U (B, D), a (B, L)]}.
 *
 * <p>Computation (same result as the definition, see {@link #referenceScores}): the MLP runs only on
 * the V ≤ B·L valid positions, gathered with host-side indices ({@link Rows#gather}), and its first
 * layer is folded as {@code W u_j + c = [W₁ + W₃, W₂ − W₃, W₄] [v_A ; e_j ; v_A ⊙ e_j] + c}, so the
 * 4D-wide concatenation is never built (3D wide instead, one fused matrix product with the bias). Hence
 * Dice's training-mode statistics are taken over the valid behaviours only (FuxiCTR includes the
 * padded rows): padding changes nothing, in training or inference mode. Because the weights are not normalised, duplicating every
 * behaviour doubles v_U: its size reflects how strongly the history matches the candidate.
 */
public final class ActivationUnit extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Score given to padded positions before the softmax. */
    public static final float MASKED_SCORE = -1e9f;

    private final long[] hidden;
    private final Din.Activation activation;
    private final boolean useSoftmax;
    private final SequentialBlock mlp;

    private ActivationUnit(Builder b) {
        super(VERSION);
        hidden = b.hidden.clone();
        activation = b.activation;
        useSoftmax = b.useSoftmax;
        mlp = addChildBlock("mlp", Din.mlp(hidden, activation, 1));
    }

    /** A builder with the defaults: hidden [80, 40], Dice, no softmax. */
    public static Builder builder() {
        return new Builder();
    }

    /** The scoring MLP: {@code (N, 4D) → (N, 1)}. */
    public SequentialBlock mlp() {
        return mlp;
    }

    /** Whether the scores are softmax-normalised over the valid positions. */
    public boolean usesSoftmax() {
        return useSoftmax;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray va = inputs.get(0);
        NDArray e = inputs.get(1);
        NDArray mask = inputs.get(2);
        Shape es = e.getShape();
        long b = es.get(0);
        long l = es.get(1);
        long d = es.get(2);
        NDManager m = e.getManager();
        // host-side positions of the behaviours: the MLP only runs on those rows
        float[] mk = mask.toFloatArray();
        int valid = 0;
        for (float v : mk) {
            valid += v > 0 ? 1 : 0;
        }
        NDArray scores; // (B·L, 1), 0 at padded positions
        if (valid == 0) {
            scores = m.zeros(new Shape(b * l, 1), e.getDataType());
        } else {
            int[] rows = new int[valid];
            int[] owner = new int[valid];
            int[] inverse = new int[mk.length];
            for (int i = 0, k = 0; i < mk.length; i++) {
                if (mk[i] > 0) {
                    rows[k] = i;
                    owner[k] = (int) (i / l);
                    inverse[i] = ++k;
                }
            }
            NDArray ev = Rows.gather(e.reshape(b * l, d), m.create(rows));  // (V, D)
            NDArray own = m.create(owner);
            NDArray qv = Rows.gather(va, own);                                // (V, D)
            // first layer: W [q; e; q − e; q ⊙ e] + c = [W1 + W3, W2 − W3, W4] [q; e; q ⊙ e] + c
            Block first = mlp.getChildren().get(0).getValue();
            NDArray w = ps.getValue(first.getParameters().get("weight"), e.getDevice(), training);
            NDArray c = ps.getValue(first.getParameters().get("bias"), e.getDevice(), training);
            NDArray w1 = w.get(new NDIndex(":, 0:{}", d));
            NDArray w2 = w.get(new NDIndex(":, {}:{}", d, 2 * d));
            NDArray w3 = w.get(new NDIndex(":, {}:{}", 2 * d, 3 * d));
            NDArray w4 = w.get(new NDIndex(":, {}:", 3 * d));
            NDArray folded = NDArrays.concat(new NDList(w1.add(w3), w2.sub(w3), w4), 1);    // (H1, 3D)
            NDArray h = Linear.linear(NDArrays.concat(new NDList(qv, ev, qv.mul(ev)), 1), folded, c).head();
            NDList x = new NDList(h);
            List<Block> layers = mlp.getChildren().values();
            for (int i = 1; i < layers.size(); i++) {
                x = layers.get(i).forward(ps, x, training, params);
            }
            NDArray zero = m.zeros(new Shape(1, 1), e.getDataType());
            scores = NDArrays.concat(new NDList(zero, x.head()), 0).get(new NDIndex("{}", m.create(inverse)));
        }
        scores = scores.reshape(b, l);
        NDArray a;
        if (useSoftmax) {
            NDArray floor = m.full(scores.getShape(), MASKED_SCORE, scores.getDataType());
            a = NDArrays.where(mask.gt(0f), scores, floor).softmax(1).mul(mask);
        } else {
            a = scores;
        }
        // Σ_j a_j e_j as a broadcast product and a sum: a batched (1×L)·(L×D) matMul runs one tiny GEMM per
        // sample on PyTorch CPU (B clones and selects forward and backward), far slower
        NDArray vu = a.expandDims(2).mul(e).sum(new int[] {1});
        return new NDList(vu, a);
    }

    /**
     * The unit's definition, evaluated literally on all B·L rows (concatenated u_j, the MLP on every
     * position, then masking). {@link #forward} computes the same scores more cheaply; this is the
     * reference for tests.
     */
    public NDArray referenceScores(ParameterStore ps, NDArray va, NDArray e, NDArray mask) {
        Shape es = e.getShape();
        NDArray q = va.expandDims(1).broadcast(es);
        NDArray u = NDArrays.concat(new NDList(q, e, q.sub(e), q.mul(e)), 2).reshape(es.get(0) * es.get(1),
                4 * es.get(2));
        return mlp.forward(ps, new NDList(u), false).head().reshape(es.get(0), es.get(1)).mul(mask);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape e = inputs[1];
        return new Shape[] {new Shape(e.get(0), e.get(2)), new Shape(e.get(0), e.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        if (inputs.length != 3 || inputs[1].dimension() != 3 || inputs[0].get(1) != inputs[1].get(2)) {
            throw new IllegalArgumentException("ActivationUnit expects [v_A (B, D), E (B, L, D), mask (B, L)], got "
                    + Arrays.toString(inputs));
        }
        Shape e = inputs[1];
        mlp.initialize(manager, dataType, new Shape(e.get(0) * e.get(1), 4 * e.get(2)));
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeInt(hidden.length);
        for (long h : hidden) {
            os.writeLong(h);
        }
        os.writeInt(activation.ordinal());
        os.writeBoolean(useSoftmax);
    }

    @Override
    public void loadMetadata(byte version, DataInputStream is) throws IOException, MalformedModelException {
        if (version != VERSION) {
            throw new MalformedModelException("ActivationUnit version " + version + " unsupported");
        }
        readInputShapes(is);
        long[] h = new long[is.readInt()];
        for (int i = 0; i < h.length; i++) {
            h[i] = is.readLong();
        }
        int act = is.readInt();
        boolean soft = is.readBoolean();
        if (!Arrays.equals(h, hidden) || act != activation.ordinal() || soft != useSoftmax) {
            throw new MalformedModelException("saved ActivationUnit hidden " + Arrays.toString(h) + ", activation "
                    + act + ", softmax " + soft + "; built " + Arrays.toString(hidden) + ", " + activation + ", "
                    + useSoftmax);
        }
    }

    /** Builder: every setting optional. */
    public static final class Builder {
        private long[] hidden = {80, 40};
        private Din.Activation activation = Din.Activation.DICE;
        private boolean useSoftmax;

        /** Hidden widths of the scoring MLP; default [80, 40]. */
        public Builder optHidden(long... v) {
            hidden = v.clone();
            return this;
        }

        /** Hidden activation; default Dice. */
        public Builder optActivation(Din.Activation v) {
            activation = java.util.Objects.requireNonNull(v, "activation");
            return this;
        }

        /** Masked softmax over positions; default false (the paper's unnormalised weights). */
        public Builder optUseSoftmax(boolean v) {
            useSoftmax = v;
            return this;
        }

        /** Validates and builds. */
        public ActivationUnit build() {
            for (long h : hidden) {
                if (h <= 0) {
                    throw new IllegalArgumentException("attention hidden widths must be > 0, got "
                            + Arrays.toString(hidden));
                }
            }
            return new ActivationUnit(this);
        }
    }
}
