package io.github.djlsuite.datasets.synthetic;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * KAN-style function-fitting targets with a known closed form (the S-KAN and KAN papers'
 * benchmark, reduced as ../shared/papers/skan.md describes). Inputs are uniform in
 * {@code [-1, 1]^d}; the label is the exact function value, no noise, so a model's test RMSE
 * measures how well it recovered the function.
 */
public final class FunctionFitting {

    /** The targets: the ground truth is {@link #value(double...)}. */
    public enum Target {
        /** f1(x) = sin(20x)·exp(-x²): stands in for the paper's Bessel J0(20x), same oscillation. */
        F1_SIN20("f1", "sin(20x)·exp(-x²)", 1, x -> Math.sin(20 * x[0]) * Math.exp(-x[0] * x[0])),
        /** f2(x, y) = exp(sin(πx) + y²). */
        F2_EXP_SIN("f2", "exp(sin(πx)+y²)", 2, x -> Math.exp(Math.sin(Math.PI * x[0]) + x[1] * x[1])),
        /** f3(x, y) = x·y. */
        F3_PRODUCT("f3", "x·y", 2, x -> x[0] * x[1]),
        /** f4(x1..x4) = exp(½(sin(π(x1²+x2²)) + sin(π(x3²+x4²)))). */
        F4_HIGH_DIM("f4", "exp(½(sin(π(x1²+x2²))+sin(π(x3²+x4²))))", 4,
                x -> Math.exp(0.5 * (Math.sin(Math.PI * (x[0] * x[0] + x[1] * x[1]))
                        + Math.sin(Math.PI * (x[2] * x[2] + x[3] * x[3])))));

        private final String id;
        private final String formula;
        private final int inputs;
        private final ToDoubleFunction<double[]> f;

        Target(String id, String formula, int inputs, ToDoubleFunction<double[]> f) {
            this.id = id;
            this.formula = formula;
            this.inputs = inputs;
            this.f = f;
        }

        /** Short id, {@code f1}..{@code f4}. */
        public String id() {
            return id;
        }

        /** The formula, for reports. */
        public String formula() {
            return formula;
        }

        /** Input dimension d. */
        public int inputs() {
            return inputs;
        }

        /** The exact function value at {@code x} (length d). */
        public double value(double... x) {
            if (x.length != inputs) {
                throw new IllegalArgumentException(id + " takes " + inputs + " inputs, got " + x.length);
            }
            return f.applyAsDouble(x);
        }
    }

    /**
     * A sample of {@code n} points: {@code x} row-major (n, d) and {@code y} (n, 1).
     *
     * @param target which function
     * @param x      inputs, row-major
     * @param y      exact targets
     */
    public record Sample(Target target, float[] x, float[] y) {

        /** Number of points. */
        public int size() {
            return y.length;
        }

        /** Variance of the targets: the MSE of always predicting their mean (for context in reports). */
        public double targetVariance() {
            double mean = 0;
            for (float v : y) {
                mean += v;
            }
            mean /= y.length;
            double var = 0;
            for (float v : y) {
                var += (v - mean) * (v - mean);
            }
            return var / y.length;
        }

        /** The sample as a DJL dataset on {@code manager}: data (n, d), labels (n, 1). */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            return new ArrayDataset.Builder()
                    .setData(manager.create(x, new Shape(size(), target.inputs())))
                    .optLabels(manager.create(y, new Shape(size(), 1)))
                    .setSampling(Math.min(batchSize, size()), shuffle)
                    .build();
        }
    }

    private FunctionFitting() {}

    /** {@code n} points uniform in {@code [-1,1]^d} from {@code seed}; the same seed gives the same points. */
    public static Sample sample(Target target, int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be > 0, got " + n);
        }
        Random r = new Random(seed);
        int d = target.inputs();
        float[] x = new float[n * d];
        float[] y = new float[n];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = 2 * r.nextDouble() - 1;
                x[i * d + j] = (float) row[j];
            }
            y[i] = (float) target.value(row);
        }
        return new Sample(target, x, y);
    }
}
