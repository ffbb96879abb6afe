package io.github.djlsuite.ctr.finalmlp;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.report.Environment;
import io.github.djlsuite.core.report.Memory;
import io.github.djlsuite.core.report.Report;
import io.github.djlsuite.core.report.Table;
import io.github.djlsuite.ctr.CtrBenchmark;
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
        Table t = new Table("median of " + rounds + " round(s) of " + steps + " training steps", CtrBenchmark.COLUMNS);
        for (Object[] entry : models) {
            String name = (String) entry[0];
            @SuppressWarnings("unchecked")
            Function<CtrLayout, Block> factory = (Function<CtrLayout, Block>) entry[1];
            CtrBenchmark.Speed speed = CtrBenchmark.measure(ctx, name, factory.apply(layout),
                    Loss.sigmoidBinaryCrossEntropyLoss(), new Shape[] {new Shape(BATCH, FIELDS)},
                    m -> batches(m, ctx.seed(), 4), steps, rounds);
            CtrBenchmark.record(report, t, ctx, name.toLowerCase(Locale.ROOT), name, speed,
                    name.equals("DNN") ? REFERENCE_DNN : REFERENCE_FINALMLP);
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

    /** {@code count} random batches [ids (B, 12), labels (B, 1)], ids uniform over the vocabulary. */
    static NDList[] batches(NDManager m, long seed, int count) {
        Random r = new Random(seed);
        NDList[] out = new NDList[count];
        for (int i = 0; i < count; i++) {
            int[] ids = new int[BATCH * FIELDS];
            float[] y = new float[BATCH];
            for (int j = 0; j < ids.length; j++) {
                ids[j] = 2 + r.nextInt(VOCAB);
            }
            for (int j = 0; j < y.length; j++) {
                y[j] = r.nextDouble() < 0.2 ? 1 : 0;
            }
            out[i] = new NDList(m.create(ids, new Shape(BATCH, FIELDS)), m.create(y, new Shape(BATCH, 1)));
        }
        return out;
    }
}
