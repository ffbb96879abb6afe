package io.github.djlsuite.ctr.din;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import io.github.djlsuite.core.Paper;
import io.github.djlsuite.core.Reproduction;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.metrics.AucEvaluator;
import io.github.djlsuite.core.metrics.LogLossEvaluator;
import io.github.djlsuite.core.nn.Mlp;
import io.github.djlsuite.core.report.Chart;
import io.github.djlsuite.core.report.Environment;
import io.github.djlsuite.core.report.Report;
import io.github.djlsuite.core.report.Stats;
import io.github.djlsuite.core.report.Table;
import io.github.djlsuite.core.train.EpochRecord;
import io.github.djlsuite.core.train.Harness;
import io.github.djlsuite.core.train.TrainConfig;
import io.github.djlsuite.core.train.TrainingHistory;
import io.github.djlsuite.datasets.ctr.CtrData;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import io.github.djlsuite.datasets.ctr.CtrSamples;
import io.github.djlsuite.datasets.synthetic.BehaviourLogs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * DIN's small-scale reproduction (spec: ../shared/papers/din.md): BaseModel (sum pooling), DIN with
 * PReLU, DIN with Dice and DIN with a softmax-normalised activation unit, trained on the same
 * synthetic behaviour logs ({@link BehaviourLogs}) with the same embeddings, MLP and budget for
 * several seeds; test AUC, user-weighted gAUC and log loss (mean ± std over seeds) on held-out users,
 * against the true click probabilities. When {@code din-amazon-electronics-sample} is found, DIN-Dice
 * is also trained on it for one epoch as a format check (100 rows: its metrics mean nothing).
 */
public final class DinReproduction implements Reproduction {

    static final Paper PAPER = new Paper("din", "Deep Interest Network for Click-Through Rate Prediction",
            "Guorui Zhou, Xiaoqiang Zhu, Chenru Song, Ying Fan, Han Zhu, Xiao Ma, Yanghui Yan, Junqi Jin, Han Li,"
                    + " Kun Gai", "KDD 2018, arXiv:1706.06978", 2018, "https://arxiv.org/abs/1706.06978");

    /** Data and budget per scale. */
    record Budget(BehaviourLogs.Config logs, int epochs, int batch, int seeds, int dim) {}

    static Budget budget(Scale scale, RunContext ctx) {
        Budget b = switch (scale) {
            case SMOKE -> new Budget(BehaviourLogs.Config.din().withSize(200, 6_000), 1, 256, 2, 8);
            case SMALL, PAPER -> new Budget(BehaviourLogs.Config.din(), 2, 256, 3, 16);
        };
        return new Budget(b.logs(), ctx.epochs(b.epochs()), b.batch(), b.seeds(), b.dim());
    }

    /** One compared model: key, label and a factory from the layout and d. */
    record Candidate(String key, String label, Function<CtrLayout, Din> factory) {}

    static List<Candidate> candidates(int dim) {
        return List.of(
                new Candidate("base", "BaseModel (sum pooling)", l -> Din.builder().setLayout(l).optEmbeddingDim(dim)
                        .optPooling(Din.Pooling.SUM).optActivation(Din.Activation.PRELU).build()),
                new Candidate("din-prelu", "DIN, PReLU", l -> Din.builder().setLayout(l).optEmbeddingDim(dim)
                        .optActivation(Din.Activation.PRELU).build()),
                new Candidate("din-dice", "DIN, Dice", l -> Din.builder().setLayout(l).optEmbeddingDim(dim).build()),
                new Candidate("din-softmax", "DIN, Dice, softmax attention", l -> Din.builder().setLayout(l)
                        .optEmbeddingDim(dim).optUseSoftmax(true).build()));
    }

    @Override
    public String id() {
        return "din";
    }

    @Override
    public Paper paper() {
        return PAPER;
    }

