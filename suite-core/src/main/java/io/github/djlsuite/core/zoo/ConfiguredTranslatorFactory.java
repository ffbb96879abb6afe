package io.github.djlsuite.core.zoo;

import ai.djl.Model;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import com.google.gson.JsonObject;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;

/**
 * Base of an architecture's translator factory that builds its translators from the model's stored
 * configuration (the zoo arguments): it keeps a copy of the configuration, answers the supported types,
 * refuses other types with an error naming them, and turns a configuration that lacks a key into a
 * {@link TranslateException} that says so.
 */
public abstract class ConfiguredTranslatorFactory implements TranslatorFactory {

    private final JsonObject config;
    private final Set<Pair<Type, Type>> types;
    private final String description;

    /**
     * @param config      the model's configuration (copied)
     * @param types       the (input, output) pairs supported
     * @param description what the translators do, for the error on other types, e.g. "node classifiers
     *                    translate Graph to float[][] or NodePredictions"
     */
    protected ConfiguredTranslatorFactory(JsonObject config, Set<Pair<Type, Type>> types, String description) {
        this.config = config.deepCopy();
        this.types = Set.copyOf(types);
        this.description = description;
    }

    @Override
    public final Set<Pair<Type, Type>> getSupportedTypes() {
        return types;
    }

    @Override
    public final <I, O> Translator<I, O> newInstance(Class<I> input, Class<O> output, Model model,
            Map<String, ?> arguments) throws TranslateException {
        if (!isSupported(input, output)) {
            throw new TranslateException(description + ", not " + input.getSimpleName() + " to "
                    + output.getSimpleName());
        }
        try {
            return create(input, output, config);
        } catch (RuntimeException e) {
            throw new TranslateException("the model's configuration lacks what its translator needs: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The translator for a supported pair; a {@link RuntimeException} (a missing or malformed key) becomes
     * a {@link TranslateException}.
     */
    protected abstract <I, O> Translator<I, O> create(Class<I> input, Class<O> output, JsonObject config);
}
