package io.github.djlsuite.ctr.din;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.report.Environment;
import io.github.djlsuite.core.report.Memory;
import io.github.djlsuite.core.report.Report;
import io.github.djlsuite.core.report.Table;
import io.github.djlsuite.ctr.CtrBenchmark;
import io.github.djlsuite.datasets.synthetic.BehaviourLogs;
import io.github.djlsuite.datasets.ctr.CtrLayout;
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
        Table t = new Table("median of " + rounds + " round(s) of " + steps + " training steps", CtrBenchmark.COLUMNS);
        for (DinReproduction.Candidate c : List.of(DinReproduction.candidates(16).get(2),
                DinReproduction.candidates(16).get(0))) {
            CtrBenchmark.Speed speed = CtrBenchmark.measure(ctx, c.key(), c.factory().apply(layout),
                    Loss.sigmoidBinaryCrossEntropyLoss(), DinReproduction.inputShapes(BATCH, LENGTH),
                    m -> batches(m, config, ctx.seed(), 4), steps, rounds);
            CtrBenchmark.record(report, t, ctx, c.key(), c.label(), speed,
                    c.key().equals("din-dice") ? REFERENCE : Double.NaN);
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
}
