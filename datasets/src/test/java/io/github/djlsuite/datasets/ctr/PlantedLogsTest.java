package io.github.djlsuite.datasets.ctr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.datasets.synthetic.PlantedCtr;
import io.github.djlsuite.datasets.synthetic.PlantedCtr.Logs;
import io.github.djlsuite.datasets.synthetic.PlantedCtr.LogsConfig;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FinalMLP configuration of the planted generator (papers/finalmlp.md, reproduction item 2). */
class PlantedLogsTest {

    private static Logs logs;

    @BeforeAll
    static void generate() {
        logs = PlantedCtr.finalMlp(50_000, 11);
    }

    private static double variance(double[] x) {
        double m = Arrays.stream(x).average().orElse(0);
        return Arrays.stream(x).map(v -> (v - m) * (v - m)).average().orElse(0);
    }

    @Test
    void configurationMatchesTheSpec() {
        LogsConfig c = LogsConfig.finalMlp();
        assertEquals(12, c.vocabSizes().length);
        assertTrue(Arrays.stream(c.vocabSizes()).allMatch(v -> v >= 20 && v <= 1000));
        assertEquals(20, Arrays.stream(c.vocabSizes()).min().orElseThrow());
        assertEquals(1000, Arrays.stream(c.vocabSizes()).max().orElseThrow());
        assertEquals(2, Arrays.stream(c.interactionFields()).filter(f -> f.length == 2).count());
        assertEquals(1, Arrays.stream(c.interactionFields()).filter(f -> f.length == 3).count());
        assertEquals(0.2, c.targetCtr());
        assertThrows(IllegalArgumentException.class, () -> new LogsConfig(new int[] {3, 3}, 1, 0.1,
                new int[][] {{0, 0}}, new double[] {1}, 0, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new LogsConfig(new int[] {3, 3}, 1, 0.1,
                new int[][] {{0, 1}}, new double[] {1}, 0, 1.2));
    }

    @Test
    void deterministicPerSeed() {
        Logs a = PlantedCtr.finalMlp(2000, 3);
        Logs b = PlantedCtr.finalMlp(2000, 3);
        assertArrayEquals(a.rows(), b.rows());
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.probabilities(), b.probabilities());
        assertFalse(Arrays.equals(a.rows(), PlantedCtr.finalMlp(2000, 4).rows()));
    }

    @Test
    void calibratedToTwentyPercent() {
        double meanP = Arrays.stream(logs.probabilities()).average().orElseThrow();
        assertEquals(0.2, meanP, 1e-9, "the bias solves mean p = 0.2 on the drawn rows");
        assertEquals(0.2, logs.ctr(), 0.02, "empirical CTR within 2 points");
    }

    @Test
    void logitsAreMainEffectsPlusInteractions() {
        for (int i = 0; i < 500; i++) {
            int[] row = logs.row(i);
            assertEquals(logs.bias() + logs.mainTerm(row) + logs.interactionTerm(row), logs.logits()[i], 1e-9);
            double third = logs.interactions().get(2).scale();
            for (int j = 0; j < 3; j++) {
                third *= logs.interactions().get(2).factors()[j][row[logs.interactions().get(2).fields()[j]]];
            }
            assertEquals(third, logs.interactions().get(2).term(row), 1e-12);
            // the noise is small: probabilities stay close to sigmoid(logit)
            double p = 1 / (1 + Math.exp(-logs.logits()[i]));
            assertTrue(Math.abs(p - logs.probabilities()[i]) < 0.35);
        }
    }

    @Test
    void interactionsCarryAMeasurableShareOfTheLogitVariance() {
        int n = logs.size();
        double[] inter = new double[n];
        double[][] each = new double[3][n];
        for (int i = 0; i < n; i++) {
            int[] row = logs.row(i);
            inter[i] = logs.interactionTerm(row);
            for (int k = 0; k < 3; k++) {
                each[k][i] = logs.interactions().get(k).term(row);
            }
        }
        double total = variance(logs.logits());
        double share = variance(inter) / total;
        assertTrue(share > 0.3 && share < 0.9, "interaction share " + share);
        for (int k = 0; k < 3; k++) {
            assertTrue(variance(each[k]) / total > 0.05, "interaction " + k + ": " + variance(each[k]) / total);
        }
    }

    @Test
    void valuesAreZipfDistributed() {
        int f = 11; // vocabulary 1000, exponent 1: P(0) = 1 / H_1000
        int[] count = new int[1000];
        for (int i = 0; i < logs.size(); i++) {
            count[logs.value(i, f)]++;
        }
        double h = 0;
        for (int v = 1; v <= 1000; v++) {
            h += 1.0 / v;
        }
        assertEquals(1 / h, count[0] / (double) logs.size(), 0.01);
        assertEquals(0.5 / h, count[1] / (double) logs.size(), 0.01);
        assertTrue(count[0] > count[1] && count[1] > count[3] && count[3] > count[20]);
    }

    @Test
    void additiveLogisticRegressionMissesThePlantedInteractions() {
        // logistic regression on one-hot fields, Adagrad, 4 passes: in-sample log-loss of the best additive model
        int nf = logs.numFields();
        double[][] w = new double[nf][];
        double[][] g2 = new double[nf][];
        for (int f = 0; f < nf; f++) {
            w[f] = new double[logs.vocabSizes()[f]];
            g2[f] = new double[logs.vocabSizes()[f]];
        }
        double b = 0;
        double gb = 0;
        double lr = 0.1;
        for (int epoch = 0; epoch < 4; epoch++) {
            for (int i = 0; i < logs.size(); i++) {
                double z = b;
                for (int f = 0; f < nf; f++) {
                    z += w[f][logs.value(i, f)];
                }
                double g = 1 / (1 + Math.exp(-z)) - logs.labels()[i];
                gb += g * g;
                b -= lr * g / Math.sqrt(gb + 1e-8);
                for (int f = 0; f < nf; f++) {
                    int v = logs.value(i, f);
                    g2[f][v] += g * g;
                    w[f][v] -= lr * g / Math.sqrt(g2[f][v] + 1e-8);
                }
            }
        }
        double[] p = new double[logs.size()];
        for (int i = 0; i < p.length; i++) {
            double z = b;
            for (int f = 0; f < nf; f++) {
                z += w[f][logs.value(i, f)];
            }
            p[i] = 1 / (1 + Math.exp(-z));
        }
        double additive = logs.logLoss(p);
        double truth = logs.logLoss(logs.probabilities());
        double base = logs.logLoss(filled(logs.size(), logs.ctr()));
        assertTrue(additive < base - 0.01, "additive " + additive + " vs base rate " + base);
        assertTrue(truth < additive - 0.03, "truth " + truth + " vs additive " + additive);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
