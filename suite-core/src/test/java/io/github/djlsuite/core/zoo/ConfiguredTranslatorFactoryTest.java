package io.github.djlsuite.core.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.Pair;
import com.google.gson.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfiguredTranslatorFactoryTest {

    /** Translates String to Integer, adding the configured "offset" to the string's length. */
    static final class LengthFactory extends ConfiguredTranslatorFactory {
        LengthFactory(JsonObject config) {
            super(config, Set.of(new Pair<>(String.class, Integer.class)), "length models translate String to Integer");
        }

        @Override
        @SuppressWarnings("unchecked")
        protected <I, O> Translator<I, O> create(Class<I> input, Class<O> output, JsonObject config) {
            int offset = config.get("offset").getAsInt();
            return (Translator<I, O>) new Translator<String, Integer>() {
                @Override
                public NDList processInput(TranslatorContext ctx, String in) {
                    return new NDList();
                }

                @Override
                public Integer processOutput(TranslatorContext ctx, NDList list) {
                    return offset;
                }
            };
        }
    }

    @Test
    void buildsFromACopyOfTheConfigurationAndRefusesOtherTypesAndMissingKeys() throws Exception {
        JsonObject config = new JsonObject();
        config.addProperty("offset", 3);
        LengthFactory f = new LengthFactory(config);
        config.addProperty("offset", 99); // the factory kept its own copy
        assertEquals(Set.of(new Pair<>(String.class, Integer.class)), f.getSupportedTypes());
        assertEquals(3, f.newInstance(String.class, Integer.class, null, null).processOutput(null, new NDList()));

        TranslateException wrong = assertThrows(TranslateException.class,
                () -> f.newInstance(String.class, float[].class, null, null));
        assertEquals("length models translate String to Integer, not String to float[]", wrong.getMessage());

        TranslateException missing = assertThrows(TranslateException.class,
                () -> new LengthFactory(new JsonObject()).newInstance(String.class, Integer.class, null, null));
        assertTrue(missing.getMessage().startsWith("the model's configuration lacks what its translator needs"),
                missing.getMessage());
    }
}
