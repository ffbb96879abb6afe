package io.github.djlsuite.vision.skan;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.djlsuite.core.Paper;
import io.github.djlsuite.core.Reproduction;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.nn.Mlp;
import io.github.djlsuite.core.report.Chart;
import io.github.djlsuite.core.report.Environment;
import io.github.djlsuite.core.report.Report;
import io.github.djlsuite.core.report.Table;
import io.github.djlsuite.core.train.EpochRecord;
import io.github.djlsuite.core.train.Harness;
import io.github.djlsuite.core.train.MseLoss;
import io.github.djlsuite.core.train.TrainConfig;
import io.github.djlsuite.core.train.TrainingHistory;
import io.github.djlsuite.datasets.synthetic.FunctionFitting;
import io.github.djlsuite.datasets.synthetic.FunctionFitting.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * S-KAN's function-fitting reproduction (spec: ../shared/papers/skan.md, reproduction 1): S-KAN
 * [d,5,1] trained in three phases (all families, top-2 per node, one per node) against a
 * single-family KAN [d,5,1] for every family in the pool and a tanh MLP whose parameter count
 * matches the pruned S-KAN, all on the same points with the same number of full-batch Adam steps.
 */
public final class SKanReproduction implements Reproduction {

    static final Paper PAPER = new Paper("skan", "Activation Space Selectable Kolmogorov-Arnold Networks",
            "Zhuoqin Yang, Jiansong Zhang, Xiaoling Luo, Zheng Lu, Linlin Shen", "arXiv:2408.08338", 2024,
            "https://arxiv.org/abs/2408.08338");

    /** Budget per scale: points per split, steps per phase, and the tasks. */
    record Budget(int points, int phase1, int phase2, int phase3, List<Target> tasks) {
        int steps() {
            return phase1 + phase2 + phase3;
        }
    }

    static Budget budget(Scale scale, RunContext ctx) {
        Budget b = switch (scale) {
            case SMOKE -> new Budget(256, 150, 100, 50, List.of(Target.F3_PRODUCT, Target.F2_EXP_SIN));
            case SMALL, PAPER -> new Budget(1000, 1500, 1000, 500, List.of(Target.values()));
        };
        if (ctx.epochsOverride().isPresent()) { // --epochs sets the total steps, split 3:2:1 as the spec's 1500/1000/500
            int total = Math.max(6, ctx.epochsOverride().getAsInt());
            int p1 = total / 2;
            int p2 = total / 3;
            b = new Budget(b.points(), p1, p2, total - p1 - p2, b.tasks());
        }
        return b;
    }

    @Override
    public String id() {
        return "skan";
    }

    @Override
    public Paper paper() {
        return PAPER;
    }

    @Override
    public String describe() {
        return String.join("\n",
                "Function fitting (KAN-paper style): f1 = sin(20x)·exp(-x²), f2 = exp(sin(πx)+y²), f3 = x·y,",
                "f4 = exp(½(sin(π(x1²+x2²))+sin(π(x3²+x4²)))), inputs uniform in [-1,1]^d.",
                "Models: S-KAN [d,5,1] with five activation families (B-spline, Chebyshev, Gaussian RBF,",
                "Fourier, Mexican-hat wavelet) trained in three phases (all / top-2 / one family per node);",
                "a single-family KAN [d,5,1] per family; a tanh MLP with the pruned S-KAN's parameter count.",
                "Same points, same number of full-batch Adam steps (lr 1e-3) for every model; metric: test RMSE.",
                "small: 1000 train / 1000 test points, 3000 steps (1500/1000/500), all four functions.",
                "smoke: 256 points, 300 steps, f3 and f2.");
    }

    /**
     * Milliseconds per training step of the KAN [4,5,1] B-spline baseline on 1,000 points, full
     * batch, Adam, through the harness and through a hand-written loop (see {@link SKanBenchmark}).
     */
    @Override
    public Report benchmark(RunContext ctx) throws Exception {
        return SKanBenchmark.run(ctx);
    }

