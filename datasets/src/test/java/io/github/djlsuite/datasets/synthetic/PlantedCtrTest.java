package io.github.djlsuite.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.synthetic.PlantedCtr.Data;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlantedCtrTest {

    private static final int[] VOCAB = {5, 4, 6};

    @Test
    void deterministicPerSeedAndProbabilitiesMatchTheFormula() {
        Data a = PlantedCtr.generate(VOCAB, 1000, 0, 1, -0.5, 0.5, 1.5, 9);
        Data b = PlantedCtr.generate(VOCAB, 1000, 0, 1, -0.5, 0.5, 1.5, 9);
        Data c = PlantedCtr.generate(VOCAB, 1000, 0, 1, -0.5, 0.5, 1.5, 10);
        assertArrayEquals(a.rows(), b.rows());
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.probabilities(), b.probabilities());
        assertFalse(Arrays.equals(a.rows(), c.rows()));
        assertEquals(3000, a.rows().length);
        assertArrayEquals(new int[] {0, 5, 9}, a.offsets());
        for (int i = 0; i < a.size(); i++) {
            int x0 = a.value(i, 0);
            int x1 = a.value(i, 1);
            int x2 = a.value(i, 2);
            assertTrue(x0 < 5 && x1 < 4 && x2 < 6 && x0 >= 0 && x1 >= 0 && x2 >= 0);
            double logit = -0.5 + a.fieldEffects()[0][x0] + a.fieldEffects()[1][x1] + a.fieldEffects()[2][x2]
                    + 1.5 * a.interactionA()[x0] * a.interactionB()[x1];
            assertEquals(1 / (1 + Math.exp(-logit)), a.probabilities()[i], 1e-12);
            assertTrue(a.labels()[i] == 0 || a.labels()[i] == 1);
        }
    }

    @Test
    void trueProbabilitiesBeatBaseRateAndBestAdditiveFit() {
        Data d = PlantedCtr.generate(VOCAB, 20000, 0, 1, 0.0, 0.5, 2.0, 3);
        double truth = d.logLoss(d.probabilities());
        double base = d.logLoss(filled(d.size(), mean(d.labels())));
        double additive = d.logLoss(fitAdditive(d));
        assertTrue(truth < base - 0.02, truth + " vs base " + base);
        assertTrue(additive < base, "additive fit works: " + additive + " vs " + base);
        assertTrue(truth < additive - 0.02, truth + " vs additive " + additive);
        // control: without the interaction, the additive fit is as good as the truth (in-sample)
        Data flat = PlantedCtr.generate(VOCAB, 20000, 0, 1, 0.0, 0.5, 0.0, 3);
        assertEquals(flat.logLoss(flat.probabilities()), flat.logLoss(fitAdditive(flat)), 0.005);
    }

    @Test
    void interactionIsVisibleInConditionalClickRates() {
        Data d = PlantedCtr.generate(VOCAB, 40000, 0, 1, 0.0, 0.3, 2.0, 4);
        int aHi = argmax(d.interactionA());
        int aLo = argmin(d.interactionA());
        int bHi = argmax(d.interactionB());
        int bLo = argmin(d.interactionB());
        double contrast = logitRate(d, aHi, bHi) - logitRate(d, aLo, bHi) - logitRate(d, aHi, bLo)
                + logitRate(d, aLo, bLo);
        double planted = 2.0 * (d.interactionA()[aHi] - d.interactionA()[aLo])
                * (d.interactionB()[bHi] - d.interactionB()[bLo]);
        // attenuated by marginalising field 2, but clearly positive and of the planted order
        assertTrue(contrast > 0.3 * planted && contrast < 1.5 * planted, contrast + " vs planted " + planted);
        Data flat = PlantedCtr.generate(VOCAB, 40000, 0, 1, 0.0, 0.3, 0.0, 4);
        double none = logitRate(flat, aHi, bHi) - logitRate(flat, aLo, bHi) - logitRate(flat, aHi, bLo)
                + logitRate(flat, aLo, bLo);
        assertTrue(Math.abs(none) < 0.3 * planted, "no interaction planted: " + none);
    }

    @Test
    void datasetShapes() throws Exception {
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            Data d = PlantedCtr.generate(VOCAB, 10, 0, 2, 0, 1, 1, 1);
            Batch batch = d.toDataset(m, 4, false).getData(m).iterator().next();
            assertEquals(4, batch.getData().head().getShape().get(0));
            assertEquals(3, batch.getData().head().getShape().get(1));
            assertEquals(1, batch.getLabels().head().getShape().get(1));
            assertEquals(d.value(0, 2), batch.getData().head().getInt(0, 2));
            assertEquals(d.labels()[0], batch.getLabels().head().getFloat(0, 0), 0);
            batch.close();
        }
    }

    /** Full-batch gradient descent on one-hot logistic regression (bias + per-field effects), in-sample. */
    private static double[] fitAdditive(Data d) {
        int nf = d.numFields();
        double[][] w = new double[nf][];
        for (int f = 0; f < nf; f++) {
            w[f] = new double[d.vocabSizes()[f]];
        }
        double b = 0;
        int n = d.size();
        double[] p = new double[n];
        for (int it = 0; it < 1500; it++) {
            double[][] g = new double[nf][];
            for (int f = 0; f < nf; f++) {
                g[f] = new double[w[f].length];
            }
            double gb = 0;
            for (int i = 0; i < n; i++) {
                double s = b;
                for (int f = 0; f < nf; f++) {
                    s += w[f][d.value(i, f)];
                }
                p[i] = 1 / (1 + Math.exp(-s));
                double e = p[i] - d.labels()[i];
                gb += e;
                for (int f = 0; f < nf; f++) {
                    g[f][d.value(i, f)] += e;
                }
            }
            double lr = 1.0;
            b -= lr * gb / n;
            for (int f = 0; f < nf; f++) {
                for (int v = 0; v < w[f].length; v++) {
                    // per-value step scaled by its frequency (~1/vocab): diagonal preconditioning
                    w[f][v] -= lr * w[f].length * g[f][v] / n;
                }
            }
        }
        return p;
    }

    private static double logitRate(Data d, int a, int b) {
        int clicks = 0;
        int total = 0;
        for (int i = 0; i < d.size(); i++) {
            if (d.value(i, 0) == a && d.value(i, 1) == b) {
                total++;
                clicks += d.labels()[i];
            }
        }
        double r = (clicks + 0.5) / (total + 1.0);
        return Math.log(r / (1 - r));
    }

    private static double mean(int[] y) {
        double s = 0;
        for (int v : y) {
            s += v;
        }
        return s / y.length;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static int argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int argmin(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] < a[best]) {
                best = i;
            }
        }
        return best;
    }
}
