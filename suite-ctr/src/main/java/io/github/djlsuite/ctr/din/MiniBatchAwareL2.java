package io.github.djlsuite.ctr.din;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.github.djlsuite.ctr.FeatureEmbedding;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.Arrays;
import java.util.Objects;

/**
 * Mini-batch aware L2 regularisation of an embedding table (DIN paper eq. 6–7):
 * <pre>
 *   R_B(W) = λ · Σ_{j ∈ B} ‖w_j‖² / n_j        ∂R_B/∂w_j = 2λ/n_j · w_j  (j in the batch), 0 otherwise
 * </pre>
 * where j runs over the table rows whose id occurs in mini-batch B and n_j is the number of training
 * samples containing id j. Rows absent from the batch are neither regularised nor touched, so the cost
 * is O(batch) instead of O(table). PAD ids are not features: never regularised. λ = 0 disables it.
 *
 * <p><b>Why a TrainingListener.</b> DJL's {@code Loss.evaluate(labels, predictions)} sees neither the
 * batch's ids nor the parameters, so a Loss wrapper would need the model to smuggle them through its
 * outputs. A listener's {@code onTrainingBatch} runs after back-propagation and before the optimizer step
 * (as the harness's gradient clipping) and sees the batch: it adds the exact gradient of R_B above to the
 * table's gradient, with the unique row ids found on the host. For every optimizer this is the same
 * update as adding R_B to the loss. Caveats: the reported training loss does not include R_B (compute it
 * with {@link #penalty}); listeners run in registration order, so the harness's clipping (registered
 * first) acts before this term is added.
 *
 * <p>Table rows follow {@link FeatureEmbedding}'s layout ({@link #rowOffsets}): categorical field f at
 * the running sum of the vocabularies before it; a sequence sharing field f reads f's rows, others get
 * rows after all categorical fields. Use with {@code TrainConfig.builder().addListener(…)}.
 */
public final class MiniBatchAwareL2 extends TrainingListenerAdapter {

    private final float lambda;
    private final Parameter table;
    private final CtrLayout layout;
    private final int[][] offsets;
    private final int[] frequencies;