    @Override
    public String describe() {
        return String.join("\n",
                "Synthetic behaviour logs (users with 2-3 interest categories of 40, histories of 20-50 clicks 85 %",
                "in-interest, random candidate, logit = 2.5 x share of the history in the candidate's category - 1",
                "+ N(0, 0.5^2)), split by user 80/20. Models: BaseModel (sum pooling), DIN-PReLU, DIN-Dice,",
                "DIN-softmax; same embeddings and MLP ([80,40] attention, [200,80] MLP), Adam 1e-3; test AUC,",
                "gAUC, log loss mean ± std over seeds, true-probability AUC for reference; din-amazon-electronics",
                "sample (if present) as a format check. Second table (beyond the spec): BaseModel and DIN-Dice on",
                "the same generator with half the candidates drawn from the user's interests.",
                "small: 300k samples, 2,000 users, 5,000 items, d = 16, 2 epochs, batch 256, 3 seeds.",
                "smoke: 6k samples, 200 users, d = 8, 1 epoch, batch 256, 2 seeds.");
    }

    /** Training speed and inference latency at batch 2048, histories up to 30; see {@link DinBenchmark}. */
    @Override
    public Report benchmark(RunContext ctx) throws Exception {
        return DinBenchmark.run(ctx);
    }

    /** Test metrics of one trained model. */
    record Score(double auc, double gauc, double logLoss, long parameters, double seconds, List<EpochRecord> epochs) {}

    static Shape[] inputShapes(int batch, int length) {
        return new Shape[] {new Shape(batch, 2), new Shape(batch, length), new Shape(batch, length)};
    }

    /** Trains {@code block} on {@code train} through the harness (Adam 1e-3) and scores it on {@code test}. */
    static Score trainAndScore(RunContext ctx, String name, Block block, BehaviourLogs.Part train,
            BehaviourLogs.Part test, int epochs, int batch, long seed, Path dir) throws Exception {
        return trainAndScore(ctx, name, block, train, test, epochs, batch, 1e-3f, seed, dir);
    }

    /** As above with Adam at learning rate {@code lr}. */
    static Score trainAndScore(RunContext ctx, String name, Block block, BehaviourLogs.Part train,
            BehaviourLogs.Part test, int epochs, int batch, float lr, long seed, Path dir) throws Exception {
        try (Model model = ctx.newModel(name)) {
            model.setBlock(block);
            NDManager m = model.getNDManager();
            TrainConfig cfg = TrainConfig.builder().optName(name).setLoss(Loss.sigmoidBinaryCrossEntropyLoss())
                    .setEpochs(epochs).optLearningRate(lr).optSeed(seed)
                    .addEvaluator(new AucEvaluator()).addEvaluator(new LogLossEvaluator())
                    .optOutputDir(dir).optProgress(ctx.progress()).optResume(ctx.resume()).build();
            long start = System.nanoTime();
            TrainingHistory h = Harness.fit(model, cfg, train.toDataset(m, batch, true),
                    test.toDataset(m, 4096, false), inputShapes(batch, train.maxLength()));
            double seconds = (System.nanoTime() - start) / 1e9;
            float[] logits = predict(model, test);
            return new Score(AucEvaluator.auc(logits, test.labels()), gauc(logits, test.labels(), test.users()),
                    LogLossEvaluator.logLoss(sigmoid(logits), test.labels()), Mlp.countParameters(block), seconds,
                    h.epochs());
        }
    }

