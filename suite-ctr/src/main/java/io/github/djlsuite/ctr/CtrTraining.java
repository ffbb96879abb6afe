package io.github.djlsuite.ctr;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.metrics.AucEvaluator;
import io.github.djlsuite.core.metrics.LogLossEvaluator;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.ModelConfig;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.train.Harness;
import io.github.djlsuite.core.train.TrainConfig;
import io.github.djlsuite.core.train.TrainingHistory;
import io.github.djlsuite.ctr.dtrn.MultiTaskLoss;
import io.github.djlsuite.datasets.ctr.CtrData;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one training path for the CTR architectures of {@code suite train} ({@link CtrArchitecture}):
 * a Block mapping a batch in {@link CtrLayout} order to logits {@code (B, T)} is trained with
 * <pre>
 *   T = 1:  L = (1/B) Σ_i BCE(σ(z_i), y_i)          DJL's sigmoid binary cross-entropy on logits
 *   T ≥ 2:  L = Σ_t (1/B) Σ_i BCE(σ(z_it), y_it)    {@link MultiTaskLoss}, equal task weights
 * </pre>
 * Adam at a fixed {@code learning_rate}, {@code epochs} passes over the shuffled training part in
 * batches of {@code batch_size}, through {@link Harness} (seed, progress bar, {@code metrics.csv},
 * checkpoints and resume in {@code ctx.outputDir()}). Every epoch reports AUC and log loss per task
 * ({@link AucEvaluator}, {@link LogLossEvaluator}) on the training and validation parts; with
 * {@code patience} &gt; 0 and a validation part, training stops after that many epochs without a 1%
 * improvement of the validation loss. The test part is evaluated once at the end.
 *
 * <p>Metrics stored in {@code model.json} (and so in the zoo's properties): {@code epochs},
 * {@code train_loss}, {@code validation_loss}, {@code test_loss}, and for one label
 * {@code validation_auc}, {@code test_auc}, {@code test_logloss}; for several labels the same per
 * label ({@code test_auc_<label>}, ...) plus {@code test_auc} and {@code test_logloss}, the means
 * over the labels. AUC is NaN when a part holds only one class of a label (tiny samples).
 *
 * <p>Saved: the {@link SavedModel} ({@code model.json} + parameters) and, next to it, the fitted
 * {@link io.github.djlsuite.datasets.ctr.CtrEncoder} as {@value #ENCODER_FILE}, which serving needs
 * to turn a raw row into ids ({@link CtrTranslator}).
 */
public final class CtrTraining {

    /** The encoder's file name in a saved model's folder. */
    public static final String ENCODER_FILE = "encoder.json";
    /** The output description stored with every CTR model. */
    public static final String OUTPUT = "(B, T) click logits; sigmoid gives probabilities";

    private CtrTraining() {}

    /**
     * Trains {@code architecture}'s Block ({@code architecture.build(config)}) on {@code data} and saves
     * it, with its encoder, in {@code ctx.outputDir()}.
     *
     * @param config a configuration made by {@code architecture.configure}: {@code epochs},
     *               {@code batch_size}, {@code learning_rate}, {@code patience} are read here
     * @throws IllegalArgumentException when {@code data} is not CTR data or its layout is not the one
     *         the configuration was made for
     */
    public static SavedModel train(RunContext ctx, Architecture architecture, TaskData data, JsonObject config)
            throws Exception {
        CtrData d = data.payload(CtrData.class, architecture.id());
        CtrLayout layout = d.layout();
        if (config.has("layout") && !layout(config).equals(layout)) {
            throw new IllegalArgumentException(architecture.id() + ": the configuration was made for another"
                    + " layout than " + data.name() + "'s; configure it on this data");
        }
        int epochs = ctx.epochs(config.get("epochs").getAsInt());
        int batch = config.get("batch_size").getAsInt();
        float lr = config.get("learning_rate").getAsFloat();
        int patience = config.has("patience") ? config.get("patience").getAsInt() : 0;
        if (batch <= 0 || !(lr > 0)) {
            throw new IllegalArgumentException(architecture.id() + ": batch_size and learning_rate must be > 0, got "
                    + batch + " and " + lr);
        }
        int tasks = layout.numTasks();
        try (Model model = ctx.newModel(architecture.id())) {
            model.setBlock(architecture.build(config));
            ctx.backend().seed(ctx.seed());
            ArrayDataset train = d.trainDataset(model.getNDManager(), batch);
            ArrayDataset valid = d.validRows() > 0 ? d.validDataset(model.getNDManager(), 4096) : null;
            TrainConfig.Builder tc = TrainConfig.builder().optName(architecture.id()).setLoss(loss(tasks))
                    .setEpochs(epochs).optLearningRate(lr).optSeed(ctx.seed()).optOutputDir(ctx.outputDir())
                    .optResume(ctx.resume()).optProgress(ctx.progress());
            evaluators(layout).forEach(tc::addEvaluator);
            if (valid != null && patience > 0) {
                tc.optEarlyStopping(patience);
            }
            TrainingHistory history = Harness.fit(model, tc.build(), train, valid, inputShapes(layout, batch));
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("epochs", (double) history.epochs().size());
            metrics.put("train_loss", history.last().trainLoss());
            if (valid != null) {
                metrics.put("validation_loss", history.last().validationLoss());
                for (Evaluator e : evaluators(layout)) {
                    if (e instanceof AucEvaluator) {
                        metrics.put("validation_" + e.getName(), history.last().metrics().get("validate_" + e.getName()));
                    }
                }
            }
            Map<String, Double> test = Harness.evaluate(model, loss(tasks), d.testDataset(model.getNDManager(), 4096),
                    evaluators(layout).toArray(new Evaluator[0]));
            metrics.put("test_loss", test.get("loss"));
            double aucSum = 0;
            double llSum = 0;
            for (Evaluator e : evaluators(layout)) {
                double v = test.get(e.getName());
                metrics.put("test_" + e.getName(), v);
                if (e instanceof AucEvaluator) {
                    aucSum += v;
                } else {
                    llSum += v;
                }
            }
            if (tasks > 1) {
                metrics.put("test_auc", aucSum / tasks);
                metrics.put("test_logloss", llSum / tasks);
            }
            metrics.put("train_seconds", history.epochs().stream().mapToDouble(e -> e.seconds()).sum());
            // the encoder first: a model.json in the folder means the model is complete and servable
            d.encoder().save(ctx.outputDir().resolve(ENCODER_FILE));
            return SavedModel.write(ctx.outputDir(), model, architecture, config, data,
                    new Shape(1, layout.numCategorical()), inputDescription(layout), OUTPUT, metrics, ctx);
        }
    }

    /** Sigmoid BCE on logits for one task, {@link MultiTaskLoss} (equal weights) for several. */
    public static Loss loss(int tasks) {
        return tasks == 1 ? Loss.sigmoidBinaryCrossEntropyLoss() : new MultiTaskLoss(tasks);
    }

    /**
     * AUC and log loss (from logits) per label: named {@code auc} and {@code logloss} for one label,
     * {@code auc_<label>} and {@code logloss_<label>} for several.
     */
    public static List<Evaluator> evaluators(CtrLayout layout) {
        List<Evaluator> list = new ArrayList<>();
        for (int t = 0; t < layout.numTasks(); t++) {
            String suffix = layout.numTasks() == 1 ? "" : "_" + layout.labelNames().get(t);
            list.add(new AucEvaluator("auc" + suffix, t));
            list.add(new LogLossEvaluator("logloss" + suffix, t, true));
        }
        return list;
    }

    /** The Block's input shapes for batch size {@code batch}: (B, C), [(B, N)], (B, L_s) per sequence. */
    public static Shape[] inputShapes(CtrLayout layout, long batch) {
        List<Shape> shapes = new ArrayList<>();
        shapes.add(new Shape(batch, layout.numCategorical()));
        if (layout.numNumeric() > 0) {
            shapes.add(new Shape(batch, layout.numNumeric()));
        }
        for (CtrLayout.Sequence s : layout.sequences()) {
            shapes.add(new Shape(batch, s.maxLength()));
        }
        return shapes.toArray(new Shape[0]);
    }

    /** One line describing the inputs, for {@code model.json}. */
    static String inputDescription(CtrLayout layout) {
        StringBuilder sb = new StringBuilder("CTR batch in CtrLayout order: int32 (B, ").append(layout.numCategorical())
                .append(") categorical ids");
        if (layout.numNumeric() > 0) {
            sb.append(", float32 (B, ").append(layout.numNumeric()).append(") numeric");
        }
        for (CtrLayout.Sequence s : layout.sequences()) {
            sb.append(", int32 (B, ").append(s.maxLength()).append(") ").append(s.name());
        }
        return sb.append("; encode raw rows with ").append(ENCODER_FILE).toString();
    }

    /**
     * The layout as JSON, stored in a configuration under {@code layout} so that {@code build(config)}
     * needs no data: {@code {"categorical": [names], "vocab": [sizes], "numeric": [names],
     * "sequences": [{"name", "vocab", "max_length", "shared_with"}], "labels": [names]}}.
     */
    public static JsonObject layoutJson(CtrLayout layout) {
        JsonObject o = new JsonObject();
        o.add("categorical", strings(layout.categoricalNames()));
        o.add("vocab", ModelConfig.array(layout.categoricalVocab()));
        o.add("numeric", strings(layout.numericNames()));
        JsonArray seqs = new JsonArray();
        for (CtrLayout.Sequence s : layout.sequences()) {
            JsonObject j = new JsonObject();
            j.addProperty("name", s.name());
            j.addProperty("vocab", s.vocabSize());
            j.addProperty("max_length", s.maxLength());
            j.addProperty("shared_with", s.sharedWith());
            seqs.add(j);
        }
        o.add("sequences", seqs);
        o.add("labels", strings(layout.labelNames()));
        return o;
    }

    /**
     * The layout stored in {@code config} by {@link #layoutJson}.
     *
     * @throws IllegalArgumentException naming the key when it is missing or malformed
     */
    public static CtrLayout layout(JsonObject config) {
        JsonObject o;
        try {
            o = ModelConfig.require(config, "layout").getAsJsonObject();
            List<CtrLayout.Sequence> seqs = new ArrayList<>();
            for (var e : o.getAsJsonArray("sequences")) {
                JsonObject j = e.getAsJsonObject();
                seqs.add(new CtrLayout.Sequence(j.get("name").getAsString(), j.get("vocab").getAsInt(),
                        j.get("max_length").getAsInt(), j.get("shared_with").getAsInt()));
            }
            return new CtrLayout(names(o, "categorical"), ModelConfig.ints(o, "vocab"), names(o, "numeric"), seqs,
                    names(o, "labels"));
        } catch (IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("configuration key 'layout' is malformed: " + e.getMessage()
                    + " in " + config.get("layout"), e);
        }
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    private static List<String> names(JsonObject o, String key) {
        List<String> list = new ArrayList<>();
        o.getAsJsonArray(key).forEach(e -> list.add(e.getAsString()));
        return list;
    }
}