    /**
     * @param lambda      λ ≥ 0
     * @param embedding   the embedding whose table is regularised (initialised before training starts)
     * @param frequencies n_j for every table row, from {@link #frequencies}
     */
    public MiniBatchAwareL2(float lambda, FeatureEmbedding embedding, int[] frequencies) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
        }
        this.lambda = lambda;
        this.table = Objects.requireNonNull(embedding.getParameters().get("table"), "embedding table");
        this.layout = embedding.layout();
        this.offsets = rowOffsets(layout);
        if (frequencies.length != embedding.tableRows()) {
            throw new IllegalArgumentException("got " + frequencies.length + " frequencies for a table of "
                    + embedding.tableRows() + " rows");
        }
        this.frequencies = frequencies.clone();
    }

    /** λ. */
    public float lambda() {
        return lambda;
    }

    /**
     * Table row offsets as {@link FeatureEmbedding} lays them out: {@code [0]} per categorical field,
     * {@code [1]} per sequence field.
     */
    public static int[][] rowOffsets(CtrLayout layout) {
        int c = layout.numCategorical();
        int[] cat = new int[c];
        int next = 0;
        for (int f = 0; f < c; f++) {
            cat[f] = next;
            next += layout.vocab(f);
        }
        int[] seq = new int[layout.sequences().size()];
        for (int s = 0; s < seq.length; s++) {
            CtrLayout.Sequence q = layout.sequences().get(s);
            if (q.sharedWith() >= 0) {
                seq[s] = cat[q.sharedWith()];
            } else {
                seq[s] = next;
                next += q.vocabSize();
            }
        }
        return new int[][] {cat, seq, {next}};
    }

    /**
     * n_j: for every table row, the number of samples whose categorical or sequence ids contain it
     * (each sample counted once per row).
     *
     * @param layout      the layout
     * @param categorical row-major {@code (n, C)} ids
     * @param sequences   one row-major {@code (n, L_s)} id array per sequence field
     */
    public static int[] frequencies(CtrLayout layout, int[] categorical, int[]... sequences) {
        int[][] off = rowOffsets(layout);
        int c = layout.numCategorical();
        int n = categorical.length / c;
        if (sequences.length != layout.sequences().size()) {
            throw new IllegalArgumentException("expected " + layout.sequences().size() + " sequence arrays, got "
                    + sequences.length);
        }
        int[] counts = new int[off[2][0]];
        int[] lastSeen = new int[counts.length];
        Arrays.fill(lastSeen, -1);
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < c; f++) {
                count(categorical[i * c + f], off[0][f], i, counts, lastSeen);
            }
            for (int s = 0; s < sequences.length; s++) {
                int l = sequences[s].length / n;
                for (int k = 0; k < l; k++) {
                    count(sequences[s][i * l + k], off[1][s], i, counts, lastSeen);
                }
            }
        }
        return counts;
    }

    private static void count(int id, int offset, int sample, int[] counts, int[] lastSeen) {
        if (id == CtrLayout.PAD) {
            return;
        }
        int row = offset + id;
        if (lastSeen[row] != sample) {
            lastSeen[row] = sample;
            counts[row]++;
        }
    }

    /** The distinct table rows that occur in a batch's data (host-side), ascending. */
    public int[] presentRows(NDList data) {
        boolean[] seen = new boolean[frequencies.length];
        int[] cat = data.get(0).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
        int c = layout.numCategorical();
        for (int i = 0; i < cat.length; i++) {
            mark(cat[i], offsets[0][i % c], seen);
        }
        for (int s = 0; s < offsets[1].length; s++) {
            for (int id : data.get(layout.sequenceIndex(s)).toType(ai.djl.ndarray.types.DataType.INT32, false)
                    .toIntArray()) {
                mark(id, offsets[1][s], seen);
            }
        }
        int count = 0;
        for (boolean b : seen) {
            count += b ? 1 : 0;
        }
        int[] rows = new int[count];
        for (int j = 0, k = 0; j < seen.length; j++) {
            if (seen[j]) {
                rows[k++] = j;
            }
        }
        return rows;
    }

    private static void mark(int id, int offset, boolean[] seen) {
        if (id != CtrLayout.PAD) {
            seen[offset + id] = true;
        }
    }

    /** Per-row coefficients 1/n_j for the rows in {@code rows}, 0 elsewhere ({@code n_j = 0} counts as 1). */
    private float[] inverseFrequencies(int[] rows) {
        float[] c = new float[frequencies.length];
        for (int j : rows) {
            c[j] = 1f / Math.max(1, frequencies[j]);
        }
        return c;
    }

    /**
     * R_B(W) as a differentiable scalar on {@code w}'s manager (for logging, or to add to a loss
     * yourself instead of registering this listener).
     *
     * @param w    the table {@code (rows, d)}
     * @param data the batch's data in layout order
     */
    public NDArray penalty(NDArray w, NDList data) {
        NDArray c = w.getManager().create(inverseFrequencies(presentRows(data)), new Shape(frequencies.length, 1));
        return w.square().mul(c).sum().mul(c.getManager().create(lambda));
    }

    /** Adds 2λ/n_j · w_j to the table gradient of every row j present in {@code data}. */
    public void addGradient(NDList data) {
        if (lambda == 0) {
            return;
        }
        NDArray w = table.getArray();
        int[] rows = presentRows(data);
        float[] c = inverseFrequencies(rows);
        for (int j : rows) {
            c[j] *= 2 * lambda;
        }
        try (NDManager scope = w.getManager().newSubManager()) {
            NDArray grad = w.getGradient();
            grad.attach(scope); // the handle only: the gradient buffer stays with the parameter
            NDArray coef = scope.create(c, new Shape(c.length, 1));
            grad.addi(coef.mul(w)); // outside any GradientCollector: nothing is recorded

        }
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        addGradient(batchData.getBatch().getData());
    }
}
