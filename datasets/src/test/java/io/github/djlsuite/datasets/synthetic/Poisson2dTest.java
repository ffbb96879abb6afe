package io.github.djlsuite.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.github.djlsuite.core.testing.EngineSupport;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Poisson2dTest {

    @Test
    void deterministicPerSeedWithShapes() {
        Poisson2d.Sample a = Poisson2d.generate(3, 17, 3, 1e-10, 1);
        Poisson2d.Sample b = Poisson2d.generate(3, 17, 3, 1e-10, 1);
        Poisson2d.Sample c = Poisson2d.generate(3, 17, 3, 1e-10, 2);
        assertArrayEquals(a.sources(), b.sources());
        assertArrayEquals(a.solutions(), b.solutions());
        assertFalse(Arrays.equals(a.sources(), c.sources()));
        assertEquals(3 * 17 * 17, a.sources().length);
        assertEquals(3 * 17 * 17, a.solutions().length);
        assertEquals(3 * 9, a.coefficients().length);
    }

    @Test
    void residualBelowToleranceZeroBoundaryAndExactDiscreteSolution() {
        int n = 33;
        double tol = 1e-10;
        Poisson2d.Sample s = Poisson2d.generate(4, n, 3, tol, 5);
        for (int k = 0; k < s.count(); k++) {
            double[] u = s.solution(k);
            double[] f = s.source(k);
            assertTrue(residual(u, f, n) <= tol * 1.0001, "residual " + residual(u, f, n));
            assertTrue(Poisson2d.relativeResidual(u, f, n) <= tol * 1.0001);
            for (int i = 0; i < n; i++) {
                assertEquals(0, u[i]);
                assertEquals(0, u[(n - 1) * n + i]);
                assertEquals(0, u[i * n]);
                assertEquals(0, u[i * n + n - 1]);
            }
            // sine modes are exact eigenvectors: compare with the spectral discrete solution
            double[] c = Arrays.copyOfRange(s.coefficients(), k * 9, (k + 1) * 9);
            double[] exact = Poisson2d.grid(n, (x, y) -> {
                double v = 0;
                for (int a = 1; a <= 3; a++) {
                    for (int b = 1; b <= 3; b++) {
                        v += c[(a - 1) * 3 + (b - 1)] * Math.sin(a * Math.PI * x) * Math.sin(b * Math.PI * y)
                                / Poisson2d.discreteEigenvalue(a, b, n);
                    }
                }
                return v;
            });
            assertTrue(maxAbsDiff(u, exact) < 1e-8 * maxAbs(exact) + 1e-12, "spectral " + maxAbsDiff(u, exact));
        }
    }

    @Test
    void analyticCaseConvergesAtSecondOrder() {
        double prev = Double.NaN;
        for (int n : new int[] {9, 17, 33, 65}) {
            double[] f = Poisson2d.grid(n, (x, y) -> 2 * Math.PI * Math.PI * Math.sin(Math.PI * x) * Math.sin(Math.PI * y));
            double[] exact = Poisson2d.grid(n, (x, y) -> Math.sin(Math.PI * x) * Math.sin(Math.PI * y));
            double[] u = Poisson2d.solve(f, n, 1e-12);
            double err = maxAbsDiff(u, exact);
            assertTrue(err < 0.02, n + ": " + err);
            if (!Double.isNaN(prev)) {
                double ratio = prev / err; // halving h should divide the O(h²) error by ~4
                assertTrue(ratio > 3.5 && ratio < 4.5, n + ": ratio " + ratio);
            }
            prev = err;
        }
    }

    @Test
    void datasetShapes() throws Exception {
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            Poisson2d.Sample s = Poisson2d.generate(5, 9, 2, 1e-8, 1);
            Batch batch = s.toDataset(m, 2, false).getData(m).iterator().next();
            assertArrayEquals(new long[] {2, 1, 9, 9}, batch.getData().head().getShape().getShape());
            assertArrayEquals(new long[] {2, 1, 9, 9}, batch.getLabels().head().getShape().getShape());
            assertEquals((float) s.solutions()[4 * 9 + 4], batch.getLabels().head().getFloat(0, 0, 4, 4), 1e-7);
            batch.close();
        }
    }

    /** Independent 5-point residual ||f - A u|| / ||f|| over the interior. */
    private static double residual(double[] u, double[] f, int n) {
        double h2 = 1.0 / ((n - 1.0) * (n - 1.0));
        double num = 0;
        double den = 0;
        for (int i = 1; i < n - 1; i++) {
            for (int j = 1; j < n - 1; j++) {
                double lap = (4 * u[i * n + j] - u[(i - 1) * n + j] - u[(i + 1) * n + j] - u[i * n + j - 1]
                        - u[i * n + j + 1]) / h2;
                num += (f[i * n + j] - lap) * (f[i * n + j] - lap);
                den += f[i * n + j] * f[i * n + j];
            }
        }
        return Math.sqrt(num / den);
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
