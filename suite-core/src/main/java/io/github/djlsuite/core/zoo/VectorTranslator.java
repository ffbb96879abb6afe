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
 * or engine: it is copied onto the predictor's). MNIST models take pixels scaled to [0, 1], as the
 * version's {@code input} property says. Models trained on standardised features (UCI tables) take raw
 * measurements: the zoo loader adds the training split's mean and standard deviation, stored with the
 * model, through {@link #withInputScaling}. Batches are stacked to {@code (B, inputs)}.
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
    private final float[] shift;
    private final float[] scale;

    private VectorTranslator(int inputs, List<String> classes, BiFunction<List<String>, NDArray, O> output,
            float[] shift, float[] scale) {
        if (inputs <= 0 || classes.isEmpty()) {
            throw new IllegalArgumentException("inputs and classes must be > 0, got " + inputs + " and " + classes);
        }
        this.inputs = inputs;
        this.classes = List.copyOf(classes);
        this.output = output;
        this.shift = shift;
        this.scale = scale;
    }

    private VectorTranslator(int inputs, List<String> classes, BiFunction<List<String>, NDArray, O> output) {
        this(inputs, classes, output, null, null);
    }

    /**
     * This translator, with raw inputs mapped to the model's as {@code (x − shift) / scale} per feature before
     * the forward pass (the standardisation the model was trained with; {@link
     * io.github.djlsuite.core.model.VectorData#inputShift}).
     *
     * @throws IllegalArgumentException unless both arrays have {@code inputs} finite values and every scale is
     *                                  positive
     */
    public VectorTranslator<I, O> withInputScaling(float[] shift, float[] scale) {
        if (shift.length != inputs || scale.length != inputs) {
            throw new IllegalArgumentException("input scaling needs " + inputs + " shifts and scales, got "
                    + shift.length + " and " + scale.length);
        }
        for (int i = 0; i < inputs; i++) {
            if (!Float.isFinite(shift[i]) || !(scale[i] > 0) || !Float.isFinite(scale[i])) {
                throw new IllegalArgumentException("input scaling of feature " + i + " is shift " + shift[i]
                        + ", scale " + scale[i] + "; need finite values and a positive scale");
            }
        }
        return new VectorTranslator<>(inputs, classes, output, shift.clone(), scale.clone());
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
            x = ctx.getNDManager().create(scaled(v));
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
            x = ctx.getNDManager().create(scaled(v));
        } else {
            throw new TranslateException("input must be float[] or NDArray, got "
                    + (input == null ? "null" : input.getClass().getName()));
        }
        return new NDList(x);
    }

    /** {@code v} mapped to the model's inputs: a scaled copy, or {@code v} itself without scaling. */
    private float[] scaled(float[] v) {
        if (shift == null) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] - shift[i]) / scale[i];
        }
        return out;
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