    @Override
    public Report run(RunContext ctx) throws Exception {
        Budget b = budget(ctx.scale(), ctx);
        Report report = new Report(PAPER, "Function fitting: test RMSE (lower is better)", Environment.capture(ctx));
        List<String> columns = new ArrayList<>(List.of("task", "S-KAN", "S-KAN before selection"));
        for (BasisFamily f : BasisFamily.values()) {
            columns.add("KAN " + f.displayName());
        }
        columns.add("MLP (tanh)");
        Table rmse = new Table("Test RMSE after " + b.steps() + " full-batch steps, " + b.points() + " train / "
                + b.points() + " test points", columns);
        Table params = new Table("Parameters", List.of("task", "S-KAN all families", "S-KAN top-2", "S-KAN pruned",
                "KAN (B-spline)", "MLP hidden width", "MLP"));
        Table selected = new Table("Families S-KAN kept (pruned, nodes per family)", families());
        int winsOverBest = 0;
        int winsOverMlp = 0;
        for (Target t : b.tasks()) {
            long seed = ctx.seed() + t.ordinal() * 1000L;
            FunctionFitting.Sample train = FunctionFitting.sample(t, b.points(), seed);
            FunctionFitting.Sample test = FunctionFitting.sample(t, b.points(), seed + 1);
            Chart curves = new Chart("curves-" + t.id(), t.id() + " = " + t.formula() + ": training loss",
                    "step", "training MSE", true);
            List<Object> row = new ArrayList<>(List.of(t.id() + " = " + t.formula()));

            // S-KAN: three phases on one model
            Block skan = SKan.functionFitting(t.inputs());
            Fit s = fitSKan(ctx, b, t, skan, train, test, curves);
            row.add(s.rmse);
            row.add(s.rmseBeforeSelection);
            long skanAll = s.parametersAll;
            long skanPruned = s.parametersActive;
            List<Object> kept = new ArrayList<>(List.of(t.id()));
            Map<BasisFamily, Integer> counts = new LinkedHashMap<>();
            for (BasisFamily f : BasisFamily.values()) {
                counts.put(f, 0);
            }
            for (BasisFamily[] layer : s.selected) {
                for (BasisFamily f : layer) {
                    counts.merge(f, 1, Integer::sum);
                }
            }
            counts.values().forEach(kept::add);
            selected.addRow(kept.toArray());

            // single-family KANs, same steps (one phase)
            double bestSingle = Double.POSITIVE_INFINITY;
            long kanParams = 0;
            for (BasisFamily f : BasisFamily.values()) {
                Fit k = fitPlain(ctx, b, t, "kan-" + f.name().toLowerCase(Locale.ROOT),
                        "KAN " + f.displayName(), SKan.kan(f, t.inputs(), 5, 1), train, test, curves);
                row.add(k.rmse);
                bestSingle = Math.min(bestSingle, k.rmse);
                if (f == BasisFamily.BSPLINE) {
                    kanParams = k.parametersAll;
                }
            }
            // MLP with the pruned S-KAN's parameter budget
            long hidden = Mlp.hiddenForBudget(t.inputs(), 1, skanPruned);
            Fit m = fitPlain(ctx, b, t, "mlp", "MLP (tanh)",
                    Mlp.builder().setWidths(t.inputs(), hidden, 1).optActivation(Mlp.Act.TANH).build(), train, test,
                    curves);
            row.add(m.rmse);
            rmse.addRow(row.toArray());
            params.addRow(t.id(), skanAll, s.parametersTop2, skanPruned, kanParams, hidden, m.parametersAll);
            report.addChart(curves);
            if (s.rmse <= bestSingle) {
                winsOverBest++;
            }
            if (s.rmse < m.rmse) {
                winsOverMlp++;
            }
            report.putMetric(t.id() + ".rmse.skan", s.rmse);
            report.putMetric(t.id() + ".rmse.skan_before_selection", s.rmseBeforeSelection);
            report.putMetric(t.id() + ".rmse.best_single_kan", bestSingle);
            report.putMetric(t.id() + ".rmse.mlp", m.rmse);
            report.putMetric(t.id() + ".target_std", Math.sqrt(test.targetVariance()));
        }
        report.addTable(rmse).addTable(params).addTable(selected);
        int n = b.tasks().size();
        report.putMetric("tasks", n);
        report.putMetric("skan_at_or_below_best_single_kan", winsOverBest);
        report.putMetric("skan_below_mlp", winsOverMlp);
        report.addNote(String.format(Locale.ROOT,
                "S-KAN's test RMSE is at or below the best single-family KAN on %d of %d tasks and below the"
                        + " parameter-matched MLP on %d of %d (paper: best on all seven of its functions).",
                winsOverBest, n, winsOverMlp, n));
        report.addNote("'S-KAN before selection' is the same S-KAN model evaluated after phase 1 (all five"
                + " families mixed, " + b.phase1() + " steps, about five times the pruned parameter count): it shows"
                + " what the selection phases keep or lose.");
        report.addNote("Budget: every model takes the same " + b.steps() + " full-batch Adam steps; S-KAN's"
                + " phases are " + b.phase1() + "/" + b.phase2() + "/" + b.phase3() + " steps, each phase with a"
                + " fresh Adam state. The MLP's hidden width is chosen so its parameter count matches the pruned"
                + " S-KAN; during phase 1 S-KAN trains all five families, about five times the pruned count.");
        return report;
    }

