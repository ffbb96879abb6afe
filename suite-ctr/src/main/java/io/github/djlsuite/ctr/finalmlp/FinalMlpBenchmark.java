package io.github.djlsuite.ctr.finalmlp;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.nn.Mlp;
import io.github.djlsuite.core.report.Environment;
import io.github.djlsuite.core.report.Memory;
import io.github.djlsuite.core.report.Report;
import io.github.djlsuite.core.report.Table;
import io.github.djlsuite.ctr.Dnn;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Throughput of FinalMLP and DNN at the setting: batch 2048, 12 categorical fields
 * (vocabulary 1,000 each), d = 10; FinalMLP streams [256, 256, 256] and [256], gate hidden [64],
 * 4 heads; DNN [256, 256, 256]. Training: samples/s of a DJL step loop (GradientCollector, forward,
 * sigmoid BCE, backward, Adam step) on prebuilt random batches in a per-step sub-manager.
 * Inference: ms per batch of 2048 in inference mode. Medians over rounds, after a warm-up.
 */
final class FinalMlpBenchmark {

    /** Issue target and reference figures (PyTorch, 2 cores), samples/s; not measured here. */
    static final double TARGET = 25_000;
    static final double REFERENCE_FINALMLP = 7_000;
    static final double REFERENCE_DNN = 33_000;

    static final int BATCH = 2048;
    static final int FIELDS = 12;
    static final int VOCAB = 1000;

    private FinalMlpBenchmark() {}

    static Report run(RunContext ctx) throws Exception {
        boolean smoke = ctx.scale() == Scale.SMOKE;
        int steps = ctx.epochs(smoke ? 5 : 50);
        int rounds = smoke ? 1 : 3;
        int[] vocab = new int[FIELDS];
        Arrays.fill(vocab, VOCAB + 2);
        CtrLayout layout = CtrLayout.categorical(vocab, "click");
        List<Object[]> models = List.of(
                new Object[] {"FinalMLP", (Function<CtrLayout, Block>) FinalMlp::criteo},
                new Object[] {"DNN", (Function<CtrLayout, Block>) l -> Dnn.builder().setLayout(l)
                        .optHidden(256, 256, 256).build()});
        Report report = new Report(FinalMlpReproduction.PAPER, "Training and inference speed, batch 2048, 12 fields,"
                + " d = 10", Environment.capture(ctx));
        Table t = new Table("median of " + rounds + " round(s) of " + steps + " training steps",
                List.of("engine", "model", "train samples/s", "inference ms/batch", "inference samples/s",
                        "reference PyTorch samples/s", "parameters", "peak RSS MiB"));
        for (Object[] entry : models) {
            String name = (String) entry[0];
            @SuppressWarnings("unchecked")
            Function<CtrLayout, Block> factory = (Function<CtrLayout, Block>) entry[1];
            double[] train = new double[rounds];
            double[] infer = new double[rounds];
            long params = 0;
            try (Model model = ctx.newModel("bench-" + name)) {
                model.setBlock(factory.apply(layout));
                ctx.backend().seed(ctx.seed());
                DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                        .optDevices(new ai.djl.Device[] {ctx.backend().device()});
                try (Trainer trainer = model.newTrainer(cfg)) {
                    trainer.initialize(new Shape(BATCH, FIELDS));
                    params = Mlp.countParameters(model.getBlock());
                    NDManager m = model.getNDManager();
                    Random r = new Random(ctx.seed());
                    NDArray[] xs = new NDArray[4];
                    NDArray[] ys = new NDArray[4];
                    for (int i = 0; i < xs.length; i++) {
                        int[] ids = new int[BATCH * FIELDS];
                        float[] y = new float[BATCH];
                        for (int j = 0; j < ids.length; j++) {
                            ids[j] = 2 + r.nextInt(VOCAB);
                        }
                        for (int j = 0; j < y.length; j++) {
                            y[j] = r.nextDouble() < 0.2 ? 1 : 0;
                        }
                        xs[i] = m.create(ids, new Shape(BATCH, FIELDS));
                        ys[i] = m.create(y, new Shape(BATCH, 1));
                    }
                    trainSteps(trainer, xs, ys, Math.max(5, steps / 2)); // warm-up
                    inferMs(model, xs, 5);
                    for (int k = 0; k < rounds; k++) {
                        long start = System.nanoTime();
                        trainSteps(trainer, xs, ys, steps);
                        train[k] = (double) steps * BATCH / ((System.nanoTime() - start) / 1e9);
                        infer[k] = inferMs(model, xs, Math.max(5, steps / 2));
                    }
                }
            }
            double trainSps = median(train);
            double inferMs = median(infer);
            t.addRow(ctx.backend().engineName(), name, trainSps, inferMs, BATCH / (inferMs / 1000),
                    name.equals("DNN") ? REFERENCE_DNN : REFERENCE_FINALMLP, params, Memory.peakRssMiB());
            String key = name.toLowerCase(Locale.ROOT);
            report.putMetric(key + ".train_samples_per_second", trainSps);
            report.putMetric(key + ".train_rounds_samples_per_second", train);
            report.putMetric(key + ".inference_ms_per_batch", inferMs);
        }
        report.addTable(t);
        report.putMetric("peak_rss_mib", Memory.peakRssMiB());
        report.addNote(String.format(Locale.ROOT, "Issue target: ≥ %.0f training samples/s for FinalMLP on PyTorch,"
                + " 2 cores; reference PyTorch implementations: FinalMLP ≈ %.0f, DNN ≈ %.0f samples/s (figures from the"
                + " issue, not measured in this run).", TARGET, REFERENCE_FINALMLP, REFERENCE_DNN));
        report.addNote("Loop: GradientCollector + forward + sigmoid BCE + backward + Adam step on 4 prebuilt random"
                + " batches (ids uniform over 1,000 values per field) in a per-step sub-manager; no data loading or"
                + " evaluators. Inference: forward in inference mode, logits only.");
        return report;
    }

    private static void trainSteps(Trainer trainer, NDArray[] xs, NDArray[] ys, int steps) {
        for (int i = 0; i < steps; i++) {
            NDArray x = xs[i % xs.length];
            NDArray y = ys[i % ys.length];
            try (NDManager step = trainer.getManager().newSubManager()) {
                x.tempAttach(step);
                y.tempAttach(step);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray loss = trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x)));
                    gc.backward(loss);
                }
                trainer.step();
            }
        }
    }

    private static double inferMs(Model model, NDArray[] xs, int reps) {
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            NDArray x = xs[i % xs.length];
            try (NDManager sub = model.getNDManager().newSubManager()) {
                x.tempAttach(sub);
                long start = System.nanoTime();
                model.getBlock().forward(new ParameterStore(sub, false), new NDList(x), false).head().toFloatArray();
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return median(ms);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
