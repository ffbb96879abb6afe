package io.github.djlsuite.ctr.finalmlp;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.ArrayDataset;
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
import io.github.djlsuite.ctr.DeepFm;
import io.github.djlsuite.ctr.Dnn;
import io.github.djlsuite.datasets.ctr.CtrData;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import io.github.djlsuite.datasets.ctr.CtrSamples;
import io.github.djlsuite.datasets.synthetic.PlantedCtr;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * FinalMLP's small-scale reproduction (spec: ../shared/papers/finalmlp.md, "Small-scale reproduction"):
 * DNN, DeepFM, DualMLP, FinalMLP, FinalMLP without gating and FinalMLP with one head trained on the same
 * planted CTR logs with the same budget (epochs, batch, Adam 1e-3) for several seeds; test AUC and log
 * loss, mean ± std over seeds, against the Bayes-optimal predictor of the planted model. A second table
 * trains the same six models on the 200-row Criteo sample as a format check.
 *
 * <p>Data: {@link PlantedCtr#finalMlp(int, long)} at small scale (12 Zipf fields, vocabularies 20–1000,
 * two pairwise and one three-way planted interaction, logit noise σ 0.3, 20 % CTR), 200,000 rows; the
 * smoke scale draws the same structure with vocabularies 5–20 ({@link #smokeLogs}). Rows are i.i.d., so
 * the first 80 % train, the next 10 % validate (the curves; nothing is selected on them) and the last
 * 10 % test. Ids are shifted by 2 so PAD and OOV keep their reserved rows.
 *
 * <p>Reference rows: with logit l_i (planted, noise-free) and noise ε ~ N(0, σ²), a row's click
 * probability given its features is q(l) = E_ε[σ(l + ε)], increasing in l. So the Bayes-optimal AUC
 * from the features is the AUC of l, and the Bayes-optimal log loss is that of q(l) (computed by
 * quadrature over ε). The "oracle" row scores the labels' true probabilities σ(l + ε), which also know
 * each row's noise: no model can reach it.
 */
public final class FinalMlpReproduction implements Reproduction {

    static final Paper PAPER = new Paper("finalmlp", "FinalMLP: An Enhanced Two-Stream MLP Model for CTR Prediction",
            "Kelong Mao, Jieming Zhu, Liangcai Su, Guohao Cai, Yuru Li, Zhenhua Dong", "arXiv:2304.00902", 2023,
            "https://arxiv.org/abs/2304.00902");

    /** Data and budget per scale. */
    record Budget(int rows, int epochs, int batch, int seeds, long[] stream1, long[] stream2, int heads,
            int criteoEpochs, int criteoBatch) {}

    static Budget budget(Scale scale, RunContext ctx) {
        Budget b = switch (scale) {
            case SMOKE -> new Budget(16_000, 2, 256, 2, new long[] {64, 64}, new long[] {32}, 4, 2, 32);
            case SMALL, PAPER -> new Budget(200_000, 3, 2048, 3, new long[] {256, 256, 256}, new long[] {256}, 4, 3,
                    32);
        };
        return new Budget(b.rows, ctx.epochs(b.epochs), b.batch, b.seeds, b.stream1, b.stream2, b.heads,
                b.criteoEpochs, b.criteoBatch);
    }

    /**
     * The smoke scale's logs: {@link PlantedCtr.LogsConfig#finalMlp()}'s structure (12 Zipf fields, the
     * same interactions, effect and noise scales, 20 % CTR) with vocabularies 5–20, so that 16k rows
     * and a few hundred steps can learn it.
     */
    static PlantedCtr.Logs smokeLogs(int rows, long seed) {
        PlantedCtr.LogsConfig c = PlantedCtr.LogsConfig.finalMlp();
        return PlantedCtr.generate(new PlantedCtr.LogsConfig(new int[] {5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20},
                c.zipfExponent(), c.effectScale(), c.interactionFields(), c.interactionScales(), c.noiseStd(),
                c.targetCtr()), rows, seed);
    }

    /** The planted logs of a run. */
    static PlantedCtr.Logs logs(Scale scale, Budget b, long seed) {
        return scale == Scale.SMOKE ? smokeLogs(b.rows(), seed) : PlantedCtr.finalMlp(b.rows(), seed);
    }

    /** One compared model: key, label and a factory from the layout. */
    record Candidate(String key, String label, Function<CtrLayout, Block> factory) {}

    static List<Candidate> candidates(Budget b) {
        long[] s1 = b.stream1();
        long[] s2 = b.stream2();
        return List.of(
                new Candidate("dnn", "DNN", l -> Dnn.builder().setLayout(l).optHidden(s1).build()),
                new Candidate("deepfm", "DeepFM", l -> DeepFm.builder().setLayout(l).optHidden(s1).build()),
                new Candidate("dualmlp", "DualMLP", l -> FinalMlp.builder().setLayout(l).optMlp1(s1).optMlp2(s2)
                        .optFeatureGating(false).optFusion(false).build()),
                new Candidate("finalmlp", "FinalMLP", l -> FinalMlp.builder().setLayout(l).optMlp1(s1).optMlp2(s2)
                        .optHeads(b.heads()).build()),
                new Candidate("finalmlp-nogate", "FinalMLP w/o gating", l -> FinalMlp.builder().setLayout(l)
                        .optMlp1(s1).optMlp2(s2).optHeads(b.heads()).optFeatureGating(false).build()),
                new Candidate("finalmlp-1head", "FinalMLP 1 head", l -> FinalMlp.builder().setLayout(l)
                        .optMlp1(s1).optMlp2(s2).optHeads(1).build()));
    }

    @Override
    public String id() {
        return "finalmlp";
    }

    @Override
    public Paper paper() {
        return PAPER;
    }

    @Override
    public String describe() {
        return String.join("\n",
                "Planted CTR logs (PlantedCtr.finalMlp: 12 Zipf fields, two pairwise + one three-way planted",
                "interaction, logit noise, 20 % CTR; i.i.d. rows split 80/10/10). Models: DNN, DeepFM, DualMLP,",
                "FinalMLP, FinalMLP without gating, FinalMLP with 1 head; same data, epochs, batch and Adam 1e-3,",
                "several seeds; test AUC and log loss mean ± std against the Bayes-optimal predictor. Format check:",
                "the same models trained on the 200-row Criteo sample (one seed).",
                "small: 200k rows, vocab 20-1000, streams [256,256,256] + [256], 4 heads, 3 epochs, batch 2048, 3 seeds.",
                "smoke: 16k rows, vocab 5-20, streams [64,64] + [32], 4 heads, 2 epochs, batch 256, 2 seeds.");
    }

    /**
     * Training speed and inference latency of FinalMLP and DNN at the setting (batch 2048, 12
     * fields, d = 10), see {@link FinalMlpBenchmark}.
     */
    @Override
    public Report benchmark(RunContext ctx) throws Exception {
        return FinalMlpBenchmark.run(ctx);
    }

    /** Test metrics of one trained model. */
    record Score(double auc, double logLoss, long parameters, double seconds, List<EpochRecord> epochs) {}

    /**
     * Planted rows split by position: first 80 % train, next 10 % validation, last 10 % test.
     *
     * @param vocab         vocabulary of each field (values 0..vocab-1, before the +2 shift)
     * @param rows          row-major (n, F) values
     * @param labels        clicks
     * @param probabilities each label's true probability (noise included)
     * @param logits        each row's noise-free planted logit
     * @param noiseStd      σ of the logit noise (0: the probabilities are σ(logit))
     */
    record Split(int[] vocab, int[] rows, int[] labels, double[] probabilities, double[] logits, double noiseStd,
            CtrLayout layout, int trainEnd, int validEnd) {

        static Split of(PlantedCtr.Logs d) {
            return of(d.vocabSizes(), d.rows(), d.labels(), d.probabilities(), d.logits(), d.config().noiseStd());
        }

        /** The single-interaction generator: no noise, the logit is the probability's. */
        static Split of(PlantedCtr.Data d) {
            double[] l = new double[d.size()];
            for (int i = 0; i < l.length; i++) {
                l[i] = d.logit(Arrays.copyOfRange(d.rows(), i * d.numFields(), (i + 1) * d.numFields()));
            }
            return of(d.vocabSizes(), d.rows(), d.labels(), d.probabilities(), l, 0);
        }

        private static Split of(int[] vocab, int[] rows, int[] labels, double[] p, double[] logits, double noise) {
            int n = labels.length;
            int[] v = vocab.clone();
            for (int i = 0; i < v.length; i++) {
                v[i] += 2; // PAD and OOV stay reserved
            }
            return new Split(vocab, rows, labels, p, logits, noise, CtrLayout.categorical(v, "click"), n * 8 / 10,
                    n * 9 / 10);
        }

        int size() {
            return labels.length;
        }

        int numFields() {
            return vocab.length;
        }

        ArrayDataset dataset(NDManager m, int from, int to, int batch, boolean shuffle) {
            float[] y = new float[to - from];
            for (int i = from; i < to; i++) {
                y[i - from] = labels[i];
            }
            return new ArrayDataset.Builder().setData(m.create(ids(from, to), new Shape(to - from, numFields())))
                    .optLabels(m.create(y, new Shape(to - from, 1))).setSampling(batch, shuffle).build();
        }

        int[] ids(int from, int to) {
            int f = numFields();
            int[] out = new int[(to - from) * f];
            for (int i = 0; i < out.length; i++) {
                out[i] = rows[from * f + i] + 2;
            }
            return out;
        }

        float[] testLabels() {
            float[] y = new float[size() - validEnd];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels[validEnd + i];
            }
            return y;
        }

        /** Bayes-optimal AUC from the features on the test rows: the AUC of the noise-free logits. */
        double bayesAuc() {
            float[] s = new float[size() - validEnd];
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) logits[validEnd + i];
            }
            return AucEvaluator.auc(s, testLabels());
        }

        /** Bayes-optimal log loss from the features on the test rows: that of q(l) = E_ε[σ(l + ε)]. */
        double bayesLogLoss() {
            double[] q = new double[size() - validEnd];
            for (int i = 0; i < q.length; i++) {
                q[i] = expectedSigmoid(logits[validEnd + i], noiseStd);
            }
            return logLoss(q, validEnd);
        }

        /** AUC of the labels' true probabilities (they know each row's noise). */
        double oracleAuc() {
            float[] s = new float[size() - validEnd];
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) probabilities[validEnd + i];
            }
            return AucEvaluator.auc(s, testLabels());
        }

        double oracleLogLoss() {
            return logLoss(Arrays.copyOfRange(probabilities, validEnd, size()), validEnd);
        }

        private double logLoss(double[] p, int from) {
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                double q = Math.min(1 - 1e-7, Math.max(1e-7, p[i]));
                s -= labels[from + i] == 1 ? Math.log(q) : Math.log(1 - q);
            }
            return s / p.length;
        }
    }

    /**
     * E[σ(l + σ_n z)], z ~ N(0, 1), by the trapezoidal rule on z ∈ [−8, 8] (801 points; the integrand
     * is smooth and the tails beyond 8σ weigh under 1e-15).
     */
    static double expectedSigmoid(double l, double sigma) {
        if (sigma == 0) {
            return 1 / (1 + Math.exp(-l));
        }
        int n = 800;
        double h = 16.0 / n;
        double s = 0;
        double w = 0;
        for (int i = 0; i <= n; i++) {
            double z = -8 + i * h;
            double phi = Math.exp(-0.5 * z * z) * (i == 0 || i == n ? 0.5 : 1);
            s += phi / (1 + Math.exp(-(l + sigma * z)));
            w += phi;
        }
        return s / w;
    }

    /** Trains {@code block} on the split's training rows through the harness and scores it on the test rows. */
    static Score trainAndScore(RunContext ctx, String name, Block block, Split split, int epochs, int batch,
            long seed, Path dir) throws Exception {
        try (Model model = ctx.newModel(name)) {
            model.setBlock(block);
            NDManager m = model.getNDManager();
            long start = System.nanoTime();
            TrainingHistory h = Harness.fit(model, config(ctx, name, epochs, seed, dir),
                    split.dataset(m, 0, split.trainEnd(), batch, true),
                    split.dataset(m, split.trainEnd(), split.validEnd(), 4096, false),
                    new Shape(batch, split.numFields()));
            double seconds = (System.nanoTime() - start) / 1e9;
            float[] logits = predict(model, split.ids(split.validEnd(), split.size()), split.numFields());
            float[] y = split.testLabels();
            float[] p = new float[logits.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (1 / (1 + Math.exp(-logits[i])));
            }
            return new Score(AucEvaluator.auc(logits, y), LogLossEvaluator.logLoss(p, y), Mlp.countParameters(block),
                    seconds, h.epochs());
        }
    }

    private static TrainConfig config(RunContext ctx, String name, int epochs, long seed, Path dir) {
        return TrainConfig.builder().optName(name).setLoss(Loss.sigmoidBinaryCrossEntropyLoss())
                .setEpochs(epochs).optLearningRate(1e-3f).optSeed(seed)
                .addEvaluator(new AucEvaluator()).addEvaluator(new LogLossEvaluator())
                .optOutputDir(dir).optProgress(ctx.progress()).optResume(dir != null && ctx.resume()).build();
    }

    /** Logits for row-major ids (n, fields), inference mode, in chunks of 4096 rows. */
    static float[] predict(Model model, int[] ids, int fields) {
        int n = ids.length / fields;
        float[] out = new float[n];
        for (int from = 0; from < n; from += 4096) {
            int to = Math.min(n, from + 4096);
            try (NDManager sub = model.getNDManager().newSubManager()) {
                NDArray x = sub.create(Arrays.copyOfRange(ids, from * fields, to * fields),
                        new Shape(to - from, fields));
                NDArray logits = model.getBlock().forward(new ParameterStore(sub, false), new NDList(x), false).head();
                System.arraycopy(logits.toFloatArray(), 0, out, from, to - from);
            }
        }
        return out;
    }

    @Override
    public Report run(RunContext ctx) throws Exception {
        Budget b = budget(ctx.scale(), ctx);
        long genStart = System.nanoTime();
        PlantedCtr.Logs logs = logs(ctx.scale(), b, ctx.seed());
        Split split = Split.of(logs);
        double genSeconds = (System.nanoTime() - genStart) / 1e9;
        List<Candidate> models = candidates(b);
        Report report = new Report(PAPER, "Planted CTR logs: test AUC and log loss (mean ± std over " + b.seeds()
                + " seeds)", Environment.capture(ctx));
        Table table = new Table(String.format(Locale.ROOT, "%d rows (80/10/10), %d fields (vocab %d–%d, Zipf),"
                + " %d epochs, batch %d, Adam 1e-3, %d seeds", b.rows(), split.numFields(),
                Arrays.stream(split.vocab()).min().orElse(0), Arrays.stream(split.vocab()).max().orElse(0), b.epochs(),
                b.batch(), b.seeds()), List.of("model", "AUC mean", "AUC std", "logloss mean", "logloss std",
                        "parameters", "train s/seed"));
        Chart curves = new Chart("validation-auc", "Validation AUC by epoch (first seed)", "epoch",
                "validation AUC", false);
        double trainSeconds = 0;
        for (Candidate c : models) {
            double[] auc = new double[b.seeds()];
            double[] ll = new double[b.seeds()];
            long params = 0;
            double seconds = 0;
            for (int s = 0; s < b.seeds(); s++) {
                Score score = trainAndScore(ctx, c.label() + " seed " + s, c.factory().apply(split.layout()), split,
                        b.epochs(), b.batch(), ctx.seed() + 1000L * s,
                        ctx.outputDir().resolve("models").resolve(c.key() + "-seed" + s));
                auc[s] = score.auc();
                ll[s] = score.logLoss();
                params = score.parameters();
                seconds += score.seconds();
                if (s == 0) {
                    double[] x = new double[score.epochs().size()];
                    double[] y = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = i + 1;
                        y[i] = score.epochs().get(i).metrics().getOrDefault("validate_auc", Double.NaN);
                    }
                    curves.addSeries(c.label(), x, y);
                }
            }
            trainSeconds += seconds;
            table.addRow(c.label(), Stats.mean(auc), Stats.std(auc), Stats.mean(ll), Stats.std(ll), params, seconds / b.seeds());
            report.putMetric("auc." + c.key(), Stats.mean(auc));
            report.putMetric("auc_std." + c.key(), Stats.std(auc));
            report.putMetric("logloss." + c.key(), Stats.mean(ll));
            report.putMetric("logloss_std." + c.key(), Stats.std(ll));
            report.putMetric("auc_seeds." + c.key(), auc);
        }
        double bayes = split.bayesAuc();
        double bayesLl = split.bayesLogLoss();
        table.addRow("Bayes-optimal (features)", bayes, 0.0, bayesLl, 0.0, 0, 0.0);
        table.addRow("Oracle (true p, knows the noise)", split.oracleAuc(), 0.0, split.oracleLogLoss(), 0.0, 0, 0.0);
        report.putMetric("auc.bayes", bayes);
        report.putMetric("logloss.bayes", bayesLl);
        report.putMetric("auc.oracle", split.oracleAuc());
        report.putMetric("logloss.oracle", split.oracleLogLoss());
        report.putMetric("data.ctr", logs.ctr());
        report.putMetric("data.seconds", genSeconds);
        report.putMetric("train_seconds_total", trainSeconds);
        report.addTable(table).addChart(curves);
        double fin = (Double) report.metrics().get("auc.finalmlp");
        double dual = (Double) report.metrics().get("auc.dualmlp");
        double dnn = (Double) report.metrics().get("auc.dnn");
        double noise = Math.max((Double) report.metrics().get("auc_std.finalmlp"),
                (Double) report.metrics().get("auc_std.dualmlp"));
        report.addNote(String.format(Locale.ROOT, "Expected (paper): FinalMLP ≥ DualMLP ≥ DNN. Here FinalMLP %.4f,"
                + " DualMLP %.4f, DNN %.4f AUC (Bayes-optimal %.4f); FinalMLP − DualMLP = %+.4f against a seed std of"
                + " %.4f%s; DualMLP − DNN = %+.4f.", fin, dual, dnn, bayes, fin - dual, noise,
                Math.abs(fin - dual) < noise ? " (below the seed noise)" : "", dual - dnn));
        report.addNote(String.format(Locale.ROOT, "Data: PlantedCtr %s (seed %d): %d rows, click rate %.3f, logit ="
                + " calibrated bias + main effects + interactions of fields 1×4, 6×9 and 2×5×8 + noise N(0, %.2f²);"
                + " ids shifted by 2 so PAD/OOV stay reserved; i.i.d. rows, so the split is by position. The Bayes"
                + " row scores q(l) = E[σ(l + ε)] of the noise-free logit l (the best any model of the features can"
                + " do); the oracle row scores the labels' own probabilities. Every model sees the same rows, epochs,"
                + " batch size and optimizer; seeds vary initialisation and shuffling.",
                ctx.scale() == Scale.SMOKE ? "(finalMlp structure, vocab 5–20)" : "finalMlp", ctx.seed(), b.rows(),
                logs.ctr(), split.noiseStd()));
        criteoFormatCheck(ctx, b, models, report);
        return report;
    }

    /**
     * Trains every candidate for a few epochs on criteo-sample (CtrSamples.criteo, 160/20/20 rows, one
     * seed) and tabulates test AUC and log loss: a check that the models read the Criteo layout (39
     * categorical fields, log-bucketed integers), not a result.
     */
    static void criteoFormatCheck(RunContext ctx, Budget b, List<Candidate> models, Report report) throws Exception {
        CtrData data;
        try {
            data = CtrSamples.criteo(ctx.dataDir(), ctx.seed());
        } catch (IOException e) {
            report.addNote("criteo-sample not checked: " + e.getMessage());
            report.putMetric("criteo.checked", false);
            return;
        }
        CtrLayout layout = data.layout();
        Table t = new Table(String.format(Locale.ROOT, "Format check: criteo-sample, %d/%d/%d rows, %d categorical"
                + " fields, %d epochs, batch %d, 1 seed (20 test rows: the metrics mean nothing)", data.trainRows(),
                data.validRows(), data.testRows(), layout.numCategorical(), b.criteoEpochs(), b.criteoBatch()),
                List.of("model", "test AUC", "test logloss", "final train loss", "parameters"));
        for (Candidate c : models) {
            try (Model model = ctx.newModel("criteo " + c.label())) {
                Block block = c.factory().apply(layout);
                model.setBlock(block);
                NDManager m = model.getNDManager();
                TrainingHistory h = Harness.fit(model, config(ctx, "criteo " + c.label(), b.criteoEpochs(),
                        ctx.seed(), null), data.trainDataset(m, b.criteoBatch()), null,
                        new Shape(b.criteoBatch(), layout.numCategorical()));
                Map<String, Double> test = Harness.evaluate(model, Loss.sigmoidBinaryCrossEntropyLoss(),
                        data.testDataset(m, 64), new AucEvaluator(), new LogLossEvaluator());
                double trainLoss = h.epochs().get(h.epochs().size() - 1).trainLoss();
                t.addRow(c.label(), test.get("auc"), test.get("logloss"), trainLoss, Mlp.countParameters(block));
                report.putMetric("criteo.auc." + c.key(), test.get("auc"));
                report.putMetric("criteo.logloss." + c.key(), test.get("logloss"));
                report.putMetric("criteo.train_loss." + c.key(), trainLoss);
            }
        }
        report.addTable(t);
        report.putMetric("criteo.checked", true);
        report.addNote("Criteo sample: integers I1–I13 bucketed floor(ln(v)²) for v > 2, C1–C26 with min count 10"
                + " (rarer values → OOV), empty → PAD; the spec's seeded 80/10/10 split. 200 rows check the pipeline"
                + " and the layout only; conclusions come from the planted logs.");
    }
}
