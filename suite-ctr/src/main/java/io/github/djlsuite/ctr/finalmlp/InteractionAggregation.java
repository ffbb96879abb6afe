package io.github.djlsuite.ctr.finalmlp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.djlsuite.ctr.CtrMlp;

/**
 * FinalMLP's multi-head bilinear fusion of the two stream outputs. With k heads, a = d1/k, b = d2/k,
 * o_1 = [o_11; …; o_1k], o_2 = [o_21; …; o_2k] (chunks of a and b units):
 * <pre>
 *   logit_t = (w_1ᵀ o_1 + β_1)_t + (w_2ᵀ o_2 + β_2)_t + Σ_{h=1..k} o_1hᵀ W_{h,t} o_2h
 *   W[(h·a + i)·b + j, t] = (W_{h,t})_{ij}      one (k·a·b, T) tensor
 * </pre>
 * Input {@code [o_1 (B, d1), o_2 (B, d2)]}, output {@code (B, T)} logits (T = 1 in the paper).
 * Computed without a loop over heads: o_1 → (k, B, a) (a transposed view), W → (k, a, b·T), one
 * batched {@code matMul} → (k, B, b·T), viewed as (B, k, b, T), times o_2 as (B, k, b, 1), summed over
 * heads and b.
 * (A broadcast (B, k, 1, a) × (k, a, b) product, as the spec sketches, makes PyTorch expand W to
 * (B, k, a, b): measured 45× slower at batch 2048.) Init: w_1, w_2 and W xavier-normal (W: std = √(2 / (k·a·b + T))), biases 0. Construction fails
 * unless k divides d1 and d2.
 */
public final class InteractionAggregation extends AbstractBlock {

    private static final byte VERSION = 1;

    private final long d1;
    private final long d2;
    private final int heads;
    private final int outputs;
    private final Linear linear1;
    private final Linear linear2;
    private final Parameter bilinear;

    private InteractionAggregation(Builder b) {
        super(VERSION);
        d1 = b.d1;
        d2 = b.d2;
        heads = b.heads;
        outputs = b.outputs;
        linear1 = addChildBlock("linear1", Linear.builder().setUnits(outputs).build());
        linear2 = addChildBlock("linear2", Linear.builder().setUnits(outputs).build());
        bilinear = addParameter(Parameter.builder().setName("bilinear").setType(Parameter.Type.WEIGHT).build());
        CtrMlp.xavierNormalWeights(this);
    }

    /** A builder; {@code setDims} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** k, the number of heads. */
    public int heads() {
        return heads;
    }

    /** The (k·a·b, T) bilinear weight parameter. */
    Parameter bilinearWeight() {
        return bilinear;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray o1 = inputs.get(0);
        NDArray o2 = inputs.get(1);
        long batch = o1.getShape().get(0);
        if (o1.getShape().get(1) != d1 || o2.getShape().get(1) != d2 || o2.getShape().get(0) != batch) {
            throw new IllegalArgumentException("InteractionAggregation expects (B, " + d1 + ") and (B, " + d2
                    + "), got " + o1.getShape() + " and " + o2.getShape());
        }
        long a = d1 / heads;
        long b = d2 / heads;
        NDArray w = ps.getValue(bilinear, o1.getDevice(), training).reshape(heads, a, b * outputs);
        w.attach(o1.getManager()); // a view computed from the parameter: free it with the batch
        // heads as the batch axis of one (k, B, a) × (k, a, b·T) product: no broadcast copy of W per sample
        NDArray h1 = o1.reshape(batch, heads, a).transpose(1, 0, 2); // a strided view, read as is by bmm
        // back to (B, k, b, T) as a view, so o_2 is used in its own layout: no copy of o_2 forward, none of
        // its gradient backward
        NDArray t = h1.matMul(w).reshape(heads, batch, b, outputs).transpose(1, 0, 2, 3);
        NDArray xy = t.mul(o2.reshape(batch, heads, b, 1)).sum(new int[] {1, 2}); // (B, T)
        NDArray lin = linear1.forward(ps, new NDList(o1), training, params).head()
                .add(linear2.forward(ps, new NDList(o2), training, params).head());
        return new NDList(lin.add(xy));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), outputs)};
    }

    @Override
    protected void prepare(Shape[] inputs) {
        bilinear.setShape(new Shape(heads * (d1 / heads) * (d2 / heads), outputs));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        linear1.initialize(manager, dataType, inputs[0]);
        linear2.initialize(manager, dataType, inputs[1]);
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private long d1;
        private long d2;
        private int heads = 1;
        private int outputs = 1;

        /** d1 and d2, the widths of the two stream outputs (required). */
        public Builder setDims(long v1, long v2) {
            d1 = v1;
            d2 = v2;
            return this;
        }

        /** k, default 1; must divide d1 and d2. */
        public Builder optHeads(int v) {
            heads = v;
            return this;
        }

        /** T, the number of output logits, default 1. */
        public Builder optOutputs(int v) {
            outputs = v;
            return this;
        }

        /** Validates and builds. */
        public InteractionAggregation build() {
            if (d1 <= 0 || d2 <= 0 || heads <= 0 || outputs <= 0) {
                throw new IllegalArgumentException("d1, d2, heads and outputs must be > 0, got " + d1 + ", " + d2
                        + ", " + heads + ", " + outputs);
            }
            if (d1 % heads != 0 || d2 % heads != 0) {
                throw new IllegalArgumentException("the number of heads (" + heads + ") must divide both stream"
                        + " widths, got d1 = " + d1 + " and d2 = " + d2);
            }
            return new InteractionAggregation(this);
        }
    }
}
