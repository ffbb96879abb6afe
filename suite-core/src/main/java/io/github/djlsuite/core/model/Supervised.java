package io.github.djlsuite.core.model;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.train.Harness;
import io.github.djlsuite.core.train.TrainConfig;
import io.github.djlsuite.core.train.TrainingHistory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one training path for classifiers on {@link VectorData}: softmax cross-entropy, Adam with a
 * cosine schedule, validation accuracy every epoch, test accuracy once at the end, checkpoints and
 * resume through {@link Harness}. Architectures whose Block maps (B, inputs) to (B, classes) logits
 * call it from {@link Architecture#train}.
 *
 * <p>Reads {@code epochs}, {@code batch_size} and {@code learning_rate} from the configuration.
 */
public final class Supervised {

    /**
     * Configuration keys of the standardisation a model's inputs went through (per-feature arrays; the
     * model input is {@code (raw − input_shift) / input_scale}), stored when the data was standardised.
     */
    public static final String INPUT_SHIFT = "input_shift";
    /** See {@link #INPUT_SHIFT}. */
    public static final String INPUT_SCALE = "input_scale";

    private Supervised() {}

    private static JsonArray floats(float[] v) {
        JsonArray a = new JsonArray();
        for (float x : v) {
            a.add(x);
        }
        return a;
    }

    /** Trains {@code architecture}'s Block on {@code data} and saves it in {@code ctx.outputDir()}. */
    public static SavedModel trainClassifier(RunContext ctx, Architecture architecture, TaskData data,
            JsonObject config) throws Exception {
        VectorData v = data.payload(VectorData.class, architecture.id());
        int epochs = ctx.epochs(config.get("epochs").getAsInt());
        int batch = config.get("batch_size").getAsInt();
        float lr = config.get("learning_rate").getAsFloat();
        try (Model model = ctx.newModel(architecture.id())) {
            model.setBlock(architecture.build(config));
            ctx.backend().seed(ctx.seed());
            ArrayDataset train = v.dataset(VectorData.Part.TRAIN, model.getNDManager(), batch, true);
            ArrayDataset valid = v.dataset(VectorData.Part.VALIDATION, model.getNDManager(), 1024, false);
            ArrayDataset test = v.dataset(VectorData.Part.TEST, model.getNDManager(), 1024, false);
            int stepsPerEpoch = (v.size(VectorData.Part.TRAIN) + batch - 1) / batch;
            Tracker schedule = Tracker.cosine().setBaseValue(lr).optFinalValue(lr * 0.01f)
                    .setMaxUpdates(Math.max(1, epochs * stepsPerEpoch)).build();
            TrainConfig tc = TrainConfig.builder().optName(architecture.id()).setLoss(Loss.softmaxCrossEntropyLoss())
                    .setEpochs(epochs).optLearningRate(schedule).addEvaluator(new Accuracy()).optSeed(ctx.seed())
                    .optOutputDir(ctx.outputDir()).optResume(ctx.resume()).optProgress(ctx.progress()).build();
            TrainingHistory history = Harness.fit(model, tc, train, valid, new Shape(1, v.inputs()));
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("epochs", (double) history.epochs().size());
            metrics.put("train_loss", history.last().trainLoss());
            if (valid != null) {
                metrics.put("validation_accuracy", history.last().metrics().get("validate_Accuracy"));
            }
            Map<String, Double> t = Harness.evaluate(model, Loss.softmaxCrossEntropyLoss(), test, new Accuracy());
            metrics.put("test_loss", t.get("loss"));
            metrics.put("test_accuracy", t.get("Accuracy"));
            metrics.put("train_seconds", history.epochs().stream().mapToDouble(e -> e.seconds()).sum());
            JsonObject saved = config.deepCopy();
            if (v.standardised()) { // served models take raw features: the translator applies this (docs/zoo.md)
                saved.add(INPUT_SHIFT, floats(v.inputShift()));
                saved.add(INPUT_SCALE, floats(v.inputScale()));
            }
            return SavedModel.write(ctx.outputDir(), model, architecture, saved, data, new Shape(1, v.inputs()),
                    "float32 (B, " + v.inputs() + ") feature vectors",
                    "float32 (B, " + v.classes() + ") class logits: " + String.join(", ", v.classNames()),
                    metrics, ctx);
        }
    }
}
