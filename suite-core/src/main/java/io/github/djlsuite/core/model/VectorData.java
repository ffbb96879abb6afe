package io.github.djlsuite.core.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.List;

/**
 * Classification data as flat float vectors: the payload of {@link DataKind#VECTORS}.
 *
 * @param trainX     training features, row-major (n_train, inputs)
 * @param trainY     training labels in {@code 0..classes-1}
 * @param validX     validation features (may be empty)
 * @param validY     validation labels
 * @param testX      test features
 * @param testY      test labels
 * @param inputs     feature count per example
 * @param classNames one name per class
 * @param splitNote  how the three parts were made (printed with the results)
 * @param inputShift per-feature shift of the standardisation applied to the raw features, or null for none
 * @param inputScale per-feature scale: stored x = (raw − inputShift) / inputScale; null for none
 */
public record VectorData(float[] trainX, int[] trainY, float[] validX, int[] validY, float[] testX, int[] testY,
        int inputs, List<String> classNames, String splitNote, float[] inputShift, float[] inputScale) {

    /** The three parts. */
    public enum Part { TRAIN, VALIDATION, TEST }

    public VectorData {
        classNames = List.copyOf(classNames);
        check("train", trainX, trainY, inputs);
        check("validation", validX, validY, inputs);
        check("test", testX, testY, inputs);
        if ((inputShift == null) != (inputScale == null) || inputShift != null
                && (inputShift.length != inputs || inputScale.length != inputs)) {
            throw new IllegalArgumentException("input shift and scale come together, " + inputs + " values each");
        }
    }

    /** Features used as they are (no standardisation to undo or to serve). */
    public VectorData(float[] trainX, int[] trainY, float[] validX, int[] validY, float[] testX, int[] testY,
            int inputs, List<String> classNames, String splitNote) {
        this(trainX, trainY, validX, validY, testX, testY, inputs, classNames, splitNote, null, null);
    }

    /** Whether the stored features are standardised raw features ({@link #inputShift}, {@link #inputScale}). */
    public boolean standardised() {
        return inputShift != null;
    }

    /** Test example {@code i} as raw features (the standardisation undone), for serving examples. */
    public float[] rawTestExample(int i) {
        float[] x = java.util.Arrays.copyOfRange(testX, i * inputs, (i + 1) * inputs);
        if (inputShift != null) {
            for (int c = 0; c < inputs; c++) {
                x[c] = x[c] * inputScale[c] + inputShift[c];
            }
        }
        return x;
    }

    private static void check(String part, float[] x, int[] y, int inputs) {
        if (inputs <= 0 || x.length != (long) y.length * inputs) {
            throw new IllegalArgumentException(part + ": " + x.length + " values for " + y.length
                    + " labels of " + inputs + " features");
        }
    }

    /** Number of classes. */
    public int classes() {
        return classNames.size();
    }

    /** Number of examples in a part. */
    public int size(Part part) {
        return labels(part).length;
    }

    private int[] labels(Part part) {
        return switch (part) {
            case TRAIN -> trainY;
            case VALIDATION -> validY;
            case TEST -> testY;
        };
    }

    /**
     * A part as a DJL dataset: data float32 (n, inputs), labels float32 (n) (DJL's
     * softmax cross-entropy and Accuracy take float class indices), or null for an empty part.
     */
    public ArrayDataset dataset(Part part, NDManager manager, int batchSize, boolean shuffle) {
        int[] y = labels(part);
        if (y.length == 0) {
            return null;
        }
        float[] x = switch (part) {
            case TRAIN -> trainX;
            case VALIDATION -> validX;
            case TEST -> testX;
        };
        float[] yf = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            yf[i] = y[i];
        }
        return new ArrayDataset.Builder()
                .setData(manager.create(x, new Shape(y.length, inputs)))
                .optLabels(manager.create(yf, new Shape(y.length)))
                .setSampling(batchSize, shuffle)
                .build();
    }
}
