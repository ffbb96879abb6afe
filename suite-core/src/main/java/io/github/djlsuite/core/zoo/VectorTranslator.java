package io.github.djlsuite.core.zoo;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Translator for models on {@code VECTORS} data (flattened images, standardised table rows): one
 * input vector of {@code inputs} floats in, the class probabilities out.
 *
 * <p>Input: {@code float[inputs]} or an {@link NDArray} of shape {@code (inputs)} (from any manager
 * or engine: it is copied onto the predictor's). The vector must be what the model was trained on,
 * as the version's {@code input} property says: MNIST pixels scaled to [0, 1], UCI features
 * standardised with the training split's mean and standard deviation. Batches are stacked to
 * {@code (B, inputs)}.
 *
 * <p>Output: the Block's logits {@code z} of shape {@code (classes)} become
 * {@code p_k = exp(z_k) / sum_j exp(z_j)}, returned as {@link Classifications} (named classes,
 * best first through {@code best()}/{@code topK()}) or as {@code float[classes]} in class order.
 *
 * @param <I> {@code float[]} or {@link NDArray}
 * @param <O> {@link Classifications} or {@code float[]}
 */
public final class VectorTranslator<I, O> implements Translator<I, O> {

    private final int inputs;
    private final List<String> classes;
    private final BiFunction<List<String>, NDArray, O> output;

    private VectorTranslator(int inputs, List<String> classes, BiFunction<List<String>, NDArray, O> output) {
        if (inputs <= 0 || classes.isEmpty()) {
            throw new IllegalArgumentException("inputs and classes must be > 0, got " + inputs + " and " + classes);
        }
        this.inputs = inputs;
        this.classes = List.copyOf(classes);
        this.output = output;
    }

    /** {@code float[inputs]} in, {@link Classifications} over {@code classes} out. */
    public static VectorTranslator<float[], Classifications> classifications(int inputs, List<String> classes) {
        return new VectorTranslator<>(inputs, classes, VectorTranslator::toClassifications);
    }

    /** {@link NDArray} {@code (inputs)} in, {@link Classifications} out. */
    public static VectorTranslator<NDArray, Classifications> ndArrayClassifications(int inputs, List<String> classes) {
        return new VectorTranslator<>(inputs, classes, VectorTranslator::toClassifications);
    }

    /** {@code float[inputs]} in, probabilities {@code float[classes]} in class order out. */
    public static VectorTranslator<float[], float[]> probabilities(int inputs, List<String> classes) {
        return new VectorTranslator<>(inputs, classes, (names, p) -> p.toFloatArray());
    }

    private static Classifications toClassifications(List<String> names, NDArray p) {
        return new Classifications(names, p);
    }

    /** Number of input features. */
    public int inputs() {
        return inputs;
    }

    /** The class names, in the order of the Block's outputs. */
    public List<String> classes() {
        return classes;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, I input) throws TranslateException {
        NDArray x;
        if (input instanceof float[] v) {
            if (v.length != inputs) {
                throw new TranslateException("input has " + v.length + " values, the model takes " + inputs);
            }
            x = ctx.getNDManager().create(v);
        } else if (input instanceof NDArray a) {
            if (a.getShape().size() != inputs || a.getShape().dimension() > 1 && a.getShape().get(0) != inputs) {
                throw new TranslateException("input has shape " + a.getShape() + ", the model takes (" + inputs + ")");
            }
            // copied element by element: nothing is allocated on the caller's manager or engine
            Number[] values = a.toArray();
            float[] v = new float[values.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = values[i].floatValue();
            }
            x = ctx.getNDManager().create(v);
        } else {
            throw new TranslateException("input must be float[] or NDArray, got "
                    + (input == null ? "null" : input.getClass().getName()));
        }
        return new NDList(x);
    }

    @Override
    public O processOutput(TranslatorContext ctx, NDList list) throws TranslateException {
        NDArray logits = list.singletonOrThrow();
        if (logits.getShape().size() != classes.size()) {
            throw new TranslateException("the model returned shape " + logits.getShape() + ", expected "
                    + classes.size() + " class logits");
        }
        return output.apply(classes, logits.reshape(classes.size()).softmax(0));
    }

    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
