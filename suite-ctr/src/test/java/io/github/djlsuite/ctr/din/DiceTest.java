package io.github.djlsuite.ctr.din;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.djlsuite.core.testing.EngineSupport;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DiceTest {

    static final int N = 6;
    static final int H = 3;

    static float[] gaussian(int n, long seed, double scale, double shift) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (shift + scale * r.nextGaussian());
        }
        return v;
    }

    static Parameter param(ai.djl.nn.Block b, String suffix) {
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter *" + suffix);
    }

    static NDArray trainingForward(ai.djl.nn.Block b, NDManager m, NDArray x) {
        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
            return b.forward(new ParameterStore(m, false), new NDList(x), true).head();
        }
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void alphaZeroGivesGateTimesInputWithBatchStatistics(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            Dice dice = Dice.builder().build();
            EngineSupport.initialize(dice, m, new Shape(N, H));
            float[] x = gaussian(N * H, 2, 1.5, 0.7);
            float[] out = trainingForward(dice, m, m.create(x, new Shape(N, H))).toFloatArray();
            for (int h = 0; h < H; h++) {
                double mean = 0;
                for (int i = 0; i < N; i++) {
                    mean += x[i * H + h] / (double) N;
                }
                double var = 0;
                for (int i = 0; i < N; i++) {
                    var += Math.pow(x[i * H + h] - mean, 2) / N;
                }
                for (int i = 0; i < N; i++) {
                    double s = x[i * H + h];
                    double p = sigmoid((s - mean) / Math.sqrt(var + 1e-8));
                    assertEquals(p * s, out[i * H + h], 1e-5, "row " + i + " column " + h);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void inferenceUsesRunningStatisticsAndIsBatchIndependent(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            Dice dice = Dice.builder().build();
            EngineSupport.initialize(dice, m, new Shape(N, H));
            float[] mu = {0.5f, -1f, 2f};
            float[] var = {4f, 0.25f, 1f};
            float[] alpha = {0.3f, -0.2f, 0f};
            param(dice, "runningMean").getArray().set(mu);
            param(dice, "runningVar").getArray().set(var);
            dice.alpha().getArray().set(alpha);
            float[] x = gaussian(N * H, 3, 2, 0);
            float[] out = EngineSupport.forward(dice, m, m.create(x, new Shape(N, H))).head().toFloatArray();
            for (int i = 0; i < N; i++) {
                for (int h = 0; h < H; h++) {
                    double s = x[i * H + h];
                    double p = sigmoid((s - mu[h]) / Math.sqrt(var[h] + 1e-8));
                    assertEquals(p * s + (1 - p) * alpha[h] * s, out[i * H + h], 1e-5);
                }
            }
            // one sample alone gives the same output as inside the batch
            float[] row = java.util.Arrays.copyOfRange(x, 2 * H, 3 * H);
            float[] alone = EngineSupport.forward(dice, m, m.create(row, new Shape(1, H))).head().toFloatArray();
            EngineSupport.assertAllClose(java.util.Arrays.copyOfRange(out, 2 * H, 3 * H), alone, 0);
            // in training mode the same row does depend on the rest of the batch
            float[] t1 = trainingForward(dice, m, m.create(x, new Shape(N, H))).toFloatArray();
            float[] x2 = x.clone();
            for (int i = 0; i < H; i++) {
                x2[i] += 5; // change row 0 only
            }
            float[] t2 = trainingForward(dice, m, m.create(x2, new Shape(N, H))).toFloatArray();
            double diff = 0;
            for (int i = 2 * H; i < 3 * H; i++) {
                diff = Math.max(diff, Math.abs(t1[i] - t2[i]));
            }
            assertTrue(diff > 1e-3, "training-mode output of row 2 should move with row 0, max diff " + diff);
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void runningMeanFollowsTheDocumentedMomentumConvention(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            Dice dice = Dice.builder().build(); // DJL 0.99 = PyTorch 0.01
            EngineSupport.initialize(dice, m, new Shape(N, H));
            float[] x = gaussian(N * H, 4, 1, 3);
            // a full training step: MXNet updates the running statistics in the backward pass, which
            // only reaches the normalisation when something before it needs a gradient (the input here)
            NDArray in = m.create(x, new Shape(N, H));
            in.setRequiresGradient(true);
            EngineSupport.gradientNorms(dice, m, in);
            float[] running = param(dice, "runningMean").getArray().toFloatArray();
            for (int h = 0; h < H; h++) {
                double mean = 0;
                for (int i = 0; i < N; i++) {
                    mean += x[i * H + h] / (double) N;
                }
                assertEquals(0.01 * mean, running[h], 1e-5, "column " + h);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void stepGateIsPrelu(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            Dice prelu = Dice.prelu(0.25f);
            assertEquals(Dice.Gate.STEP, prelu.gate());
            EngineSupport.initialize(prelu, m, new Shape(N, H));
            float[] alpha = {0.25f, -0.5f, 2f};
            prelu.alpha().getArray().set(alpha);
            float[] x = gaussian(N * H, 5, 1, 0);
            for (boolean training : new boolean[] {false, true}) {
                float[] out = training ? trainingForward(prelu, m, m.create(x, new Shape(N, H))).toFloatArray()
                        : EngineSupport.forward(prelu, m, m.create(x, new Shape(N, H))).head().toFloatArray();
                for (int i = 0; i < x.length; i++) {
                    double s = x[i];
                    assertEquals(Math.max(s, 0) + alpha[i % H] * Math.min(s, 0), out[i], 1e-6);
                }
            }
            assertEquals(1, prelu.getParameters().size(), "PReLU has α only, no statistics");
        }
    }

    @Test
    void builderRejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> Dice.builder().optEpsilon(0).build());
        assertThrows(IllegalArgumentException.class, () -> Dice.builder().optMomentum(1).build());
    }
}
