package io.github.djlsuite.ctr;

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
import io.github.djlsuite.core.nn.Mlp;
import io.github.djlsuite.core.report.Memory;
import io.github.djlsuite.core.report.Report;
import io.github.djlsuite.core.report.Table;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The CTR papers' speed measurement, one loop for all of them ({@code bin/suite bench finalmlp|din|dtrn}).
 *
 * <p>Training: samples/s of a DJL step loop (GradientCollector, forward, loss, backward, Adam 1e-3 step)
 * over a few prebuilt batches, each step in its own sub-manager; no data loading, no evaluators. Inference:
 * milliseconds per batch for a forward pass in inference mode, the output copied to the host. After a
 * warm-up (a third of a round, at least 3 steps), {@code rounds} rounds of {@code steps} steps are timed and
 * the median reported, with every round kept in the report's metrics.
 */
public final class CtrBenchmark {

    /** The table columns every CTR benchmark prints. */
    public static final List<String> COLUMNS = List.of("engine", "model", "train samples/s", "inference ms/batch",
            "inference samples/s", "reference PyTorch samples/s", "parameters", "peak RSS MiB");

    private CtrBenchmark() {}

    /**
     * One model's measured speed.
     *
     * @param trainSamplesPerSecond median over rounds
     * @param trainRounds           every round's samples/s
     * @param inferenceMs           median milliseconds per batch in inference mode
     * @param parameters            the model's parameter count
     * @param batch                 samples per batch
     */
    public record Speed(double trainSamplesPerSecond, double[] trainRounds, double inferenceMs, long parameters,
            int batch) {}

    /**
     * Measures {@code block} on {@code ctx}'s engine and device.
     *
     * @param batches     builds the prebuilt batches on the model's manager, each {@code [inputs..., labels]}
     *                    (labels last); at least one
     * @param inputShapes the shapes to initialise the block with (one batch's inputs)
     */
    public static Speed measure(RunContext ctx, String name, Block block, Loss loss, Shape[] inputShapes,
            Function<NDManager, NDList[]> batches, int steps, int rounds) {
        if (steps < 1 || rounds < 1) {
            throw new IllegalArgumentException("steps and rounds must be >= 1, got " + steps + ", " + rounds);
        }
        double[] train = new double[rounds];
        double[] infer = new double[rounds];
        try (Model model = ctx.newModel("bench-" + name)) {
            model.setBlock(block);
            ctx.backend().seed(ctx.seed());
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                    .optDevices(new ai.djl.Device[] {ctx.backend().device()});
            try (Trainer trainer = model.newTrainer(cfg)) {
                trainer.initialize(inputShapes);
                NDList[] xs = batches.apply(model.getNDManager());
                if (xs.length == 0) {
                    throw new IllegalArgumentException("no batches to benchmark " + name + " on");
                }
                int batch = Math.toIntExact(xs[0].head().getShape().get(0));
                int warm = Math.max(3, steps / 3);
                trainSteps(trainer, xs, warm);
                inferMs(model, xs, warm);
                for (int k = 0; k < rounds; k++) {
                    long start = System.nanoTime();
                    trainSteps(trainer, xs, steps);
                    train[k] = (double) steps * batch / ((System.nanoTime() - start) / 1e9);
                    infer[k] = inferMs(model, xs, warm);
                }
                return new Speed(median(train), train, median(infer), Mlp.countParameters(block), batch);
            }
        }
    }

    /**
     * Adds {@code s} as a row of {@code t} (columns {@link #COLUMNS}) and as metrics
     * {@code <key>.train_samples_per_second}, {@code .train_rounds_samples_per_second} and
     * {@code .inference_ms_per_batch} of {@code report}.
     *
     * @param reference a reference implementation's samples/s to print beside it, or NaN
     */
    public static void record(Report report, Table t, RunContext ctx, String key, String label, Speed s,
            double reference) {
        t.addRow(ctx.backend().engineName(), label, s.trainSamplesPerSecond(), s.inferenceMs(),
                s.batch() / (s.inferenceMs() / 1000), reference, s.parameters(), Memory.peakRssMiB());
        report.putMetric(key + ".train_samples_per_second", s.trainSamplesPerSecond());
        report.putMetric(key + ".train_rounds_samples_per_second", s.trainRounds());
        report.putMetric(key + ".inference_ms_per_batch", s.inferenceMs());
    }

    private static void trainSteps(Trainer trainer, NDList[] xs, int steps) {
        for (int i = 0; i < steps; i++) {
            NDList batch = xs[i % xs.length];
            try (NDManager step = trainer.getManager().newSubManager()) {
                for (NDArray a : batch) {
                    a.tempAttach(step);
                }
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray loss = trainer.getLoss().evaluate(new NDList(batch.get(batch.size() - 1)),
                            trainer.forward(inputs(batch)));
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
                model.getBlock().forward(new ParameterStore(sub, false), inputs(batch), false).head().toFloatArray();
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return median(ms);
    }

    private static NDList inputs(NDList batch) {
        return new NDList(batch.subList(0, batch.size() - 1));
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
