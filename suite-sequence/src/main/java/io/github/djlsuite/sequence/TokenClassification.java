package io.github.djlsuite.sequence;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.model.TokenData;
import io.github.djlsuite.core.train.Harness;
import io.github.djlsuite.core.train.TrainConfig;
import io.github.djlsuite.core.train.TrainingHistory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training path for classifiers on {@link TokenData}, the token twin of
 * {@code core.model.Supervised}: softmax cross-entropy, Adam with a cosine schedule from
 * {@code learning_rate} to 1% of it, validation accuracy every epoch, test accuracy once at the
 * end, checkpoints and resume through {@link Harness}; the model is saved with
 * {@link SavedModel#write} (input shape {@code (1, L)}). Architectures whose Block maps ids
 * (B, L) to logits (B, K) call it from {@link Architecture#train}.
 *
 * <p>Reads {@code epochs}, {@code batch_size} and {@code learning_rate} from the configuration.
 */
public final class TokenClassification {

    private TokenClassification() {}

    /** What {@code model.json}'s {@code input.description} says of a token model with padded length L. */
    public static String inputDescription(int maxLength) {
        return "int32 (B, " + maxLength + ") token ids, PAD = 0 trailing";
    }

    /** Trains {@code architecture}'s Block on {@code data} and saves it in {@code ctx.outputDir()}. */
    public static SavedModel train(RunContext ctx, Architecture architecture, TaskData data, JsonObject config)
            throws Exception {
        TokenData t = data.payload(TokenData.class, architecture.id());
        int epochs = ctx.epochs(config.get("epochs").getAsInt());
        int batch = config.get("batch_size").getAsInt();
        float lr = config.get("learning_rate").getAsFloat();
        Shape input = new Shape(1, t.maxLength());
        try (Model model = ctx.newModel(architecture.id())) {
            model.setBlock(architecture.build(config));
            ctx.backend().seed(ctx.seed());
            ArrayDataset train = t.dataset(TokenData.Part.TRAIN, model.getNDManager(), batch, true);
            ArrayDataset valid = t.dataset(TokenData.Part.VALIDATION, model.getNDManager(), 1024, false);
            ArrayDataset test = t.dataset(TokenData.Part.TEST, model.getNDManager(), 1024, false);
            int stepsPerEpoch = (t.size(TokenData.Part.TRAIN) + batch - 1) / batch;
            Tracker schedule = Tracker.cosine().setBaseValue(lr).optFinalValue(lr * 0.01f)
                    .setMaxUpdates(Math.max(1, epochs * stepsPerEpoch)).build();
            TrainConfig tc = TrainConfig.builder().optName(architecture.id()).setLoss(Loss.softmaxCrossEntropyLoss())
                    .setEpochs(epochs).optLearningRate(schedule).addEvaluator(new Accuracy()).optSeed(ctx.seed())
                    .optOutputDir(ctx.outputDir()).optResume(ctx.resume()).optProgress(ctx.progress()).build();
            TrainingHistory history = Harness.fit(model, tc, train, valid, input);
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("epochs", (double) history.epochs().size());
            metrics.put("train_loss", history.last().trainLoss());
            metrics.put("train_accuracy", history.last().metrics().get("train_Accuracy"));
            if (valid != null) {
                metrics.put("validation_accuracy", history.last().metrics().get("validate_Accuracy"));
            }
            Map<String, Double> r = Harness.evaluate(model, Loss.softmaxCrossEntropyLoss(), test, new Accuracy());
            metrics.put("test_loss", r.get("loss"));
            metrics.put("test_accuracy", r.get("Accuracy"));
            metrics.put("majority_class_test_accuracy", majorityRate(t));
            metrics.put("train_seconds", history.epochs().stream().mapToDouble(e -> e.seconds()).sum());
            return SavedModel.write(ctx.outputDir(), model, architecture, config, data, input,
                    inputDescription(t.maxLength()),
                    "float32 (B, " + t.classes() + ") class logits: " + String.join(", ", t.classNames()),
                    metrics, ctx);
        }
    }

    /**
     * The test accuracy of always answering the training part's most frequent class: the floor a
     * classifier must beat.
     */
    public static double majorityRate(TokenData t) {
        int[] counts = new int[t.classes()];
        for (int y : t.trainY()) {
            counts[y]++;
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        int hits = 0;
        for (int y : t.testY()) {
            hits += y == best ? 1 : 0;
        }
        return t.testY().length == 0 ? Double.NaN : (double) hits / t.testY().length;
    }
}
