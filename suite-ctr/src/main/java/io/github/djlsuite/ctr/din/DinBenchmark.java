package io.github.djlsuite.ctr.din;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
import io.github.djlsuite.datasets.synthetic.BehaviourLogs;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Throughput of DIN (Dice, attention [80, 40], MLP [200, 80]) and its BaseModel at the issue's
 * setting: batch 2048, histories of 1–30 clicks padded to L = 30, 5,000 items and 40 categories
 * (BehaviourLogs' vocabularies), d = 16 per table. Training: samples/s of a DJL step loop
 * (GradientCollector, forward, sigmoid BCE, backward, Adam step) on prebuilt random batches in a
 * per-step sub-manager. Inference: ms per batch of 2048 in inference mode. Medians over rounds, after
 * a warm-up.
 */
final class DinBenchmark {

    /** Issue target and reference (PyTorch, 2 cores), training samples/s; not measured here. */
    static final double TARGET = 20_000;
    static final double REFERENCE = 10_000;

    static final int BATCH = 2048;
    static final int LENGTH = 30;

    private DinBenchmark() {}

    static Report run(RunContext ctx) throws Exception {
        boolean smoke = ctx.scale() == Scale.SMOKE;
        int steps = ctx.epochs(smoke ? 4 : 30);
        int rounds = smoke ? 1 : 5;
        BehaviourLogs.Config config = BehaviourLogs.Config.din().withMaxLength(LENGTH);
        CtrLayout layout = BehaviourLogs.layout(config);
        Report report = new Report(DinReproduction.PAPER, "Training and inference speed, batch 2048, histories ≤ 30,"
                + " d = 16", Environment.capture(ctx));
        Table t = new Table("median of " + rounds + " round(s) of " + steps + " training steps",
                List.of("engine", "model", "train samples/s", "inference ms/batch", "inference samples/s",
                        "reference PyTorch samples/s", "parameters", "peak RSS MiB"));
        List<DinReproduction.Candidate> models = List.of(DinReproduction.candidates(16).get(2),
                DinReproduction.candidates(16).get(0));
        for (DinReproduction.Candidate c : models) {
            double[] train = new double[rounds];
            double[] infer = new double[rounds];
            long params;
            try (Model model = ctx.newModel("bench-" + c.key())) {
                model.setBlock(c.factory().apply(layout));
                ctx.backend().seed(ctx.seed());
                DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                        .optDevices(new ai.djl.Device[] {ctx.backend().device()});
                try (Trainer trainer = model.newTrainer(cfg)) {
                    trainer.initialize(DinReproduction.inputShapes(BATCH, LENGTH));
                    params = Mlp.countParameters(model.getBlock());
                    NDList[] xs = batches(model.getNDManager(), config, ctx.seed(), 4);
                    trainSteps(trainer, xs, Math.max(3, steps / 3)); // warm-up
                    inferMs(model, xs, 3);
                    for (int k = 0; k < rounds; k++) {
                        long start = System.nanoTime();
                        trainSteps(trainer, xs, steps);
                        train[k] = (double) steps * BATCH / ((System.nanoTime() - start) / 1e9);
                        infer[k] = inferMs(model, xs, Math.max(3, steps / 3));
                    }
                }
            }
            double trainSps = median(train);
            double inferMs = median(infer);
            t.addRow(ctx.backend().engineName(), c.label(), trainSps, inferMs, BATCH / (inferMs / 1000),
                    c.key().equals("din-dice") ? REFERENCE : Double.NaN, params, Memory.peakRssMiB());
            report.putMetric(c.key() + ".train_samples_per_second", trainSps);
            report.putMetric(c.key() + ".train_rounds_samples_per_second", train);
            report.putMetric(c.key() + ".inference_ms_per_batch", inferMs);
        }
        report.addTable(t);
        report.putMetric("peak_rss_mib", Memory.peakRssMiB());
        report.addNote(String.format(Locale.ROOT, "Issue target: ≥ %.0f training samples/s for DIN on PyTorch, 2"
                + " cores; reference PyTorch implementation ≈ %.0f samples/s (figures from the issue, not measured in"
                + " this run).", TARGET, REFERENCE));
        report.addNote("Loop: GradientCollector + forward + sigmoid BCE + backward + Adam step on 4 prebuilt random"
                + " batches (candidate and history items uniform, history length uniform in 1..30) in a per-step"
                + " sub-manager; no data loading or evaluators. Inference: forward in inference mode, logits only.");
        return report;
    }

    /** {@code count} random batches [categorical, history items, history categories, labels]. */
    static NDList[] batches(NDManager m, BehaviourLogs.Config config, long seed, int count) {
        Random r = new Random(seed);
        NDList[] out = new NDList[count];
        int k = config.categories();
        for (int b = 0; b < count; b++) {
            int[] cat = new int[BATCH * 2];
            int[] items = new int[BATCH * LENGTH];
            int[] cates = new int[BATCH * LENGTH];
            float[] y = new float[BATCH];
            for (int i = 0; i < BATCH; i++) {
                int item = r.nextInt(config.items());
                cat[2 * i] = item + 2;
                cat[2 * i + 1] = item % k + 2;
                int len = 1 + r.nextInt(LENGTH);
                for (int j = 0; j < len; j++) {
                    int h = r.nextInt(config.items());
                    items[i * LENGTH + j] = h + 2;
                    cates[i * LENGTH + j] = h % k + 2;
                }
                y[i] = r.nextDouble() < 0.3 ? 1 : 0;
            }
            out[b] = new NDList(m.create(cat, new Shape(BATCH, 2)), m.create(items, new Shape(BATCH, LENGTH)),
                    m.create(cates, new Shape(BATCH, LENGTH)), m.create(y, new Shape(BATCH, 1)));
        }
        return out;
    }

    private static void trainSteps(Trainer trainer, NDList[] xs, int steps) {
        for (int i = 0; i < steps; i++) {
            NDList batch = xs[i % xs.length];
            try (NDManager step = trainer.getManager().newSubManager()) {
                for (NDArray a : batch) {
                    a.tempAttach(step);
                }
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray loss = trainer.getLoss().evaluate(new NDList(batch.get(3)),
                            trainer.forward(new NDList(batch.get(0), batch.get(1), batch.get(2))));
                    gc.backward(loss);
                }
                trainer.step();
            }
        }
    }

    private static double inferMs(Model model, NDList[] xs, int reps) {
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            NDList batch = xs[i % xs.length];
            try (NDManager sub = model.getNDManager().newSubManager()) {
                for (NDArray a : batch) {
                    a.tempAttach(sub);
                }
                long start = System.nanoTime();
                model.getBlock().forward(new ParameterStore(sub, false),
                        new NDList(batch.get(0), batch.get(1), batch.get(2)), false).head().toFloatArray();
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
