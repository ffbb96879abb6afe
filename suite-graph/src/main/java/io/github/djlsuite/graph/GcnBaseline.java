package io.github.djlsuite.graph;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.util.Progress;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.train.EpochRecord;
import io.github.djlsuite.core.train.Harness;
import io.github.djlsuite.core.train.TrainConfig;
import io.github.djlsuite.core.train.TrainingHistory;
import io.github.djlsuite.datasets.graph.Graph;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the 2-layer {@link Gcn} baseline full-batch through the suite's {@link Harness}, Kipf &amp; Welling's
 * recipe: row-normalised features, hidden 16, dropout 0.5, Adam with learning rate 0.01 and weight decay
 * 5·10⁻⁴ (here on every parameter; Kipf decays the first layer only), cross-entropy over the training nodes.
 *
 * <p>The whole graph is one batch: {@link FullGraph} is a one-element {@link Dataset} whose data are
 * {@code (X, Â arrays)} and whose label is a masked one-hot target T (N, C) (rows of nodes outside the mask
 * are zero), so {@link MaskedCrossEntropy} and {@link MaskedAccuracy} see only the masked nodes; the
 * validation "dataset" is the same graph with the validation mask.
 */
public final class GcnBaseline {

    private GcnBaseline() {}

    /**
     * The outcome of one run.
     *
     * @param trainAccuracy accuracy on the training nodes after the last epoch (inference mode)
     * @param valAccuracy   on the validation nodes
     * @param testAccuracy  on the test nodes
     * @param history       per-epoch losses and {@code train_accuracy}/{@code validate_accuracy}
     * @param seconds       wall time of training
     */
    public record Result(double trainAccuracy, double valAccuracy, double testAccuracy, List<EpochRecord> history,
            double seconds) {}

    /** {@link #train(Graph, Backend, int, long, GraphPropagation.Form)} with the default form for the graph's size. */
    public static Result train(Graph graph, Backend backend, int epochs, long seed) throws IOException, TranslateException {
        return train(graph, backend, epochs, seed, GraphPropagation.defaultForm(graph.numNodes()));
    }

    /**
     * Trains a fresh 2-layer GCN on {@code graph}'s train mask for {@code epochs} epochs and evaluates it.
     *
     * @throws IllegalArgumentException if the graph has no training nodes
     */
    public static Result train(Graph graph, Backend backend, int epochs, long seed, GraphPropagation.Form form)
            throws IOException, TranslateException {
        try (Model model = Model.newInstance("gcn", backend.device(), backend.engineName())) {
            model.setBlock(Gcn.builder().setClasses(graph.numClasses()).build());
            backend.seed(seed);
            return fit(model, graph, form, TrainConfig.builder().setEpochs(epochs).optSeed(seed), 0.01f, 5e-4f);
        }
    }

