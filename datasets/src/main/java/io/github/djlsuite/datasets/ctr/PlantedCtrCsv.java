package io.github.djlsuite.datasets.ctr;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.djlsuite.datasets.Splits;
import io.github.djlsuite.datasets.synthetic.PlantedCtr;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes planted CTR logs ({@link PlantedCtr}) as files that {@link CtrCsv} reads back:
 * {@code train.csv}, {@code valid.csv}, {@code test.csv}, {@code schema.json} and {@code ground_truth.json}.
 *
 * <p>CSV: header {@code click,p_true,C1,...,CF}, then one row per impression: the 0/1 click, the true click
 * probability (Java {@link Double#toString}, exact) and the F value ids in decimal. The schema makes
 * {@code click} the label, drops {@code p_true} (role ignore: it is the answer, for evaluation only) and
 * makes C1..CF categorical (min count 1). Split: seeded and stratified on the click exactly as
 * {@link CtrCsv} does for a single file (10% test with {@code seed}, then 1/9 of the rest as valid with
 * {@code seed + 1}; rows in generation order in each file), 80/10/10.
 *
 * <p>{@code ground_truth.json}: the generator, the vocabulary sizes, the bias, the main effects
 * {@code main_effects[f][v]}, the interactions ({@code fields}, {@code scale}, {@code factors[j][v]}),
 * the noise standard deviation (0 for {@link PlantedCtr.Data}), and per split the rows, clicks, mean true
 * probability and the Bayes log-loss (mean log-loss of {@code p_true}) together with the log-loss of the
 * training base rate, so a model's test log-loss can be placed between the two.
 */
public final class PlantedCtrCsv {

    /**
     * What was written.
     *
     * @param dir   the folder
     * @param train training rows
     * @param valid validation rows
     * @param test  test rows
     */
    public record Written(Path dir, int train, int valid, int test) {}

    private PlantedCtrCsv() {}

    /** Writes logs from {@link PlantedCtr#generate(int[], int, int, int, double, double, double, long)}. */
    public static Written write(PlantedCtr.Data data, Path dir, long seed) throws IOException {
        JsonObject truth = new JsonObject();
        truth.addProperty("generator", "PlantedCtr.generate (one rank-one pairwise interaction, uniform values)");
        truth.addProperty("bias", data.bias());
        truth.add("main_effects", matrix(data.fieldEffects()));
        JsonArray inter = new JsonArray();
        inter.add(interaction(new int[] {data.fieldA(), data.fieldB()}, data.interactionScale(),
                new double[][] {data.interactionA(), data.interactionB()}));
        truth.add("interactions", inter);
        truth.addProperty("noise_std", 0.0);
        return write(data.vocabSizes(), data.rows(), data.labels(), data.probabilities(), truth, dir, seed);
    }

    /** Writes logs from {@link PlantedCtr#generate(PlantedCtr.LogsConfig, int, long)}. */
    public static Written write(PlantedCtr.Logs logs, Path dir, long seed) throws IOException {
        JsonObject truth = new JsonObject();
        truth.addProperty("generator", "PlantedCtr.generate(LogsConfig): Zipf values (exponent "
                + logs.config().zipfExponent() + "), bias calibrated to a click rate of " + logs.config().targetCtr());
        truth.addProperty("bias", logs.bias());
        truth.add("main_effects", matrix(logs.mainEffects()));
        JsonArray inter = new JsonArray();
        for (PlantedCtr.Interaction x : logs.interactions()) {
            inter.add(interaction(x.fields(), x.scale(), x.factors()));
        }
        truth.add("interactions", inter);
        truth.addProperty("noise_std", logs.config().noiseStd());
        return write(logs.vocabSizes(), logs.rows(), logs.labels(), logs.probabilities(), truth, dir, seed);
    }

    /** The schema of the written files for F fields. */
    public static CtrSchema schema(int numFields) {
        List<CtrSchema.Field> fields = new ArrayList<>();
        fields.add(CtrSchema.Field.label("click"));
        fields.add(CtrSchema.Field.ignore("p_true"));
        for (int f = 1; f <= numFields; f++) {
            fields.add(CtrSchema.Field.categorical("C" + f));
        }
        return new CtrSchema(",", true, List.of(), false, false, fields);
    }

    private static Written write(int[] vocab, int[] rows, int[] labels, double[] p, JsonObject truth, Path dir,
            long seed) throws IOException {
        int nf = vocab.length;
        int[][] a = Splits.stratified(labels, 2, CtrCsv.HOLDOUT_FRACTION, seed);
        int[] rest = a[0];
        int[] restLabels = new int[rest.length];
        for (int i = 0; i < rest.length; i++) {
            restLabels[i] = labels[rest[i]];
        }
        int[][] b = Splits.stratified(restLabels, 2, CtrCsv.HOLDOUT_FRACTION / (1 - CtrCsv.HOLDOUT_FRACTION),
                seed + 1);
        int[] train = map(rest, b[0]);
        int[] valid = map(rest, b[1]);
        int[] test = a[1];
        Files.createDirectories(dir);
        StringBuilder header = new StringBuilder("click,p_true");
        for (int f = 1; f <= nf; f++) {
            header.append(",C").append(f);
        }
        String[] names = {"train", "valid", "test"};
        int[][] parts = {train, valid, test};
        double baseRate = 0;
        for (int i : train) {
            baseRate += labels[i];
        }
        baseRate /= train.length;
        JsonObject splits = new JsonObject();
        for (int s = 0; s < 3; s++) {
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(names[s] + ".csv"), StandardCharsets.US_ASCII)) {
                w.write(header.toString());
                w.write('\n');
                StringBuilder sb = new StringBuilder();
                for (int i : parts[s]) {
                    sb.setLength(0);
                    sb.append(labels[i]).append(',').append(p[i]);
                    for (int f = 0; f < nf; f++) {
                        sb.append(',').append(rows[i * nf + f]);
                    }
                    w.write(sb.append('\n').toString());
                }
            }
            JsonObject o = new JsonObject();
            int clicks = 0;
            double meanP = 0;
            double bayes = 0;
            double base = 0;
            for (int i : parts[s]) {
                clicks += labels[i];
                meanP += p[i];
                bayes += logLoss(labels[i], p[i]);
                base += logLoss(labels[i], baseRate);
            }
            int n = parts[s].length;
            o.addProperty("rows", n);
            o.addProperty("clicks", clicks);
            o.addProperty("mean_p_true", meanP / n);
            o.addProperty("bayes_log_loss", bayes / n);
            o.addProperty("base_rate_log_loss", base / n);
            splits.add(names[s], o);
        }
        JsonArray vs = new JsonArray();
        for (int v : vocab) {
            vs.add(v);
        }
        truth.add("vocab_sizes", vs);
        truth.addProperty("split_seed", seed);
        truth.add("splits", splits);
        Files.writeString(dir.resolve("schema.json"), schema(nf).toJson() + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ground_truth.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(truth) + "\n", StandardCharsets.UTF_8);
        return new Written(dir, train.length, valid.length, test.length);
    }

    private static double logLoss(int y, double p) {
        double q = Math.min(1 - 1e-12, Math.max(1e-12, p));
        return y == 1 ? -Math.log(q) : -Math.log(1 - q);
    }

    private static int[] map(int[] base, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = base[idx[i]];
        }
        return out;
    }

    private static JsonObject interaction(int[] fields, double scale, double[][] factors) {
        JsonObject o = new JsonObject();
        JsonArray f = new JsonArray();
        for (int x : fields) {
            f.add(x);
        }
        o.add("fields", f);
        o.addProperty("scale", scale);
        o.add("factors", matrix(factors));
        return o;
    }

    private static JsonArray matrix(double[][] m) {
        JsonArray a = new JsonArray();
        for (double[] row : m) {
            JsonArray r = new JsonArray();
            for (double v : row) {
                r.add(v);
            }
            a.add(r);
        }
        return a;
    }
}
