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
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.djlsuite.core.Backends;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.metrics.AucEvaluator;
import io.github.djlsuite.core.metrics.LogLossEvaluator;
import io.github.djlsuite.core.train.EpochRecord;
import io.github.djlsuite.core.train.Harness;
import io.github.djlsuite.core.train.TrainConfig;
import io.github.djlsuite.core.train.TrainingHistory;
import io.github.djlsuite.ctr.Dnn;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Profiles FinalMLP's training step at the benchmark setting (batch 2048, 12 fields of 1,000 ids,
 * d = 10, streams [256, 256, 256] / [256], gate [64], 4 heads) on PyTorch; not a JUnit class:
 * {@code java -cp <test classpath> io.github.djlsuite.ctr.finalmlp.FinalMlpProfileMain [steps] [harness] [nobench]}.
 *
 * <ol>
 *   <li>{@link FinalMlpBenchmark}'s step loop: FinalMLP and DNN samples/s in the same process;</li>
 *   <li>wall-clock split of one step: forward by block (embedding, gates, MLP 1, MLP 2, fusion), BCE,
 *       backward, Adam step, mean ms over {@code steps} steps (PyTorch on CPU runs synchronously);</li>
 *   <li>PyTorch's profiler over 10 steps: self time per operator (forward and autograd), top 25;</li>
 *   <li>with {@code harness}: one epoch of {@link Harness#fit} on 160k random rows, with and without
 *       the AUC/log-loss evaluators, the loop the reproduction runs.</li>
 * </ol>
 */
public final class FinalMlpProfileMain {

    /** Whether the operator table is split by input shapes ({@code -Dshapes=true}). */
    private static final boolean SHAPES = Boolean.getBoolean("shapes");

    private FinalMlpProfileMain() {}

    public static void main(String[] args) throws Exception {
        Backends.prepareProcess();
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        boolean harness = Arrays.asList(args).contains("harness");
        RunContext ctx = RunContext.builder().setBackend(Backends.resolve("PyTorch", "cpu"))
                .setOutputDir(Files.createTempDirectory("finalmlp-profile")).optScale(Scale.SMALL).optProgress(false)
                .build();
        if (!Arrays.asList(args).contains("nobench")) {
            System.out.println(new FinalMlpReproduction().benchmark(ctx).toText());
        }

        int[] vocab = new int[FinalMlpBenchmark.FIELDS];
        Arrays.fill(vocab, FinalMlpBenchmark.VOCAB + 2);
        CtrLayout layout = CtrLayout.categorical(vocab, "click");
        try (Model model = ctx.newModel("profile")) {
            FinalMlp fin = FinalMlp.criteo(layout);
            model.setBlock(fin);
            ctx.backend().seed(ctx.seed());
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                    .optDevices(new ai.djl.Device[] {ctx.backend().device()});
            try (Trainer trainer = model.newTrainer(cfg)) {
                int batch = FinalMlpBenchmark.BATCH;
                trainer.initialize(new Shape(batch, FinalMlpBenchmark.FIELDS));
                NDManager m = model.getNDManager();
                Random r = new Random(1);
                int[] ids = new int[batch * FinalMlpBenchmark.FIELDS];
                float[] y = new float[batch];
                for (int j = 0; j < ids.length; j++) {
                    ids[j] = 2 + r.nextInt(FinalMlpBenchmark.VOCAB);
                }
                for (int j = 0; j < y.length; j++) {
                    y[j] = r.nextDouble() < 0.2 ? 1 : 0;
                }
                NDArray x = m.create(ids, new Shape(batch, FinalMlpBenchmark.FIELDS));
                NDArray labels = m.create(y, new Shape(batch, 1));
                String[] phases = {"embedding", "gate 1 + 2", "mlp 1", "mlp 2", "fusion", "BCE", "backward",
                    "Adam step", "total"};
                double[] ms = new double[phases.length];
                var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean();
                long cpu0 = 0;
                for (int s = -5; s < steps; s++) {
                    if (s == 0) {
                        cpu0 = os.getProcessCpuTime();
                    }
                    long[] t = split(trainer, fin, x, labels);
                    if (s >= 0) {
                        for (int i = 0; i < phases.length - 1; i++) {
                            ms[i] += (t[i + 1] - t[i]) / 1e6;
                        }
                        ms[phases.length - 1] += (t[t.length - 1] - t[0]) / 1e6;
                    }
                }
                System.out.printf(Locale.ROOT, "%nStep split, mean of %d steps (batch %d):%n", steps, batch);
                for (int i = 0; i < phases.length; i++) {
                    System.out.printf(Locale.ROOT, "  %-12s %8.2f ms  %5.1f %%%n", phases[i], ms[i] / steps,
                            100 * ms[i] / ms[phases.length - 1]);
                }
                System.out.printf(Locale.ROOT, "  => %.0f samples/s; process CPU %.2f ms/step%n",
                        batch * steps / (ms[phases.length - 1] / 1e3), (os.getProcessCpuTime() - cpu0) / 1e6 / steps);

                Path trace = Files.createTempFile("finalmlp-trace", ".json");
                ai.djl.pytorch.jni.JniUtils.startProfile(false, SHAPES, false);
                for (int s = 0; s < 10; s++) {
                    split(trainer, fin, x, labels);
                }
                ai.djl.pytorch.jni.JniUtils.stopProfile(trace.toString());
                printSelfTimes(trace, 10);
            }
        }
        if (harness) {
            harness(ctx, layout);
        }
    }

    /** One training step, timestamps after each phase. */
    private static long[] split(Trainer trainer, FinalMlp fin, NDArray x, NDArray y) {
        long[] t = new long[9];
        List<Block> ch = fin.getChildren().values();
        Block mlp1 = ch.get(3);
        Block mlp2 = ch.get(4);
        try (NDManager step = trainer.getManager().newSubManager()) {
            x.tempAttach(step);
            y.tempAttach(step);
            ParameterStore ps = new ParameterStore(step, false);
            try (GradientCollector gc = trainer.newGradientCollector()) {
                t[0] = System.nanoTime();
                NDArray e3 = fin.embedding().forward(ps, new NDList(x), true).head();
                NDArray e = e3.reshape(e3.getShape().get(0), -1);
                t[1] = System.nanoTime();
                NDArray x1 = fin.gate(1).forward(ps, new NDList(e), true).head();
                NDArray x2 = fin.gate(2).forward(ps, new NDList(e), true).head();
                t[2] = System.nanoTime();
                NDArray o1 = mlp1.forward(ps, new NDList(x1), true).head();
                t[3] = System.nanoTime();
                NDArray o2 = mlp2.forward(ps, new NDList(x2), true).head();
                t[4] = System.nanoTime();
                NDList logits = fin.fusion().forward(ps, new NDList(o1, o2), true);
                t[5] = System.nanoTime();
                NDArray loss = trainer.getLoss().evaluate(new NDList(y), logits);
                t[6] = System.nanoTime();
                gc.backward(loss);
                t[7] = System.nanoTime();
            }
            trainer.step();
            t[8] = System.nanoTime();
        }
        return t;
    }

    /** Self time per operator name from a chrome trace (nested events on a thread subtracted). */
    private static void printSelfTimes(Path trace, int steps) throws Exception {
        JsonElement root = JsonParser.parseString(Files.readString(trace));
        JsonArray events = root.isJsonArray() ? root.getAsJsonArray() : root.getAsJsonObject()
                .getAsJsonArray("traceEvents");
        Map<String, List<double[]>> byThread = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonElement el : events) {
            JsonObject ev = el.getAsJsonObject();
            if (!ev.has("ph") || !ev.get("ph").getAsString().equals("X") || !ev.has("dur")) {
                continue;
            }
            String name = ev.get("name").getAsString();
            if (SHAPES && ev.has("args") && ev.getAsJsonObject("args").has("Input Dims")) {
                name += " " + ev.getAsJsonObject("args").get("Input Dims");
            }
            names.add(name);
            String tid = ev.has("tid") ? ev.get("tid").getAsString() : "0";
            byThread.computeIfAbsent(tid, k -> new ArrayList<>()).add(new double[] {ev.get("ts").getAsDouble(),
                ev.get("dur").getAsDouble(), names.size() - 1});
        }
        Map<String, double[]> self = new HashMap<>(); // name -> {self µs, calls}
        double total = 0;
        for (List<double[]> evs : byThread.values()) {
            evs.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
            Deque<double[]> stack = new ArrayDeque<>(); // {end, index in evs}
            double[] selfOf = new double[evs.size()];
            for (int i = 0; i < evs.size(); i++) {
                double[] ev = evs.get(i);
                while (!stack.isEmpty() && stack.peek()[0] <= ev[0]) {
                    stack.pop();
                }
                selfOf[i] = ev[1];
                if (!stack.isEmpty()) {
                    selfOf[(int) stack.peek()[1]] -= ev[1];
                } else {
                    total += ev[1];
                }
                stack.push(new double[] {ev[0] + ev[1], i});
            }
            for (int i = 0; i < evs.size(); i++) {
                double[] acc = self.computeIfAbsent(names.get((int) evs.get(i)[2]), k -> new double[2]);
                acc[0] += selfOf[i];
                acc[1]++;
            }
        }
        List<Map.Entry<String, double[]>> top = new ArrayList<>(self.entrySet());
        top.sort((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]));
        System.out.printf(Locale.ROOT, "%nPyTorch profiler, %d steps: self time per operator (top-level total %.1f"
                + " ms/step)%n", steps, total / 1e3 / steps);
        for (Map.Entry<String, double[]> en : top.subList(0, Math.min(25, top.size()))) {
            System.out.printf(Locale.ROOT, "  %-45s %8.3f ms/step  %5.1f %%  %5.1f calls/step%n", en.getKey(),
                    en.getValue()[0] / 1e3 / steps, 100 * en.getValue()[0] / total, en.getValue()[1] / steps);
        }
    }

    /** One epoch of the harness on 160k random rows, FinalMLP and DNN, with and without evaluators. */
    private static void harness(RunContext ctx, CtrLayout layout) throws Exception {
        int rows = 160_000;
        Random r = new Random(3);
        int[] ids = new int[rows * FinalMlpBenchmark.FIELDS];
        float[] y = new float[rows];
        for (int j = 0; j < ids.length; j++) {
            ids[j] = 2 + r.nextInt(FinalMlpBenchmark.VOCAB);
        }
        for (int j = 0; j < rows; j++) {
            y[j] = r.nextDouble() < 0.2 ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "%nHarness.fit, 1 epoch of %d rows, batch 2048:%n", rows);
        for (boolean evaluators : new boolean[] {false, true}) {
            for (String name : List.of("FinalMLP", "DNN")) {
                try (Model model = ctx.newModel("harness-" + name)) {
                    model.setBlock(name.equals("DNN") ? Dnn.builder().setLayout(layout).optHidden(256, 256, 256)
                            .build() : FinalMlp.criteo(layout));
                    NDManager m = model.getNDManager();
                    TrainConfig.Builder b = TrainConfig.builder().optName(name)
                            .setLoss(Loss.sigmoidBinaryCrossEntropyLoss()).setEpochs(1).optLearningRate(1e-3f)
                            .optSeed(1L).optProgress(false);
                    if (evaluators) {
                        b.addEvaluator(new AucEvaluator()).addEvaluator(new LogLossEvaluator());
                    }
                    var data = new ai.djl.training.dataset.ArrayDataset.Builder()
                            .setData(m.create(ids, new Shape(rows, FinalMlpBenchmark.FIELDS)))
                            .optLabels(m.create(y, new Shape(rows, 1))).setSampling(2048, true).build();
                    TrainingHistory h = Harness.fit(model, b.build(), data, null,
                            new Shape(2048, FinalMlpBenchmark.FIELDS));
                    EpochRecord e = h.epochs().get(0);
                    System.out.printf(Locale.ROOT, "  %-9s evaluators %-5s %8.0f samples/s (%.1f s)%n", name,
                            evaluators, e.samplesPerSecond(), e.seconds());
                }
            }
        }
    }
}
