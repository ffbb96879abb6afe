package io.github.djlsuite.vision.skan;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The S-KAN layer: one {@link KanLinear} per basis family in the pool, mixed per output node by a
 * learned softmax, input (B, D) to output (B, out).
 *
 * <pre>
 *   y_j = sum_k softmax_k(alpha[j, :] - 1e9 · (1 - mask[j, :])) · y^k_j,   y^k = KanLinear_k(x)
 * </pre>
 * Parameters: the K family layers (children named after the family, in pool order), {@code alpha}
 * (out, K) logits initialised to 0, and {@code mask} (out, K) of 0/1, initialised to 1. The mask
 * is a parameter that is not trained ({@code requiresGrad = false}) so that a selection is saved
 * and loaded with the weights. A masked family gets weight exactly 0, hence exactly zero gradient.
 *
 * <p>The mask is changed with {@link #setMask}, {@link #keepTopFamilies} or, for the whole model,
 * {@link SKan#prune}; these write into the mask's array, so call them outside gradient recording.
 * Masked families are still computed in the forward pass (the mask lives on the device and is not
 * read back each step); they only drop out of {@link #activeParameterCount()}.
 */
public final class SelectableKanLinear extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float MASKED_LOGIT = 1e9f;

    private final long units;
    private final BasisFamily[] pool;
    private final KanLinear[] layers;
    private final Parameter alpha;
    private final Parameter mask;

    private SelectableKanLinear(Builder b) {
        super(VERSION);
        units = b.units;
        pool = b.pool.clone();
        layers = new KanLinear[pool.length];
        for (int k = 0; k < pool.length; k++) {
            layers[k] = addChildBlock(pool[k].name().toLowerCase(Locale.ROOT),
                    KanLinear.builder().setUnits(units).setBasis(pool[k]).build());
        }
        alpha = addParameter(Parameter.builder().setName("alpha").setType(Parameter.Type.OTHER)
                .optInitializer(Initializer.ZEROS).build());
        mask = addParameter(Parameter.builder().setName("mask").setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(1f)).optRequiresGrad(false).build());
    }

    /** A builder; {@code setUnits} is required, the pool defaults to all five families. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of outputs. */
    public long getUnits() {
        return units;
    }

    /** The pool of families, in the order of the mask's and alpha's columns (a copy). */
    public BasisFamily[] getPool() {
        return pool.clone();
    }

    /** The single-family layer of {@code family}; throws if the family is not in the pool. */
    public KanLinear getLayer(BasisFamily family) {
        return layers[indexOf(family)];
    }

    /** The mask (out, K): 1 keeps family k at node j, 0 removes it. */
    public float[][] getMask() {
        return rows(mask.getArray().toFloatArray());
    }

    /**
     * Replaces the mask. Every entry must be 0 or 1 and every node must keep at least one family.
     *
     * @param values (out, K), columns in {@link #getPool()} order
     */
    public void setMask(float[][] values) {
        int k = pool.length;
        if (values == null || values.length != units) {
            throw new IllegalArgumentException("mask must have " + units + " rows (one per node), got "
                    + (values == null ? "null" : values.length));
        }
        float[] flat = new float[(int) units * k];
        for (int j = 0; j < units; j++) {
            if (values[j] == null || values[j].length != k) {
                throw new IllegalArgumentException("mask row " + j + " must have " + k + " entries (one per family in "
                        + Arrays.toString(pool) + "), got " + (values[j] == null ? "null" : values[j].length));
            }
            boolean keepsOne = false;
            for (int f = 0; f < k; f++) {
                float v = values[j][f];
                if (v != 0f && v != 1f) {
                    throw new IllegalArgumentException(
                            "mask entries must be 0 or 1, got " + v + " at [" + j + ", " + f + "]");
                }
                keepsOne |= v == 1f;
                flat[j * k + f] = v;
            }
            if (!keepsOne) {
                throw new IllegalArgumentException("mask row " + j + " keeps no family: " + Arrays.toString(values[j]));
            }
        }
        mask.getArray().set(flat);
    }

    /**
     * The mixing weights softmax(alpha_j) over the unmasked families, (out, K); masked entries are 0
     * and every row sums to 1.
     */
    public float[][] familyWeights() {
        try (NDScope ignored = new NDScope()) {
            return rows(mixingWeights(alpha.getArray(), mask.getArray()).toFloatArray());
        }
    }

    /** Per node, the unmasked family with the largest weight (the first one on ties). */
    public BasisFamily[] selectedFamilies() {
        int[][] ranked = rankUnmasked();
        BasisFamily[] selected = new BasisFamily[ranked.length];
        for (int j = 0; j < ranked.length; j++) {
            selected[j] = pool[ranked[j][0]];
        }
        return selected;
    }

    /**
     * Per node, keeps the {@code k} unmasked families with the largest softmax weight and masks the
     * rest (the spec's phase 2 uses k = 2, phase 3 k = 1). Nodes with at most k unmasked families
     * are unchanged.
     */
    public void keepTopFamilies(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int[][] ranked = rankUnmasked();
        float[][] next = new float[ranked.length][pool.length];
        for (int j = 0; j < ranked.length; j++) {
            for (int r = 0; r < Math.min(k, ranked[j].length); r++) {
                next[j][ranked[j][r]] = 1f;
            }
        }
        setMask(next);
    }

    /**
     * The number of parameters a model with this mask needs, counted exactly as
     * <pre>
     *   sum_j sum_{k kept at j} (D·G_k + D + 1)         coefficients C^k[j], base weights W^k[j], bias b^k[j]
     * + sum_j [kept_j &gt; 1] · kept_j                    logits alpha[j, k] that still mix several families
     * + sum_{k kept at some node} basisParams_k         learnable basis parameters (wavelet: 2·D·G), once per layer
     * </pre>
     * A node with a single family has weight 1 whatever its logit, so its alpha is not needed; the
     * mask is never counted. With the full mask this equals the number of trainable scalars.
     */
    public long activeParameterCount() {
        float[][] m = getMask();
        boolean[] used = new boolean[pool.length];
        long n = 0;
        for (float[] row : m) {
            int kept = 0;
            for (int k = 0; k < pool.length; k++) {
                if (row[k] == 1f) {
                    n += layers[k].parametersPerUnit();
                    used[k] = true;
                    kept++;
                }
            }
            n += kept > 1 ? kept : 0;
        }
        for (int k = 0; k < pool.length; k++) {
            n += used[k] ? layers[k].basisParameterCount() : 0;
        }
        return n;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        Device device = inputs.head().getDevice();
        NDList outputs = new NDList(layers.length);
        for (KanLinear layer : layers) {
            outputs.add(layer.forward(ps, inputs, training, params).singletonOrThrow());
        }
        NDArray y = NDArrays.stack(outputs, 2); // (B, out, K)
        NDArray w = mixingWeights(ps.getValue(alpha, device, training), ps.getValue(mask, device, training));
        return new NDList(y.mul(w).sum(new int[] {2}));
    }

    /** softmax over families of the logits, masked families pushed to -1e9 (weight exactly 0). */
    private static NDArray mixingWeights(NDArray logits, NDArray keep) {
        return logits.add(keep.sub(1f).mul(MASKED_LOGIT)).softmax(1);
    }

    /** Per node, the indices of the unmasked families by decreasing weight (stable on ties). */
    private int[][] rankUnmasked() {
        float[][] m = getMask();
        float[][] w = familyWeights();
        int[][] ranked = new int[m.length][];
        for (int j = 0; j < m.length; j++) {
            float[] row = w[j];
            List<Integer> kept = new ArrayList<>();
            for (int k = 0; k < pool.length; k++) {
                if (m[j][k] == 1f) {
                    kept.add(k);
                }
            }
            kept.sort(Comparator.comparingDouble((Integer k) -> row[k]).reversed());
            ranked[j] = kept.stream().mapToInt(Integer::intValue).toArray();
        }
        return ranked;
    }

    private float[][] rows(float[] flat) {
        float[][] out = new float[(int) units][pool.length];
        for (int j = 0; j < units; j++) {
            System.arraycopy(flat, j * pool.length, out[j], 0, pool.length);
        }
        return out;
    }

    private int indexOf(BasisFamily family) {
        for (int k = 0; k < pool.length; k++) {
            if (pool[k] == family) {
                return k;
            }
        }
        throw new IllegalArgumentException(family + " is not in the pool " + Arrays.toString(pool));
    }

    /** (B, D) to (B, out). */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), units)};
    }

    /** {@inheritDoc} */
    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape logits = new Shape(units, pool.length);
        alpha.setShape(logits);
        mask.setShape(logits);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (KanLinear layer : layers) {
            layer.initialize(manager, dataType, inputShapes[0]);
        }
    }

    /** {@inheritDoc} */
    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(units);
        os.writeInt(pool.length);
        for (BasisFamily family : pool) {
            os.writeUTF(family.name());
        }
    }

    /** {@inheritDoc} */
    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException("SelectableKanLinear version " + loadVersion + " unsupported, expected "
                    + VERSION);
        }
        readInputShapes(is);
        long savedUnits = is.readLong();
        String[] savedPool = new String[is.readInt()];
        for (int k = 0; k < savedPool.length; k++) {
            savedPool[k] = is.readUTF();
        }
        String[] builtPool = Arrays.stream(pool).map(Enum::name).toArray(String[]::new);
        if (savedUnits != units || !Arrays.equals(savedPool, builtPool)) {
            throw new MalformedModelException("parameters were saved for units=" + savedUnits + ", pool="
                    + Arrays.toString(savedPool) + "; this block has units=" + units
                    + ", pool=" + Arrays.toString(builtPool));
        }
    }

    /** Builder: {@code set*} required, {@code opt*} optional; {@link #build()} validates. */
    public static final class Builder {
        private long units;
        private BasisFamily[] pool = BasisFamily.values();

        /** The number of outputs, required. */
        public Builder setUnits(long v) {
            units = v;
            return this;
        }

        /** The families to choose from, in column order; default all five in {@link BasisFamily} order. */
        public Builder optPool(BasisFamily... v) {
            pool = v == null ? null : v.clone();
            return this;
        }

        /** Validates and builds. */
        public SelectableKanLinear build() {
            if (units <= 0) {
                throw new IllegalArgumentException("units must be > 0, got " + units);
            }
            checkPool(pool);
            return new SelectableKanLinear(this);
        }
    }

    /** A pool must be non-empty, without nulls or repeats. */
    static void checkPool(BasisFamily[] pool) {
        if (pool == null || pool.length == 0) {
            throw new IllegalArgumentException("pool must name at least one basis family, got "
                    + Arrays.toString(pool));
        }
        EnumSet<BasisFamily> seen = EnumSet.noneOf(BasisFamily.class);
        for (BasisFamily family : pool) {
            if (family == null || !seen.add(family)) {
                throw new IllegalArgumentException("pool must list distinct non-null families, got "
                        + Arrays.toString(pool));
            }
        }
    }
}
