package io.github.djlsuite.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;
import io.github.djlsuite.core.testing.EngineSupport;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BinaryMetricsTest {

    /** P(s+ > s-) + ½ P(s+ = s-) by counting all pairs. */
    private static double bruteForceAuc(float[] s, float[] y) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }

    @Test
    void aucMatchesBruteForcePairCountWithTies() {
        Random r = new Random(3);
        for (int trial = 0; trial < 5; trial++) {
            float[] s = new float[200];
            float[] y = new float[200];
            for (int i = 0; i < s.length; i++) {
                s[i] = r.nextInt(25) / 5f; // few distinct values: many ties
                y[i] = r.nextDouble() < 0.3 + 0.1 * s[i] ? 1 : 0;
            }
            assertEquals(bruteForceAuc(s, y), AucEvaluator.auc(s, y), 1e-12);
        }
    }

    @Test
    void aucHandComputedCase() {
        // positives 0.8, 0.4, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4)(0.8>0.1)(0.4=0.4)(0.4>0.1)(0.4=0.4)(0.4>0.1)
        // = 1 + 1 + ½ + 1 + ½ + 1 = 5 of 6
        float[] s = {0.8f, 0.4f, 0.4f, 0.4f, 0.1f};
        float[] y = {1, 1, 0, 1, 0};
        assertEquals(5.0 / 6, AucEvaluator.auc(s, y), 1e-12);
        assertEquals(1.0, AucEvaluator.auc(new float[] {0, 1}, new float[] {0, 1}), 0);
        assertEquals(0.5, AucEvaluator.auc(new float[] {2, 2, 2}, new float[] {0, 1, 1}), 0);
        assertTrue(Double.isNaN(AucEvaluator.auc(new float[] {1, 2}, new float[] {1, 1})));
    }

    @Test
    void logLossHandComputedAndClipped() {
        double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(1e-7)) / 3;
        assertEquals(expected, LogLossEvaluator.logLoss(new float[] {0.9f, 0.2f, 0f}, new float[] {1, 0, 1}), 1e-6);
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void evaluatorsAccumulateOneColumnAcrossBatches(String engine) {
        Random r = new Random(11);
        int n = 200;
        int t = 2;
        float[] logits = new float[n * t];
        float[] labels = new float[n * t];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) r.nextGaussian();
            labels[i] = r.nextDouble() < 1 / (1 + Math.exp(-2 * logits[i])) ? 1 : 0;
        }
        float[] s1 = new float[n];
        float[] y1 = new float[n];
        float[] p1 = new float[n];
        for (int i = 0; i < n; i++) {
            s1[i] = logits[i * t + 1];
            y1[i] = labels[i * t + 1];
            p1[i] = (float) (1 / (1 + Math.exp(-s1[i])));
        }
        AucEvaluator auc = new AucEvaluator("auc_task1", 1);
        LogLossEvaluator ll = new LogLossEvaluator("logloss_task1", 1, true);
        auc.addAccumulator("k");
        ll.addAccumulator("k");
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            for (int b = 0; b < n; b += 64) { // uneven batches: 64, 64, 64, 8
                int rows = Math.min(64, n - b);
                float[] lb = java.util.Arrays.copyOfRange(logits, b * t, (b + rows) * t);
                float[] yb = java.util.Arrays.copyOfRange(labels, b * t, (b + rows) * t);
                NDList y = new NDList(m.create(yb, new Shape(rows, t)));
                NDList p = new NDList(m.create(lb, new Shape(rows, t)));
                auc.updateAccumulator("k", y, p);
                ll.updateAccumulator("k", y, p);
            }
            assertEquals(bruteForceAuc(s1, y1), auc.getAccumulator("k"), 1e-6);
            assertEquals(LogLossEvaluator.logLoss(p1, y1), ll.getAccumulator("k"), 1e-5);
            auc.resetAccumulator("k");
            ll.resetAccumulator("k");
            assertTrue(Float.isNaN(ll.getAccumulator("k")));
            NDList bad = new NDList(m.create(new float[4], new Shape(4, 1)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> auc.updateAccumulator("k", bad, bad));
            assertTrue(e.getMessage().contains("column 1"), e.getMessage());
        }
    }

    /** DJL's sigmoid BCE on logits fits the (B, T) label layout and equals the clipped formula. */
    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void djlSigmoidBceOnLogitsEqualsTheFormula(String engine) {
        Random r = new Random(5);
        int n = 50;
        int t = 3;
        float[] logits = new float[n * t];
        float[] labels = new float[n * t];
        double expected = 0;
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (3 * r.nextGaussian());
            labels[i] = r.nextBoolean() ? 1 : 0;
            double p = Math.min(1 - 1e-7, Math.max(1e-7, 1 / (1 + Math.exp(-logits[i]))));
            expected -= labels[i] * Math.log(p) + (1 - labels[i]) * Math.log(1 - p);
        }
        expected /= logits.length;
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            float loss = Loss.sigmoidBinaryCrossEntropyLoss().evaluate(
                    new NDList(m.create(labels, new Shape(n, t))), new NDList(m.create(logits, new Shape(n, t))))
                    .getFloat();
            assertEquals(expected, loss, 1e-5);
        }
    }
}
