package io.github.djlsuite.sequence;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import ai.djl.util.Pair;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.zoo.ConfiguredTranslatorFactory;
import io.github.djlsuite.core.model.ModelConfig;
import io.github.djlsuite.core.model.TokenData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Translator for token-sequence classifiers ({@code bow}): one sequence in, the class
 * probabilities out.
 *
 * <p>Input, either
 * <ul>
 *   <li>{@code int[]} token ids in the model's vocabulary: 1..V-1 for real tokens, optionally
 *       followed by PAD (0), which is stripped. Rejected, naming the position: an id outside
 *       0..V-1, a PAD before a real token, a token the training data never contained because the
 *       loader dropped it (ListOps' parentheses), no real token at all, or more than L real tokens
 *       (L = the model's {@code max_length}; training cut longer rows, and the translator does not
 *       cut silently);</li>
 *   <li>{@code String} in the dataset's surface syntax: tokens separated by white space, looked up
 *       in the stored vocabulary after the dropped tokens are removed. For ListOps this gives exactly
 *       {@code ListOps.encode} without parentheses, e.g. {@code "[MAX 2 9 [MIN 4 7 ] 0 ]"} or the
 *       file's {@code "( ( [MAX 2 ) 9 ) ]"}. An unknown token is an error naming it and its position.</li>
 * </ul>
 * The ids are padded to L and {@link Batchifier#STACK} makes (B, L) int32.
 *
 * <p>Output: logits z (K) become {@code p_k = exp(z_k − max z) / sum_j exp(z_j − max z)} (double
 * precision), as {@link Classifications} over the class names or {@code float[K]} in class order.
 *
 * @param <I> {@code int[]} or {@code String}
 * @param <O> {@link Classifications} or {@code float[]}
 */
public final class TokenTranslator<I, O> implements Translator<I, O> {

    private final List<String> vocabulary;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Set<String> dropped;
    private final boolean[] droppedIds;
    private final int maxLength;
    private final List<String> classes;
    private final BiFunction<List<String>, double[], O> output;

    private TokenTranslator(List<String> vocabulary, List<String> dropped, int maxLength, List<String> classes,
            BiFunction<List<String>, double[], O> output) {
        if (vocabulary.size() < 2 || maxLength <= 0 || classes.isEmpty()) {
            throw new IllegalArgumentException("need a vocabulary of PAD + tokens, max length > 0 and classes, got "
                    + vocabulary.size() + ", " + maxLength + ", " + classes.size());
        }
        this.vocabulary = List.copyOf(vocabulary);
        this.dropped = new LinkedHashSet<>(dropped);
        this.droppedIds = new boolean[vocabulary.size()];
        for (int i = 1; i < vocabulary.size(); i++) {
            ids.put(vocabulary.get(i), i);
            droppedIds[i] = this.dropped.contains(vocabulary.get(i));
        }
        this.maxLength = maxLength;
        this.classes = List.copyOf(classes);
        this.output = output;
    }

    /** {@code int[]} ids in, {@link Classifications} out. */
    public static TokenTranslator<int[], Classifications> idsToClassifications(List<String> vocabulary,
            List<String> dropped, int maxLength, List<String> classes) {
        return new TokenTranslator<>(vocabulary, dropped, maxLength, classes, TokenTranslator::classifications);
    }

    /** {@code int[]} ids in, probabilities {@code float[K]} out. */
    public static TokenTranslator<int[], float[]> idsToProbabilities(List<String> vocabulary, List<String> dropped,
            int maxLength, List<String> classes) {
        return new TokenTranslator<>(vocabulary, dropped, maxLength, classes, (n, p) -> floats(p));
    }

    /** Text in, {@link Classifications} out. */
    public static TokenTranslator<String, Classifications> textToClassifications(List<String> vocabulary,
            List<String> dropped, int maxLength, List<String> classes) {
        return new TokenTranslator<>(vocabulary, dropped, maxLength, classes, TokenTranslator::classifications);
    }

    /** Text in, probabilities {@code float[K]} out. */
    public static TokenTranslator<String, float[]> textToProbabilities(List<String> vocabulary, List<String> dropped,
            int maxLength, List<String> classes) {
        return new TokenTranslator<>(vocabulary, dropped, maxLength, classes, (n, p) -> floats(p));
    }

    private static Classifications classifications(List<String> names, double[] p) {
        List<Double> probs = new ArrayList<>(p.length);
        for (double v : p) {
            probs.add(v);
        }
        return new Classifications(names, probs);
    }

    private static float[] floats(double[] p) {
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            f[i] = (float) p[i];
        }
        return f;
    }

    /** L: the most real tokens an input may have. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Text to ids: split on white space, drop the dropped tokens, look each up in the vocabulary.
     *
     * @throws IllegalArgumentException naming an unknown token and its position (1-based, in the text)
     */
    public int[] encode(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the text has no tokens");
        }
        String[] tokens = trimmed.split("\\s+");
        int[] out = new int[tokens.length];
        int n = 0;
        for (int k = 0; k < tokens.length; k++) {
            if (dropped.contains(tokens[k])) {
                continue;
            }
            Integer id = ids.get(tokens[k]);
            if (id == null) {
                throw new IllegalArgumentException("token " + (k + 1) + " '" + tokens[k] + "' is not in the model's"
                        + " vocabulary " + vocabulary.subList(1, vocabulary.size()));
            }
            out[n++] = id;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Checks ids and pads them to L.
     *
     * @throws IllegalArgumentException naming the position and the rule broken (see the class comment)
     */
    public int[] padded(int[] sequence) {
        int n = sequence.length;
        while (n > 0 && sequence[n - 1] == TokenData.PAD) {
            n--; // trailing padding is allowed and stripped
        }
        if (n == 0) {
            throw new IllegalArgumentException("the sequence has no tokens (" + sequence.length + " ids, all PAD)");
        }
        for (int k = 0; k < n; k++) {
            int id = sequence[k];
            if (id < 0 || id >= vocabulary.size()) {
                throw new IllegalArgumentException("id " + id + " at position " + k + " is outside the vocabulary 0.."
                        + (vocabulary.size() - 1));
            }
            if (id == TokenData.PAD) {
                throw new IllegalArgumentException("PAD (0) at position " + k + " comes before a real token; padding"
                        + " may only trail");
            }
            if (droppedIds[id]) {
                throw new IllegalArgumentException("id " + id + " ('" + vocabulary.get(id) + "') at position " + k
                        + " never occurs in the training data: the loader drops " + dropped + "; remove it");
            }
        }
        if (n > maxLength) {
            throw new IllegalArgumentException("the sequence has " + n + " tokens; this model takes at most "
                    + maxLength + " (training rows were cut to " + maxLength + "); shorten it");
        }
        return Arrays.copyOf(sequence, maxLength);
    }

    @Override
    public NDList processInput(TranslatorContext ctx, I input) throws TranslateException {
        int[] seq;
        try {
            if (input instanceof int[] a) {
                seq = padded(a);
            } else if (input instanceof String s) {
                seq = padded(encode(s));
            } else {
                throw new TranslateException("input must be int[] or String, got "
                        + (input == null ? "null" : input.getClass().getName()));
            }
        } catch (IllegalArgumentException e) {
            throw new TranslateException(e.getMessage(), e);
        }
        return new NDList(ctx.getNDManager().create(seq, new Shape(maxLength)));
    }

    @Override
    public O processOutput(TranslatorContext ctx, NDList list) throws TranslateException {
        float[] z = list.singletonOrThrow().toFloatArray();
        if (z.length != classes.size()) {
            throw new TranslateException("the model returned " + z.length + " logits, expected " + classes.size());
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return output.apply(classes, p);
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }

    /**
     * The translators a token architecture gives the zoo ({@code Architecture.translatorFactory}),
     * built from the stored configuration ({@code vocabulary}, {@code dropped_tokens},
     * {@code max_length}, {@code class_names}): {@code (int[] | String) → (Classifications | float[])}.
     */
    public static final class Factory extends ConfiguredTranslatorFactory {

        /** @param config the model's configuration (zoo arguments) */
        public Factory(JsonObject config) {
            super(config, Set.of(new Pair<>(int[].class, Classifications.class), new Pair<>(int[].class, float[].class),
                    new Pair<>(String.class, Classifications.class), new Pair<>(String.class, float[].class)),
                    "token models translate int[] or String to Classifications or float[]");
        }

        @Override
        @SuppressWarnings("unchecked")
        protected <I, O> Translator<I, O> create(Class<I> input, Class<O> output, JsonObject config) {
            List<String> vocabulary = strings(config, "vocabulary");
            List<String> dropped = config.has("dropped_tokens") ? strings(config, "dropped_tokens") : List.of();
            List<String> classes = strings(config, "class_names");
            int maxLength = ModelConfig.require(config, "max_length").getAsInt();
            boolean text = input == String.class;
            if (output == Classifications.class) {
                return (Translator<I, O>) (text ? textToClassifications(vocabulary, dropped, maxLength, classes)
                        : idsToClassifications(vocabulary, dropped, maxLength, classes));
            }
            return (Translator<I, O>) (text ? textToProbabilities(vocabulary, dropped, maxLength, classes)
                    : idsToProbabilities(vocabulary, dropped, maxLength, classes));
        }

        private static List<String> strings(JsonObject config, String key) {
            JsonArray a = ModelConfig.require(config, key).getAsJsonArray();
            List<String> out = new ArrayList<>(a.size());
            for (JsonElement e : a) {
                out.add(e.getAsString());
            }
            return out;
        }
    }
}
