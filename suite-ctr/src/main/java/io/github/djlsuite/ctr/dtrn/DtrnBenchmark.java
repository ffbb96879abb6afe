package io.github.djlsuite.ctr.dtrn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.report.Environment;
import io.github.djlsuite.core.report.Memory;
import io.github.djlsuite.core.report.Report;
import io.github.djlsuite.core.report.Table;
import io.github.djlsuite.ctr.CtrBenchmark;
import io.github.djlsuite.datasets.synthetic.MultiBehaviourLogs;

/**
 * Throughput of DTRN and its multi-task baselines at the small reproduction's sizes (SharedBottom and MMoE
 * [256, 128] with towers [64]; DTRN towers [256, 128, 64]; d = 16), batch 2048 of multi-behaviour logs
 * (click histories of up to 30 items, purchase histories of up to 10, two tasks): training samples/s and
 * inference ms per batch through {@link CtrBenchmark}. The issue sets no target for DTRN; the paper
 * reports no speed figures.
 */
final class DtrnBenchmark {

    static final int BATCH = 2048;

    private DtrnBenchmark() {}

    static Report run(RunContext ctx) throws Exception {
        boolean smoke = ctx.scale() == Scale.SMOKE;
        int steps = ctx.epochs(smoke ? 4 : 30);
        int rounds = smoke ? 1 : 5;
        DtrnReproduction.Budget b = DtrnReproduction.budget(Scale.SMALL, ctx);
        MultiBehaviourLogs.Config config = b.data().withSamples(6 * BATCH);
        MultiBehaviourLogs.Data data = MultiBehaviourLogs.generate(config, ctx.seed());
        int count = data.train().size() / BATCH;
        Shape[] shapes = {new Shape(BATCH, 4), new Shape(BATCH, config.maxClicks()),
            new Shape(BATCH, config.maxPurchases())};
        Report report = new Report(DtrnReproduction.PAPER, "Training and inference speed, batch 2048, two tasks,"
                + " histories ≤ " + config.maxClicks() + " clicks and ≤ " + config.maxPurchases() + " purchases, d = 16",
                Environment.capture(ctx));
        Table t = new Table("median of " + rounds + " round(s) of " + steps + " training steps", CtrBenchmark.COLUMNS);
        for (DtrnReproduction.Candidate c : DtrnReproduction.candidates(b).subList(0, 4)) {
            CtrBenchmark.Speed speed = CtrBenchmark.measure(ctx, c.key(), c.factory().apply(data.layout()),
                    new MultiTaskLoss(2), shapes, m -> batches(m, data.train(), count), steps, rounds);
            CtrBenchmark.record(report, t, ctx, c.key(), c.label(), speed, Double.NaN);
        }
        report.addTable(t);
        report.putMetric("peak_rss_mib", Memory.peakRssMiB());
        report.addNote("Loop: GradientCollector + forward + equal-weight two-task BCE + backward + Adam step on "
                + count + " prebuilt batches of generated multi-behaviour logs (the reproduction's generator) in a"
                + " per-step sub-manager; no data loading or evaluators. Inference: forward in inference mode.");
        return report;
    }

    /** The first {@code count} full batches of {@code part}: [categorical, clicks, purchases, labels]. */
    static NDList[] batches(NDManager m, MultiBehaviourLogs.Part part, int count) {
        NDList all = part.toData(m);
        all.add(part.toLabels(m).head());
        NDList[] out = new NDList[count];
        for (int i = 0; i < count; i++) {
            NDIndex rows = new NDIndex("{}:{}", (long) i * BATCH, (long) (i + 1) * BATCH);
            NDList batch = new NDList();
            all.forEach(a -> batch.add(a.get(rows)));
            out[i] = batch;
        }
        // `all` stays open (it goes with the model's manager): on PyTorch an array created from Java data wraps
        // that data's direct buffer, the slices are views of it, and closing `all` lets the buffer be collected
        // under them (docs/engines.md)
        return out;
    }
}