    /**
     * Trains {@code model}'s {@link Gcn} (block set, not yet initialised) on {@code graph}'s train mask with
     * the recipe of the class javadoc, validating on the validation mask, and evaluates it on every mask.
     * {@code config} carries the budget and the run's options (epochs, seed, output folder, resume,
     * progress); the loss, optimizer and evaluator are set here.
     *
     * @throws IllegalArgumentException if the graph has no training nodes
     */
    public static Result fit(Model model, Graph graph, GraphPropagation.Form form, TrainConfig.Builder config,
            float learningRate, float weightDecay) throws IOException, TranslateException {
        if (Graph.indices(graph.trainMask()).length == 0) {
            throw new IllegalArgumentException(graph.name() + " has no training nodes: set masks (e.g. a split)");
        }
        float[] x = graph.sparseFeatures().rowNormalized().toDense();
        GraphPropagation prop = GraphPropagation.gcn(graph);
        int c = graph.numClasses();
        FullGraph train = new FullGraph(x, graph.numFeatures(), prop, form, graph.labels(), graph.trainMask(), c);
        FullGraph val = new FullGraph(x, graph.numFeatures(), prop, form, graph.labels(), graph.valMask(), c);
        TrainConfig cfg = config.optName("gcn-" + graph.name()).setLoss(new MaskedCrossEntropy())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate))
                        .optWeightDecays(weightDecay).build())
                .addEvaluator(new MaskedAccuracy()).build();
        long start = System.nanoTime();
        TrainingHistory h = Harness.fit(model, cfg, train, val, train.shapes());
        double seconds = (System.nanoTime() - start) / 1e9;
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDList in = train.data(m);
            float[] logits = model.getBlock().forward(new ParameterStore(m, false), in, false)
                    .singletonOrThrow().toFloatArray();
            int[] labels = graph.labels();
            return new Result(accuracy(logits, labels, graph.trainMask(), c), accuracy(logits, labels,
                    graph.valMask(), c), accuracy(logits, labels, graph.testMask(), c), h.epochs(), seconds);
        }
    }

    /** Fraction of masked nodes whose arg-max logit (first on ties) is the label; NaN for an empty mask. */
    public static double accuracy(float[] logits, int[] labels, boolean[] mask, int classes) {
        int right = 0;
        int total = 0;
        for (int i = 0; i < labels.length; i++) {
            if (!mask[i]) {
                continue;
            }
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (logits[i * classes + k] > logits[i * classes + best]) {
                    best = k;
                }
            }
            right += best == labels[i] ? 1 : 0;
            total++;
        }
        return total == 0 ? Double.NaN : (double) right / total;
    }

    /** The masked one-hot target T (N, C): {@code T_ic = 1} if {@code mask[i]} and {@code labels[i] == c}. */
    public static float[] maskedOneHot(int[] labels, boolean[] mask, int classes) {
        float[] t = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (mask[i] && labels[i] >= 0) {
                t[i * classes + labels[i]] = 1f;
            }
        }
        return t;
    }

    /**
     * A one-batch dataset holding a whole graph: data {@code (X (N, F), Â arrays)}, label {@code T (N, C)}.
     * Every epoch's batch is created on a fresh sub-manager that the batch closes, so nothing accumulates.
     */
    public static final class FullGraph implements Dataset {
        private final float[] x;
        private final int numFeatures;
        private final GraphPropagation prop;
        private final GraphPropagation.Form form;
        private final float[] target;
        private final int classes;

        /** Holds the Java arrays; NDArrays are made per batch. */
        public FullGraph(float[] x, int numFeatures, GraphPropagation prop, GraphPropagation.Form form, int[] labels,
                boolean[] mask, int classes) {
            this.x = x;
            this.numFeatures = numFeatures;
            this.prop = prop;
            this.form = form;
            this.target = maskedOneHot(labels, mask, classes);
            this.classes = classes;
        }

        /** The block's inputs {@code (X, Â arrays)} on {@code manager}. */
        public NDList data(NDManager manager) {
            NDList d = new NDList(manager.create(x, new Shape(prop.numNodes(), numFeatures)));
            d.addAll(prop.toNDList(manager, form));
            return d;
        }

        /** The input shapes for {@code Trainer.initialize}. */
        public Shape[] shapes() {
            Shape[] p = prop.shapes(form);
            Shape[] all = new Shape[p.length + 1];
            all[0] = new Shape(prop.numNodes(), numFeatures);
            System.arraycopy(p, 0, all, 1, p.length);
            return all;
        }

        @Override
        public Iterable<Batch> getData(NDManager manager) {
            return () -> List.of(batch(manager)).iterator();
        }

        private Batch batch(NDManager manager) {
            NDManager m = manager.newSubManager();
            NDList labels = new NDList(m.create(target, new Shape(prop.numNodes(), classes)));
            return new Batch(m, data(m), labels, 1, Batchifier.STACK, Batchifier.STACK, 0, 1);
        }

        @Override
        public void prepare(Progress progress) {
            // nothing to download or preprocess
        }
    }

    /** {@code L = −Σ_i Σ_c T_ic log softmax(z_i)_c / Σ T}: mean cross-entropy over the masked nodes. */
    public static final class MaskedCrossEntropy extends Loss {
        /** Named "masked_ce". */
        public MaskedCrossEntropy() {
            super("masked_ce");
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray t = labels.singletonOrThrow();
            NDArray logp = predictions.singletonOrThrow().logSoftmax(1);
            return t.mul(logp).sum().neg().div(t.sum());
        }
    }

    /** Accuracy over the nodes with a non-zero row in the masked one-hot target (named "accuracy"). */
    public static final class MaskedAccuracy extends Evaluator {
        private final Map<String, long[]> counts = new HashMap<>();

        /** Named "accuracy". */
        public MaskedAccuracy() {
            super("accuracy");
        }

        private static NDArray[] correctAndTotal(NDList labels, NDList predictions) {
            NDArray t = labels.singletonOrThrow();
            NDArray z = predictions.singletonOrThrow();
            NDArray picked = t.mul(z).sum(new int[] {1});
            NDArray right = picked.gte(z.max(new int[] {1})).toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                    .mul(t.sum(new int[] {1}));
            return new NDArray[] {right.sum(), t.sum()};
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            NDArray[] ct = correctAndTotal(labels, predictions);
            return ct[0].div(ct[1]);
        }

        @Override
        public void addAccumulator(String key) {
            counts.put(key, new long[2]);
        }

        @Override
        public void updateAccumulator(String key, NDList labels, NDList predictions) {
            NDArray[] ct = correctAndTotal(labels, predictions);
            long[] a = counts.computeIfAbsent(key, k -> new long[2]);
            a[0] += Math.round(ct[0].getFloat());
            a[1] += Math.round(ct[1].getFloat());
        }

        @Override
        public void resetAccumulator(String key) {
            counts.put(key, new long[2]);
        }

        @Override
        public float getAccumulator(String key) {
            long[] a = counts.get(key);
            return a == null || a[1] == 0 ? Float.NaN : (float) a[0] / a[1];
        }
    }
}