    /** One trained model's numbers; {@code selected} is S-KAN's kept family per node and layer. */
    private record Fit(double rmse, double rmseBeforeSelection, long parametersAll, long parametersTop2,
            long parametersActive, List<BasisFamily[]> selected) {}

    private static List<String> families() {
        List<String> c = new ArrayList<>(List.of("task"));
        for (BasisFamily f : BasisFamily.values()) {
            c.add(f.displayName());
        }
        return c;
    }

    private Fit fitSKan(RunContext ctx, Budget b, Target t, Block block, FunctionFitting.Sample train,
            FunctionFitting.Sample test, Chart curves) throws Exception {
        try (Model model = ctx.newModel("skan-" + t.id())) {
            model.setBlock(block);
            double[] afterFull = {Double.NaN};
            List<SKanTrainer.PhaseResult> phases = SKanTrainer.train(model,
                    train.toDataset(model.getNDManager(), b.points(), false), null, new Shape(b.points(), t.inputs()),
                    new int[] {b.phase1(), b.phase2(), b.phase3()},
                    (phase, steps) -> config(ctx, "S-KAN " + t.id() + " " + phase.label(), steps,
                            ctx.outputDir().resolve("models").resolve(t.id() + "-skan-" + phase.name()
                                    .toLowerCase(Locale.ROOT))),
                    r -> {
                        if (r.phase() == SKanTrainer.Phase.FULL) {
                            afterFull[0] = rmse(model, test);
                        }
                    });
            List<EpochRecord> all = new ArrayList<>();
            phases.forEach(p -> all.addAll(p.history().epochs()));
            addCurve(curves, "S-KAN", all);
            return new Fit(rmse(model, test), afterFull[0], phases.get(0).parameters(), phases.get(1).parameters(),
                    phases.get(2).parameters(),
                    SKan.selectedFamilies(block));
        }
    }

    private Fit fitPlain(RunContext ctx, Budget b, Target t, String key, String label, Block block,
            FunctionFitting.Sample train, FunctionFitting.Sample test, Chart curves) throws Exception {
        try (Model model = ctx.newModel(key + "-" + t.id())) {
            model.setBlock(block);
            TrainingHistory h = Harness.fit(model, config(ctx, label + " " + t.id(), b.steps(),
                    ctx.outputDir().resolve("models").resolve(t.id() + "-" + key)),
                    train.toDataset(model.getNDManager(), b.points(), false), null,
                    new Shape(b.points(), t.inputs()));
            addCurve(curves, label, h.epochs());
            long count = Mlp.countParameters(block);
            double rmse = rmse(model, test);
            return new Fit(rmse, rmse, count, count, count, List.of());
        }
    }

    private static TrainConfig config(RunContext ctx, String name, int steps, Path dir) {
        return TrainConfig.builder().optName(name).setLoss(new MseLoss()).setEpochs(steps)
                .optLearningRate(1e-3f).optSeed(ctx.seed()).optOutputDir(dir)
                .optCheckpointEvery(Math.max(1, steps / 4)).optProgress(ctx.progress()).optResume(ctx.resume())
                .build();
    }

    private static void addCurve(Chart chart, String name, List<EpochRecord> epochs) {
        // full batch: one epoch is one step; thin to at most 300 points per curve
        int stride = Math.max(1, epochs.size() / 300);
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < epochs.size(); i += stride) {
            pts.add(new double[] {i + 1, epochs.get(i).trainLoss()});
        }
        double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
        chart.addSeries(name, x, y);
    }

    /** Test RMSE, computed in inference mode. */
    static double rmse(Model model, FunctionFitting.Sample test) {
        try (NDManager sub = model.getNDManager().newSubManager()) {
            NDArray x = sub.create(test.x(), new Shape(test.size(), test.target().inputs()));
            NDArray pred = model.getBlock().forward(new ParameterStore(sub, false), new NDList(x), false).head();
            float[] p = pred.toFloatArray();
            double se = 0;
            for (int i = 0; i < p.length; i++) {
                double d = p[i] - test.y()[i];
                se += d * d;
            }
            return Math.sqrt(se / p.length);
        }
    }
}
