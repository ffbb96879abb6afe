package io.github.djlsuite.vision.skan;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.ModelConfig;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.model.VectorData;
import io.github.djlsuite.core.train.Harness;
import io.github.djlsuite.core.train.TrainConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * {@code skan}: an S-KAN classifier on feature vectors, trained through the paper's three phases
 * ({@link SKanTrainer}: all families, top-2, pruned to one family per node) with softmax cross-entropy.
 *
 * <p>Settings: {@code inputs}, {@code classes} (from the data), {@code hidden} (8), {@code families}
 * (text: {@code all} or a comma-separated list of {@link BasisFamily} names), {@code phase_epochs}
 * (epochs of the three phases, default 30,20,10; {@code --epochs N} scales them to sum to about N),
 * {@code batch_size} (32), {@code learning_rate} (0.01). The masks that selection leaves are saved
 * with the parameters, so a loaded model computes with the same families.
 *
 * <p>Resume is not supported: the three phases change the block between trainers; an interrupted run
 * starts again.
 */
public final class SKanArchitecture implements Architecture {

    @Override
    public String id() {
        return "skan";
    }

    @Override
    public String description() {
        return "S-KAN classifier (selectable KAN, three-phase training: all families, top-2, pruned)";
    }

    @Override
    public Set<DataKind> dataKinds() {
        return Set.of(DataKind.VECTORS);
    }

    @Override
    public String defaultDataset() {
        return "uci/iris";
    }

    @Override
    public JsonObject configure(TaskData data, Map<String, String> overrides) {
        VectorData v = data.payload(VectorData.class, id());
        JsonObject c = new JsonObject();
        c.add("hidden", ModelConfig.array(8));
        c.addProperty("families", "all");
        c.add("phase_epochs", ModelConfig.array(30, 20, 10));
        c.addProperty("batch_size", 32);
        c.addProperty("learning_rate", 0.01);
        JsonObject config = ModelConfig.withOverrides(id(), c, overrides);
        families(config); // validates
        int[] phases = ModelConfig.ints(config, "phase_epochs");
        if (phases.length != 3 || Arrays.stream(phases).anyMatch(p -> p <= 0)) {
            throw new IllegalArgumentException("skan setting phase_epochs needs three positive epoch counts, got "
                    + Arrays.toString(phases));
        }
        config.addProperty("inputs", v.inputs());
        config.addProperty("classes", v.classes());
        return config;
    }

    static BasisFamily[] families(JsonObject config) {
        String text = config.get("families").getAsString().trim();
        if (text.equalsIgnoreCase("all")) {
            return BasisFamily.values();
        }
        List<BasisFamily> list = new java.util.ArrayList<>();
        for (String name : text.split(",")) {
            try {
                list.add(BasisFamily.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("skan setting families: unknown family '" + name.trim()
                        + "'; families: all or a list of " + Arrays.toString(BasisFamily.values()));
            }
        }
        return list.toArray(new BasisFamily[0]);
    }

    @Override
    public Block build(JsonObject config) {
        long[] widths = LongStream.concat(LongStream.concat(
                LongStream.of(config.get("inputs").getAsLong()),
                Arrays.stream(ModelConfig.ints(config, "hidden")).asLongStream()),
                LongStream.of(config.get("classes").getAsLong())).toArray();
        return SKan.builder().setWidths(widths).optPool(families(config)).build();
    }

    @Override
    public SavedModel train(RunContext ctx, TaskData data, JsonObject config) throws Exception {
        if (ctx.resume()) {
            throw new UnsupportedOperationException("skan training cannot resume (its three phases change the"
                    + " block between trainers); start a new run");
        }
        VectorData v = data.payload(VectorData.class, id());
        int[] phases = ModelConfig.ints(config, "phase_epochs");
        if (ctx.epochsOverride().isPresent()) { // spread --epochs over the phases in the default 3:2:1 ratio
            int total = ctx.epochsOverride().getAsInt();
            phases = new int[] {Math.max(1, total / 2), Math.max(1, total / 3), Math.max(1, total / 6)};
        }
        int batch = config.get("batch_size").getAsInt();
        float lr = config.get("learning_rate").getAsFloat();
        try (Model model = ctx.newModel(id())) {
            model.setBlock(build(config));
            ctx.backend().seed(ctx.seed());
            ArrayDataset train = v.dataset(VectorData.Part.TRAIN, model.getNDManager(), batch, true);
            ArrayDataset valid = v.dataset(VectorData.Part.VALIDATION, model.getNDManager(), 1024, false);
            ArrayDataset test = v.dataset(VectorData.Part.TEST, model.getNDManager(), 1024, false);
            List<SKanTrainer.PhaseResult> results = SKanTrainer.train(model, train, valid, new Shape(1, v.inputs()),
                    phases, (phase, epochs) -> TrainConfig.builder().optName("skan " + phase.label())
                            .setLoss(Loss.softmaxCrossEntropyLoss()).setEpochs(epochs).optLearningRate(lr)
                            .addEvaluator(new Accuracy()).optSeed(ctx.seed()).optProgress(ctx.progress())
                            .optOutputDir(ctx.outputDir().resolve("phase-" + (phase.ordinal() + 1))).build());
            Map<String, Double> metrics = new LinkedHashMap<>();
            SKanTrainer.PhaseResult last = results.get(results.size() - 1);
            metrics.put("epochs", (double) Arrays.stream(phases).sum());
            metrics.put("active_parameters", (double) last.parameters());
            if (valid != null) {
                metrics.put("validation_accuracy", last.history().last().metrics().get("validate_Accuracy"));
            }
            Map<String, Double> t = Harness.evaluate(model, Loss.softmaxCrossEntropyLoss(), test, new Accuracy());
            metrics.put("test_loss", t.get("loss"));
            metrics.put("test_accuracy", t.get("Accuracy"));
            return SavedModel.write(ctx.outputDir(), model, this, config, data, new Shape(1, v.inputs()),
                    "float32 (B, " + v.inputs() + ") feature vectors",
                    "float32 (B, " + v.classes() + ") class logits: " + String.join(", ", v.classNames()),
                    metrics, ctx);
        }
    }
}
