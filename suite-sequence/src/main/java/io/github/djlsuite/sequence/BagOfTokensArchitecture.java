package io.github.djlsuite.sequence;

import ai.djl.nn.Block;
import ai.djl.translate.TranslatorFactory;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.ModelConfig;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.model.TokenData;
import io.github.djlsuite.core.nn.Mlp;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bow}: the bag-of-tokens classifier ({@link BagOfTokens}) on token sequences, the baseline
 * for sequence classification (masked mean of embeddings, MLP head), trained by
 * {@link TokenClassification} and served by {@link TokenTranslator}.
 *
 * <p>Settings: {@code embedding_dim} (64), {@code hidden} (128), {@code activation} (relu),
 * {@code epochs} (20), {@code batch_size} (64), {@code learning_rate} (0.003). From the data, not
 * settable: {@code vocab_size}, {@code classes}, {@code max_length} (the padded length L the
 * translator accepts), {@code vocabulary} and {@code dropped_tokens} (for text input),
 * {@code class_names}; so a saved model is rebuilt and served without the data.
 */
public final class BagOfTokensArchitecture implements Architecture {

    @Override
    public String id() {
        return "bow";
    }

    @Override
    public String description() {
        return "bag-of-tokens classifier (baseline): masked mean of embeddings, MLP head";
    }

    @Override
    public Set<DataKind> dataKinds() {
        return Set.of(DataKind.TOKENS);
    }

    /** {@code listops}: the one token task, 8,000 training rows, seconds per epoch. */
    @Override
    public String defaultDataset() {
        return "listops";
    }

    @Override
    public JsonObject configure(TaskData data, Map<String, String> overrides) {
        TokenData t = data.payload(TokenData.class, id());
        JsonObject c = new JsonObject();
        c.addProperty("embedding_dim", 64);
        c.add("hidden", ModelConfig.array(128));
        c.addProperty("activation", "relu");
        c.addProperty("epochs", 20);
        c.addProperty("batch_size", 64);
        c.addProperty("learning_rate", 0.003);
        JsonObject config = ModelConfig.withOverrides(id(), c, overrides);
        config.addProperty("vocab_size", t.vocabularySize());
        config.addProperty("classes", t.classes());
        config.addProperty("max_length", t.maxLength());
        config.add("vocabulary", strings(t.vocabulary()));
        config.add("dropped_tokens", strings(t.droppedTokens()));
        config.add("class_names", strings(t.classNames()));
        try {
            build(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(id() + " cannot be built with these settings on " + data.name() + ": "
                    + e.getMessage(), e);
        }
        return config;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    @Override
    public Block build(JsonObject config) {
        return BagOfTokens.builder().setVocabularySize(ModelConfig.require(config, "vocab_size").getAsInt())
                .setEmbeddingDim(ModelConfig.require(config, "embedding_dim").getAsInt())
                .optHidden(ModelConfig.ints(config, "hidden"))
                .optActivation(Mlp.Act.parse(ModelConfig.require(config, "activation").getAsString()))
                .setClasses(ModelConfig.require(config, "classes").getAsInt()).build();
    }

    @Override
    public SavedModel train(RunContext ctx, TaskData data, JsonObject config) throws Exception {
        return TokenClassification.train(ctx, this, data, config);
    }

    /** {@code int[]} or {@code String} in, {@code Classifications} or {@code float[]} out ({@link TokenTranslator}). */
    @Override
    public TranslatorFactory translatorFactory(JsonObject config) {
        return new TokenTranslator.Factory(config);
    }
}
