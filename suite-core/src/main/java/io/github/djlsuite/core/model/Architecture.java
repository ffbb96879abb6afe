package io.github.djlsuite.core.model;

import ai.djl.nn.Block;
import ai.djl.translate.TranslatorFactory;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.RunContext;
import java.util.Map;
import java.util.Set;

/**
 * A named architecture that {@code suite train} can train and the model zoo can rebuild.
 *
 * <p>Implementations are registered in {@code META-INF/services/io.github.djlsuite.core.model.Architecture}
 * of the module that holds the Block. The configuration is a flat JSON object of the builder's
 * arguments: {@link #configure} derives it from the data and the user's {@code --set key=value}
 * overrides, {@link #build} turns it into a Block, and {@link SavedModel} stores it next to the
 * parameters, so a saved model can be rebuilt without the data.
 *
 * <p>Serving: an architecture whose models need more than the parameters to turn raw input into
 * tensors (a CTR model needs the fitted vocabularies and numeric scaling) names those files with
 * {@link #servingFiles}, which the zoo publishes and sha256-checks like the parameters, and gives
 * the translators that read them with {@link #translatorFactory}.
 */
public interface Architecture {

    /** The name users type, e.g. {@code mlp}, {@code gcn}, {@code finalmlp}. */
    String id();

    /** One line for {@code suite train --list}. */
    String description();

    /** The kinds of data this architecture trains on. */
    Set<DataKind> dataKinds();

    /**
     * The dataset {@code suite zoo publish <id>} trains on when the user names none (a name that
     * {@code suite train --data} accepts), or null when the architecture has no default.
     */
    default String defaultDataset() {
        return null;
    }

    /**
     * The full configuration for training on {@code data}: sizes taken from the data (inputs,
     * classes, vocabularies), defaults for everything else, then {@code overrides} applied.
     *
     * @throws IllegalArgumentException naming the key when an override is unknown or malformed
     */
    JsonObject configure(TaskData data, Map<String, String> overrides);

    /** A new, uninitialised Block for a configuration made by {@link #configure}. */
    Block build(JsonObject config);

    /**
     * Trains a new model on {@code data} through the suite's harness (progress bar, checkpoints in
     * {@code ctx.outputDir()}, resume when {@code ctx.resume()}) and saves it there with
     * {@link SavedModel#write}.
     */
    SavedModel train(RunContext ctx, TaskData data, JsonObject config) throws Exception;

    /**
     * Files besides {@code model.json} and the parameters that a saved model of this architecture
     * needs for serving, by key, each a file name in the {@link SavedModel} folder (e.g.
     * {@code "encoder" -> "encoder.json"}). The zoo's {@code publish} copies each into the version
     * and records its size and sha256 under the key in {@code metadata.json}'s {@code files}; the
     * loader verifies them before use, like the parameters. Keys {@code parameters} and
     * {@code model} are taken. Default: none.
     *
     * @param config the saved model's configuration
     */
    default Map<String, String> servingFiles(JsonObject config) {
        return Map.of();
    }

    /**
     * The translators for serving this architecture's models through DJL's {@code Criteria}, or null
     * (the default) for the suite's translators by data kind. The zoo asks it before the model's
     * files are fetched, so the factory must not need them to list its supported types; its
     * {@code newInstance} finds the {@link #servingFiles} in {@code model.getModelPath()}.
     *
     * @param config the configuration stored with the version
     */
    default TranslatorFactory translatorFactory(JsonObject config) {
        return null;
    }
}