    static float[] sigmoid(float[] logits) {
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (1 / (1 + Math.exp(-logits[i])));
        }
        return p;
    }

    /** Logits of every sample of {@code part}, inference mode, in chunks of 4096. */
    static float[] predict(Model model, BehaviourLogs.Part part) {
        int n = part.size();
        int l = part.maxLength();
        float[] out = new float[n];
        for (int from = 0; from < n; from += 4096) {
            int to = Math.min(n, from + 4096);
            try (NDManager sub = model.getNDManager().newSubManager()) {
                NDList x = new NDList(
                        sub.create(Arrays.copyOfRange(part.categorical(), 2 * from, 2 * to), new Shape(to - from, 2)),
                        sub.create(Arrays.copyOfRange(part.historyItems(), l * from, l * to), new Shape(to - from, l)),
                        sub.create(Arrays.copyOfRange(part.historyCategories(), l * from, l * to),
                                new Shape(to - from, l)));
                NDArray logits = model.getBlock().forward(new ParameterStore(sub, false), x, false).head();
                System.arraycopy(logits.toFloatArray(), 0, out, from, to - from);
            }
        }
        return out;
    }

    /**
     * User-weighted AUC (the DIN paper's metric): {@code Σ_u n_u·AUC_u / Σ_u n_u} over the users whose
     * samples hold both classes, n_u = that user's number of samples; NaN when there is no such user.
     */
    static double gauc(float[] scores, float[] labels, int[] users) {
        Map<Integer, int[]> index = new HashMap<>();
        for (int i = 0; i < users.length; i++) {
            index.computeIfAbsent(users[i], u -> new int[] {0})[0]++;
        }
        Map<Integer, float[][]> groups = new HashMap<>();
        Map<Integer, Integer> fill = new HashMap<>();
        for (int i = 0; i < users.length; i++) {
            int u = users[i];
            float[][] g = groups.computeIfAbsent(u, k -> new float[2][index.get(k)[0]]);
            int k = fill.merge(u, 1, Integer::sum) - 1;
            g[0][k] = scores[i];
            g[1][k] = labels[i];
        }
        double sum = 0;
        double weight = 0;
        for (float[][] g : groups.values()) {
            double a = AucEvaluator.auc(g[0], g[1]);
            if (!Double.isNaN(a)) {
                sum += g[0].length * a;
                weight += g[0].length;
            }
        }
        return weight == 0 ? Double.NaN : sum / weight;
    }

    /** Share of candidates drawn from the user's interests in the second, stronger-signal comparison. */
    static final double STRONG_CANDIDATE_IN_INTEREST = 0.5;

    @Override
    public Report run(RunContext ctx) throws Exception {
        Budget b = budget(ctx.scale(), ctx);
        Report report = new Report(PAPER, "Synthetic behaviour logs: test AUC, gAUC and log loss (mean ± std over "
                + b.seeds() + " seeds)", Environment.capture(ctx));
        Chart curves = new Chart("validation-auc", "Test-user AUC by epoch (first seed)", "epoch", "AUC", false);
        compare(ctx, b, b.logs(), candidates(b.dim()), "", "", report, curves);
        report.addChart(curves);
        double[] claim = claim(report, "");
        double din = claim[0];
        double base = claim[1];
        double noise = claim[2];
        double prelu = (Double) report.metrics().get("auc.din-prelu");
        report.addNote(String.format(Locale.ROOT, "Expected (paper): DIN > BaseModel by several AUC points on these"
                + " logs; Dice ≥ PReLU by a small margin or within noise. Here DIN-Dice %.4f, DIN-PReLU %.4f,"
                + " BaseModel %.4f AUC: DIN − BaseModel = %+.4f against a seed std of %.4f; Dice − PReLU = %+.4f.",
                din, prelu, base, din - base, noise, din - prelu));

        // beyond the spec: the same generator with half the candidates from the user's interests, so that the
        // history's match with the candidate decides more clicks (the spec's logs give it little to decide)
        BehaviourLogs.Config strong = b.logs().withCandidateInInterest(STRONG_CANDIDATE_IN_INTEREST);
        List<Candidate> pair = List.of(candidates(b.dim()).get(0), candidates(b.dim()).get(2));
        compare(ctx, b, strong, pair, "interest50.", String.format(Locale.ROOT, "Stronger signal (not the spec's"
                + " generator): %.0f%% of candidates from the user's interests. ", 100 * STRONG_CANDIDATE_IN_INTEREST),
                report, null);
        double[] strongClaim = claim(report, "interest50.");
        report.addNote(String.format(Locale.ROOT, "Second table: the spec's generator with %.0f%% of the candidates"
                + " drawn from the user's interest categories (BehaviourLogs.Config.withCandidateInInterest), same"
                + " models, budget and seeds: DIN-Dice %.4f, BaseModel %.4f AUC, DIN − BaseModel = %+.4f against a"
                + " seed std of %.4f.", 100 * STRONG_CANDIDATE_IN_INTEREST, strongClaim[0], strongClaim[1],
                strongClaim[0] - strongClaim[1], strongClaim[2]));
        report.addNote("Data: BehaviourLogs (seed " + ctx.seed() + "); the test users' samples also serve as the"
                + " per-epoch validation set for the curves (no model selection or early stopping uses them). gAUC"
                + " weights each test user's AUC by their sample count (users with one class only are skipped).");
        amazonFormatCheck(ctx, b, report);
        return report;
    }

    /**
     * DIN-Dice's and the BaseModel's mean AUC and the larger of their seed std from the metrics of one table
     * ({@code prefix}), recording {@code <prefix>claim.din_minus_base}.
     */
    private static double[] claim(Report report, String prefix) {
        double din = (Double) report.metrics().get(prefix + "auc.din-dice");
        double base = (Double) report.metrics().get(prefix + "auc.base");
        double noise = Math.max((Double) report.metrics().get(prefix + "auc_std.din-dice"),
                (Double) report.metrics().get(prefix + "auc_std.base"));
        report.putMetric(prefix + "claim.din_minus_base", din - base);
        return new double[] {din, base, noise};
    }

    /**
     * Trains every candidate for every seed on logs generated from {@code config}, and adds a table (the
     * candidates, then the true-probability and planted-signal rows) and metrics {@code <prefix>auc.<key>},
     * {@code auc_std}, {@code gauc}, {@code logloss}, {@code auc_seeds}, {@code auc.true_p}, {@code auc.signal}.
     */
    private static void compare(RunContext ctx, Budget b, BehaviourLogs.Config config, List<Candidate> candidates,
            String prefix, String titlePrefix, Report report, Chart curves) throws Exception {
        BehaviourLogs.Logs logs = BehaviourLogs.generate(config, ctx.seed());
        BehaviourLogs.Part train = logs.train();
        BehaviourLogs.Part test = logs.test();
        Table table = new Table(String.format(Locale.ROOT, "%s%d samples (%d train / %d test, split by user), %d"
                + " users, %d items, %d categories, d = %d, %d epochs, batch %d, Adam 1e-3, %d seeds", titlePrefix,
                config.samples(), train.size(), test.size(), config.users(), config.items(), config.categories(),
                b.dim(), b.epochs(), b.batch(), b.seeds()), List.of("model", "AUC mean", "AUC std", "gAUC mean",
                        "logloss mean", "logloss std", "parameters", "train s/seed"));
        for (Candidate cand : candidates) {
            double[] auc = new double[b.seeds()];
            double[] gauc = new double[b.seeds()];
            double[] ll = new double[b.seeds()];
            long params = 0;
            double seconds = 0;
            for (int s = 0; s < b.seeds(); s++) {
                Score score = trainAndScore(ctx, cand.label() + " seed " + s, cand.factory().apply(logs.layout()),
                        train, test, b.epochs(), b.batch(), ctx.seed() + 1000L * s,
                        ctx.outputDir().resolve("models").resolve(prefix + cand.key() + "-seed" + s));
                auc[s] = score.auc();
                gauc[s] = score.gauc();
                ll[s] = score.logLoss();
                params = score.parameters();
                seconds += score.seconds();
                if (s == 0 && curves != null) {
                    double[] x = new double[score.epochs().size()];
                    double[] y = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = i + 1;
                        y[i] = score.epochs().get(i).metrics().getOrDefault("validate_auc", Double.NaN);
                    }
                    curves.addSeries(cand.label(), x, y);
                }
            }
            table.addRow(cand.label(), Stats.mean(auc), Stats.std(auc), Stats.mean(gauc), Stats.mean(ll), Stats.std(ll),
                    params, seconds / b.seeds());
            report.putMetric(prefix + "auc." + cand.key(), Stats.mean(auc));
            report.putMetric(prefix + "auc_std." + cand.key(), Stats.std(auc));
            report.putMetric(prefix + "gauc." + cand.key(), Stats.mean(gauc));
            report.putMetric(prefix + "logloss." + cand.key(), Stats.mean(ll));
            report.putMetric(prefix + "auc_seeds." + cand.key(), auc);
        }
        float[] truth = new float[test.size()];
        float[] signal = new float[test.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (float) test.probabilities()[i];
            signal[i] = (float) test.fractions()[i];
        }
        double bayes = AucEvaluator.auc(truth, test.labels());
        double signalAuc = AucEvaluator.auc(signal, test.labels());
        table.addRow("true p (noise draw included)", bayes, 0.0, gauc(truth, test.labels(), test.users()),
                LogLossEvaluator.logLoss(truth, test.labels()), 0.0, 0, 0.0);
        table.addRow("planted signal f (feature-recoverable)", signalAuc, 0.0,
                gauc(signal, test.labels(), test.users()), Double.NaN, 0.0, 0, 0.0);
        report.putMetric(prefix + "auc.true_p", bayes);
        report.putMetric(prefix + "auc.signal", signalAuc);
        report.addTable(table);
    }

    /** Trains DIN-Dice for one epoch on din-amazon-electronics-sample, when present, and records it. */
    static void amazonFormatCheck(RunContext ctx, Budget b, Report report) throws Exception {
        CtrData data;
        try {
            data = CtrSamples.dinAmazonElectronics(ctx.dataDir(), ctx.seed());
        } catch (IOException e) {
            report.addNote("din-amazon-electronics-sample not checked: " + e.getMessage());
            report.putMetric("amazon_sample.checked", false);
            return;
        }
        CtrLayout layout = data.layout();
        int length = layout.sequences().get(0).maxLength();
        try (Model model = ctx.newModel("din-amazon-sample")) {
            model.setBlock(Din.builder().setLayout(layout).optEmbeddingDim(b.dim()).build());
            NDManager m = model.getNDManager();
            TrainConfig cfg = TrainConfig.builder().optName("DIN on din-amazon-electronics-sample")
                    .setLoss(Loss.sigmoidBinaryCrossEntropyLoss()).setEpochs(1).optSeed(ctx.seed())
                    .optProgress(false).build();
            Dataset trainSet = data.trainDataset(m, 16);
            TrainingHistory h = Harness.fit(model, cfg, trainSet, null, new Shape(16, 2), new Shape(16, length),
                    new Shape(16, length));
            double loss = h.epochs().get(h.epochs().size() - 1).trainLoss();
            Map<String, Double> test = Harness.evaluate(model, Loss.sigmoidBinaryCrossEntropyLoss(),
                    data.testDataset(m, 16));
            report.putMetric("amazon_sample.checked", true);
            report.putMetric("amazon_sample.train_loss", loss);
            report.addNote(String.format(Locale.ROOT, "Format check: DIN-Dice trained 1 epoch on"
                    + " din-amazon-electronics-sample (%d/%d/%d rows, histories of up to %d items sharing the target"
                    + " item/category tables): train loss %.4f, test loss %.4f. 100 rows: a pipeline check, not a"
                    + " result.", data.trainRows(), data.validRows(), data.testRows(), length, loss, test.get("loss")));
        }
    }
}
