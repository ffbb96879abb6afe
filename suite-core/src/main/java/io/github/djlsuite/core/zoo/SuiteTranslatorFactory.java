package io.github.djlsuite.core.zoo;

import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.Supervised;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The translators the suite's zoo attaches to a model: those its architecture supplies
 * ({@link io.github.djlsuite.core.model.Architecture#translatorFactory}), else the suite's own,
 * chosen by the data kind it was trained on.
 *
 * <table>
 *   <caption>input and output types per kind</caption>
 *   <tr><th>kind</th><th>input</th><th>output</th></tr>
 *   <tr><td>VECTORS</td><td>{@code float[]}, {@link NDArray}</td><td>{@link Classifications}</td></tr>
 *   <tr><td>VECTORS</td><td>{@code float[]}</td><td>{@code float[]} (probabilities)</td></tr>
 *   <tr><td>CTR</td><td>{@code io.github.djlsuite.ctr.CtrRow} (a raw row)</td><td>{@code float[]}
 *       (click probability per task), from the architecture (suite-ctr), which reads the published
 *       {@code encoder.json}</td></tr>
 *   <tr><td>TOKENS</td><td>{@code int[]} token ids or {@code String} text</td><td>{@link Classifications},
 *       {@code float[]}, from the architecture (suite-sequence {@code bow})</td></tr>
 *   <tr><td>GRAPH</td><td colspan="2">from the architecture when it supplies one (see docs/zoo.md)</td></tr>
 * </table>
 *
 * <p>Kinds whose architecture supplies no translator have no supported types here, and the loader's
 * error says so; pass your own with {@code Criteria.optTranslator}.
 */
public final class SuiteTranslatorFactory implements TranslatorFactory {

    private final DataKind kind;
    private final int inputs;
    private final List<String> classes;
    private final TranslatorFactory own;

    /**
     * @param kind    the kind the model was trained on
     * @param inputs  the feature count (the last axis of the stored input shape)
     * @param classes class names in output order
     */
    public SuiteTranslatorFactory(DataKind kind, int inputs, List<String> classes) {
        this(kind, inputs, classes, null);
    }

    /**
     * @param kind    the kind the model was trained on
     * @param inputs  the feature count (the last axis of the stored input shape)
     * @param classes class names in output order
     * @param own     the architecture's own translators (asked first), or null
     */
    public SuiteTranslatorFactory(DataKind kind, int inputs, List<String> classes, TranslatorFactory own) {
        this.kind = kind;
        this.inputs = inputs;
        this.classes = List.copyOf(classes);
        this.own = own;
    }

    /** The kind this factory translates for. */
    public DataKind kind() {
        return kind;
    }

    @Override
    public Set<Pair<Type, Type>> getSupportedTypes() {
        Set<Pair<Type, Type>> set = new LinkedHashSet<>();
        if (own != null) {
            set.addAll(own.getSupportedTypes());
        }
        if (kind == DataKind.VECTORS) {
            set.add(new Pair<>(float[].class, Classifications.class));
            set.add(new Pair<>(NDArray.class, Classifications.class));
            set.add(new Pair<>(float[].class, float[].class));
        }
        return set;
    }

    /** The supported pairs as text, e.g. {@code (float[], Classifications)}, for error messages. */
    public String describeSupportedTypes() {
        if (getSupportedTypes().isEmpty()) {
            return "none: the suite has no translator for " + kind.description() + " yet (docs/zoo.md);"
                    + " pass one with Criteria.optTranslator";
        }
        StringBuilder sb = new StringBuilder();
        for (Pair<Type, Type> p : getSupportedTypes()) {
            sb.append(sb.length() == 0 ? "" : ", ").append('(').append(simple(p.getKey())).append(", ")
                    .append(simple(p.getValue())).append(')');
        }
        return sb.toString();
    }

    private static String simple(Type t) {
        return t instanceof Class<?> c ? c.getSimpleName() : t.getTypeName();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Translator<I, O> newInstance(Class<I> input, Class<O> output, Model model, Map<String, ?> arguments)
            throws TranslateException {
        if (own != null && own.isSupported(input, output)) {
            return own.newInstance(input, output, model, arguments);
        }
        if (kind == DataKind.VECTORS) {
            VectorTranslator<?, ?> t = null;
            if (input == float[].class && output == Classifications.class) {
                t = VectorTranslator.classifications(inputs, classes);
            } else if (input == NDArray.class && output == Classifications.class) {
                t = VectorTranslator.ndArrayClassifications(inputs, classes);
            } else if (input == float[].class && output == float[].class) {
                t = VectorTranslator.probabilities(inputs, classes);
            }
            if (t != null) {
                String shift = model == null ? null : model.getProperty(Supervised.INPUT_SHIFT);
                String scale = model == null ? null : model.getProperty(Supervised.INPUT_SCALE);
                if (shift != null || scale != null) {
                    try {
                        t = t.withInputScaling(floats(shift), floats(scale));
                    } catch (RuntimeException e) {
                        throw new TranslateException("the model's input scaling (" + Supervised.INPUT_SHIFT + ", "
                                + Supervised.INPUT_SCALE + ") is malformed: " + e.getMessage(), e);
                    }
                }
                return (Translator<I, O>) t;
            }
        }
        throw new TranslateException("no suite translator from " + input.getSimpleName() + " to "
                + output.getSimpleName() + " for " + kind.description() + "; supported: " + describeSupportedTypes());
    }

    private static float[] floats(String json) {
        if (json == null) {
            throw new IllegalArgumentException("one of the two is missing");
        }
        JsonArray a = JsonParser.parseString(json).getAsJsonArray();
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsFloat();
        }
        return v;
    }
}
