package io.github.djlsuite.core.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** Reads one column of {@code (B, T)} labels and predictions into Java arrays, checking the shapes. */
final class BinaryColumn {

    private BinaryColumn() {}

    /** {@code {labels, predictions}} of column {@code column}, each of length B. */
    static float[][] read(String evaluator, int column, NDList labels, NDList predictions) {
        NDArray y = labels.head();
        NDArray p = predictions.head();
        Shape ys = y.getShape();
        Shape ps = p.getShape();
        long b = ps.dimension() == 0 ? 1 : ps.get(0);
        long t = ps.dimension() <= 1 ? 1 : ps.size() / b;
        long ty = ys.dimension() <= 1 ? 1 : ys.size() / Math.max(1, ys.get(0));
        if (ys.dimension() == 0 || ys.get(0) != b || ty != t) {
            throw new IllegalArgumentException(evaluator + ": labels " + ys + " do not match predictions " + ps
                    + " (expected (B, T) for both)");
        }
        if (column < 0 || column >= t) {
            throw new IllegalArgumentException(evaluator + ": label column " + column + " out of range, the"
                    + " predictions " + ps + " have " + t + " column(s)");
        }
        float[] yAll = y.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[] pAll = p.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        if (t == 1) {
            return new float[][] {yAll, pAll};
        }
        float[] yc = new float[(int) b];
        float[] pc = new float[(int) b];
        for (int i = 0; i < b; i++) {
            yc[i] = yAll[(int) (i * t + column)];
            pc[i] = pAll[(int) (i * t + column)];
        }
        return new float[][] {yc, pc};
    }

    /** A growable float array. */
    static final class Floats {
        float[] data = new float[1024];
        int size;

        void addAll(float[] v) {
            if (size + v.length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + v.length));
            }
            System.arraycopy(v, 0, data, size, v.length);
            size += v.length;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
