package io.github.djlsuite.ctr;

import ai.djl.nn.Block;
import ai.djl.translate.TranslatorFactory;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.ModelConfig;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.datasets.ctr.CtrData;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.Map;
import java.util.Set;

/**
 * The common part of the CTR architectures of {@code suite train} (the concrete ones are in
 * {@link CtrArchitectures}): configuration from a {@link CtrLayout}, training through
 * {@link CtrTraining}, and serving through {@link CtrTranslator} with the published
 * {@value CtrTraining#ENCODER_FILE}.
 *
 * <p>Configuration: the training settings every CTR model has ({@code epochs} 5,
 * {@code batch_size} 256, {@code learning_rate} 0.001, Adam, {@code patience} 2 epochs of early
 * stopping on the validation loss, 0 = off), the model's own settings ({@link #defaults()}), the
 * user's overrides, then, not settable, {@code layout} (the data's {@link CtrLayout} as JSON,
 * {@link CtrTraining#layoutJson}) so that {@link #build} rebuilds the Block without the data.
 * {@link #configure} builds the Block once, so a bad combination (e.g. heads that do not divide a
 * width) is reported before training, with the architecture's name.
 */
public abstract class CtrArchitecture implements Architecture {

    /** For the concrete architectures. */
    protected CtrArchitecture() {}

    @Override
    public Set<DataKind> dataKinds() {
        return Set.of(DataKind.CTR);
    }

    /** {@code criteo-sample} (200 rows, trains in seconds); the multi-task and sequence models override it. */
    @Override
    public String defaultDataset() {
        return "criteo-sample";
    }

    /** The model's own settings and their defaults (a fresh object). */
    protected abstract JsonObject defaults();

    /** The Block for a layout and a full configuration. */
    protected abstract Block build(CtrLayout layout, JsonObject config);

    /**
     * Rejects data this architecture cannot train on, naming what it needs and what the data has.
     *
     * @param dataset the data's name, for messages
     */
    protected void check(CtrLayout layout, String dataset) {}

    /** Settings fixed after the overrides (e.g. DualMLP's gating and fusion off); default none. */
    protected void fix(JsonObject config) {}

    @Override
    public JsonObject configure(TaskData data, Map<String, String> overrides) {
        CtrLayout layout = data.payload(CtrData.class, id()).layout();
        check(layout, data.name());
        JsonObject c = defaults();
        c.addProperty("epochs", 5);
        c.addProperty("batch_size", 256);
        c.addProperty("learning_rate", 0.001);
        c.addProperty("patience", 2);
        JsonObject config = ModelConfig.withOverrides(id(), c, overrides);
        fix(config);
        config.add("layout", CtrTraining.layoutJson(layout));
        try {
            build(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(id() + " cannot be built with these settings on " + data.name() + ": "
                    + e.getMessage(), e);
        }
        return config;
    }

    @Override
    public Block build(JsonObject config) {
        return build(CtrTraining.layout(config), config);
    }

    @Override
    public SavedModel train(RunContext ctx, TaskData data, JsonObject config) throws Exception {
        return CtrTraining.train(ctx, this, data, config);
    }

    /** {@code "encoder" -> encoder.json}: the fitted vocabularies and scaling, needed to serve raw rows. */
    @Override
    public Map<String, String> servingFiles(JsonObject config) {
        return Map.of("encoder", CtrTraining.ENCODER_FILE);
    }

    /** {@link CtrRow} in, click probability per task ({@code float[T]}) out. */
    @Override
    public TranslatorFactory translatorFactory(JsonObject config) {
        return new CtrTranslator.Factory();
    }

    // ---------------------------------------------------------------- helpers for the subclasses

    /** An integer-list setting as longs (builder widths). */
    protected static long[] widths(JsonObject config, String key) {
        return java.util.Arrays.stream(ModelConfig.ints(config, key)).asLongStream().toArray();
    }

    /** An integer setting. */
    protected static int integer(JsonObject config, String key) {
        return ModelConfig.require(config, key).getAsInt();
    }

    /** A boolean setting. */
    protected static boolean flag(JsonObject config, String key) {
        return ModelConfig.require(config, key).getAsBoolean();
    }

    /** A decimal setting. */
    protected static float decimal(JsonObject config, String key) {
        return ModelConfig.require(config, key).getAsFloat();
    }

    /** A text setting. */
    protected static String text(JsonObject config, String key) {
        return ModelConfig.require(config, key).getAsString();
    }

    /** The fields of a layout by role, for error messages. */
    protected static String describe(CtrLayout layout) {
        return "categorical " + layout.categoricalNames() + ", numeric " + layout.numericNames() + ", sequences "
                + layout.sequences().stream().map(s -> s.name() + (s.sharedWith() >= 0
                        ? " (shares " + layout.categoricalNames().get(s.sharedWith()) + ")" : "")).toList()
                + ", labels " + layout.labelNames();
    }

    /** Rejects single-label data for a multi-task model, naming the labels present. */
    protected void requireTasks(CtrLayout layout, String dataset) {
        if (layout.numTasks() < 2) {
            throw new IllegalArgumentException(id() + " is a multi-task model and needs at least 2 label fields"
                    + " (role \"label\" in the schema); " + dataset + " has " + layout.numTasks() + ": "
                    + layout.labelNames() + ". For single-label data use dnn, deepfm, finalmlp or dualmlp;"
                    + " for multi-task data try census-income-sample");
        }
    }
}
