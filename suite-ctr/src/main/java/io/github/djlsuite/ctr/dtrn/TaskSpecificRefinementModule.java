package io.github.djlsuite.ctr.dtrn;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.github.djlsuite.core.nn.Scalars;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * DTRN's Task-specific Representation Refinement Module (TRM) [R]: an SENet-like gate per task that
 * re-weights every field of that task's bottom.
 * <pre>
 *   Z_t = [z_{t,1}, …, z_{t,K}] ∈ R^{K×d}       (F feature embeddings, then the Bt TIM interests of task t)
 *   s_{t,k} = mean_i Z_{t,k,i}                    squeeze
 *   a_t = 2·σ(W2_t ReLU(W1_t s_t + c1_t) + c2_t) ∈ (0, 2)^K      excitation, W1_t: K→r, W2_t: r→K, r = ⌈K/ratio⌉
 *   r_t = concat_k (a_{t,k} · z_{t,k}) ∈ R^{K·d}
 * </pre>
 * Every task has its own W1_t, c1_t, W2_t, c2_t, stored stacked as {@code w1 (T, K, r)}, {@code b1
 * (T, 1, r)}, {@code w2 (T, r, K)}, {@code b2 (T, 1, K)} and applied with 3-D {@code matMul}.
 * Weights N(0, 2/(fan_in + fan_out)), biases 0. With W2_t = 0 and c2_t = 0 the gates are exactly 1
 * and r_t is the plain concatenation.
 *
 * <p>Input {@code Z (B, T, K, d)}; outputs {@code [r (B, T, K·d), gates (B, T, K)]}.
 */
public final class TaskSpecificRefinementModule extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int numTasks;
    private final int numFields;
    private final int reduced;
    private final Parameter w1;
    private final Parameter b1;
    private final Parameter w2;
    private final Parameter b2;

    private TaskSpecificRefinementModule(Builder b) {
        super(VERSION);
        numTasks = b.numTasks;
        numFields = b.numFields;
        reduced = (int) Math.ceil(numFields / (double) b.ratio);
        float std = (float) Math.sqrt(2.0 / (numFields + reduced));
        w1 = addParameter(Parameter.builder().setName("w1").setType(Parameter.Type.OTHER)
                .optInitializer(new NormalInitializer(std)).build());
        b1 = addParameter(Parameter.builder().setName("b1").setType(Parameter.Type.BIAS).build());
        w2 = addParameter(Parameter.builder().setName("w2").setType(Parameter.Type.OTHER)
                .optInitializer(new NormalInitializer(std)).build());
        b2 = addParameter(Parameter.builder().setName("b2").setType(Parameter.Type.BIAS).build());
    }

    /** A builder; tasks and fields are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** r = ⌈K / ratio⌉. */
    public int reducedDim() {
        return reduced;
    }

    /** W2 stacked over tasks, {@code (T, r, K)}. */
    public Parameter excitationWeight() {
        return w2;
    }

    /** c2 stacked over tasks, {@code (T, 1, K)}. */
    public Parameter excitationBias() {
        return b2;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();
        Shape shape = z.getShape();
        if (shape.dimension() != 4 || shape.get(1) != numTasks || shape.get(2) != numFields) {
            throw new IllegalArgumentException("TRM expects (B, " + numTasks + ", " + numFields + ", d), got " + shape);
        }
        NDArray s = z.mean(new int[] {3}).transpose(1, 0, 2); // (T, B, K)
        NDArray hidden = Activation.relu(s.matMul(ps.getValue(w1, z.getDevice(), training))
                .add(ps.getValue(b1, z.getDevice(), training)));
        NDArray logits = hidden.matMul(ps.getValue(w2, z.getDevice(), training))
                .add(ps.getValue(b2, z.getDevice(), training));
        NDArray gates = Scalars.mul(logits.getNDArrayInternal().sigmoid(), 2f).transpose(1, 0, 2); // (B, T, K)
        NDArray r = z.mul(gates.expandDims(3)).reshape(shape.get(0), numTasks, numFields * shape.get(3));
        return new NDList(r, gates);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape z = inputs[0];
        return new Shape[] {new Shape(z.get(0), numTasks, numFields * z.get(3)), new Shape(z.get(0), numTasks,
                numFields)};
    }

    @Override
    protected void prepare(Shape[] inputs) {
        w1.setShape(new Shape(numTasks, numFields, reduced));
        b1.setShape(new Shape(numTasks, 1, reduced));
        w2.setShape(new Shape(numTasks, reduced, numFields));
        b2.setShape(new Shape(numTasks, 1, numFields));
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeInt(numTasks);
        os.writeInt(numFields);
        os.writeInt(reduced);
    }

    @Override
    public void loadMetadata(byte version, DataInputStream is) throws IOException, MalformedModelException {
        if (version != VERSION) {
            throw new MalformedModelException("TaskSpecificRefinementModule version " + version + " unsupported");
        }
        readInputShapes(is);
        int t = is.readInt();
        int k = is.readInt();
        int r = is.readInt();
        if (t != numTasks || k != numFields || r != reduced) {
            throw new MalformedModelException("saved TRM " + t + "/" + k + "/" + r + ", built " + numTasks + "/"
                    + numFields + "/" + reduced);
        }
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private int numTasks;
        private int numFields;
        private int ratio = 3;

        /** T (required). */
        public Builder setNumTasks(int v) {
            numTasks = v;
            return this;
        }

        /** K = F + Bt, the fields of a task's bottom (required). */
        public Builder setNumFields(int v) {
            numFields = v;
            return this;
        }

        /** Reduction ratio; default 3. */
        public Builder optReductionRatio(int v) {
            ratio = v;
            return this;
        }

        /** Validates and builds. */
        public TaskSpecificRefinementModule build() {
            if (numTasks < 1 || numFields < 1 || ratio < 1) {
                throw new IllegalArgumentException("TRM needs tasks, fields and ratio >= 1, got " + numTasks + ", "
                        + numFields + ", " + ratio);
            }
            return new TaskSpecificRefinementModule(this);
        }
    }
}
