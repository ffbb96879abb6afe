package io.github.djlsuite.vision.skan;

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
import io.github.djlsuite.core.testing.EngineSupport;
import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BasisFunctionTest {

    private static final String ENGINES = "io.github.djlsuite.core.testing.EngineSupport#engines";

    /** Expands a (rows, d) input and returns the (rows, d, G) values, checking the shape on the way. */
    private static float[] expand(BasisFunction basis, NDManager m, float[] x, int rows, int d) {
        Shape in = new Shape(rows, d);
        EngineSupport.initialize(basis, m, in);
        NDArray out = EngineSupport.forward(basis, m, m.create(x, in)).head();
        assertEquals(new Shape(rows, d, basis.size()), out.getShape());
        assertEquals(out.getShape(), basis.getOutputShapes(new Shape[] {in})[0]);
        return out.toFloatArray();
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void bsplineIsANonNegativePartitionOfUnityInsideTheRange(String engine) {
        // 200 random points in [-1, 1] plus every grid knot, both ends included.
        float[] x = new float[208];
        System.arraycopy(ReferenceBases.uniform(1, 200, -1, 1), 0, x, 0, 200);
        for (int i = 0; i <= 5; i++) {
            x[200 + i] = -1f + 0.4f * i;
        }
        x[206] = 0.999999f;
        x[207] = -0.999999f;
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            float[] phi = expand(BSplineBasis.builder().build(), m, x, 52, 4);
            for (int p = 0; p < x.length; p++) {
                double sum = 0;
                for (int g = 0; g < 8; g++) {
                    float v = phi[p * 8 + g];
                    assertTrue(v >= 0f, "B_" + g + "(" + x[p] + ") = " + v + " < 0");
                    sum += v;
                }
                assertEquals(1.0, sum, 1e-5, "sum of B-splines at x = " + x[p]);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void bsplineIsZeroOutsideTheExtendedKnots(String engine) {
        BSplineBasis basis = BSplineBasis.builder().build();
        float[] t = basis.knots();
        // Extended knots: -1 - 3·0.4 = -2.2 .. 2.2; the last knot itself is outside [t_0, t_last).
        assertEquals(12, t.length);
        assertEquals(-2.2f, t[0], 1e-6f);
        assertEquals(2.2f, t[11], 1e-6f);
        float[] x = {Math.nextDown(t[0]), -2.5f, -7f, -1e4f, t[11], Math.nextUp(t[11]), 3f, 1e4f};
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            float[] phi = expand(basis, m, x, 4, 2);
            for (int i = 0; i < phi.length; i++) {
                assertEquals(0f, phi[i], 0f, "B_" + i % 8 + "(" + x[i / 8] + ")");
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void bsplineMatchesTextbookCoxDeBoor(String engine) {
        // The default cubic grid and a quadratic one on another range.
        float[] x = ReferenceBases.uniform(2, 120, -2.6, 2.6);
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            float[] cubic = expand(BSplineBasis.builder().build(), m, x, 40, 3);
            float[] quadratic = expand(BSplineBasis.builder().optGrid(3).optOrder(2).optRange(0f, 2f).build(),
                    m, x, 40, 3);
            for (int p = 0; p < x.length; p++) {
                double[] c = ReferenceBases.bspline(x[p], 5, 3, -1, 1);
                double[] q = ReferenceBases.bspline(x[p], 3, 2, 0, 2);
                for (int g = 0; g < 8; g++) {
                    assertEquals(c[g], cubic[p * 8 + g], 1e-5, "cubic B_" + g + "(" + x[p] + ")");
                }
                for (int g = 0; g < 5; g++) {
                    assertEquals(q[g], quadratic[p * 5 + g], 1e-5, "quadratic B_" + g + "(" + x[p] + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void chebyshevOfCosThetaIsCosNTheta(String engine) {
        int n = 60;
        float[] x = new float[n];
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = 0.05 + (Math.PI - 0.1) * i / (n - 1);
            double u = Math.cos(theta[i]);
            x[i] = (float) (0.5 * Math.log((1 + u) / (1 - u))); // atanh(cos θ)
        }
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            float[] t = expand(ChebyshevBasis.builder().build(), m, x, 30, 2);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k <= 4; k++) {
                    assertEquals(Math.cos(k * theta[i]), t[i * 5 + k], 1e-4, "T_" + k + " at θ = " + theta[i]);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void rbfAndFourierMatchTheirFormulas(String engine) {
        float[] x = ReferenceBases.uniform(3, 60, -3, 3);
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            float[] rbf = expand(GaussianRbfBasis.builder().build(), m, x, 20, 3);
            float[] fourier = expand(FourierBasis.builder().build(), m, x, 20, 3);
            float[] rbf5 = expand(GaussianRbfBasis.builder().optSize(5).optRange(0f, 1f).build(), m, x, 20, 3);
            for (int p = 0; p < x.length; p++) {
                assertArrayClose(ReferenceBases.rbf(x[p], 8, -2, 2), rbf, p * 8, 1e-5);
                assertArrayClose(ReferenceBases.fourier(x[p], 4), fourier, p * 8, 1e-5);
                assertArrayClose(ReferenceBases.rbf(x[p], 5, 0, 1), rbf5, p * 5, 1e-5);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void waveletHasLearnableScaleAndShiftOfShapeDG(String engine) {
        MexicanHatWaveletBasis basis = MexicanHatWaveletBasis.builder().build();
        int d = 3;
        float[] x = ReferenceBases.uniform(4, 15 * d, -2, 2);
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            EngineSupport.initialize(basis, m, new Shape(15, d));
            Parameter scale = basis.getDirectParameters().get("scale");
            Parameter shift = basis.getDirectParameters().get("shift");
            assertTrue(scale.requiresGradient() && shift.requiresGradient());
            assertEquals(new Shape(d, 8), scale.getArray().getShape());
            assertEquals(new Shape(d, 8), shift.getArray().getShape());
            // Initial a = 1, b = -1 + 2g/7 in every row.
            float[] a0 = scale.getArray().toFloatArray();
            float[] b0 = shift.getArray().toFloatArray();
            for (int i = 0; i < d; i++) {
                for (int g = 0; g < 8; g++) {
                    assertEquals(1f, a0[i * 8 + g], 0f);
                    assertEquals(-1 + 2.0 * g / 7, b0[i * 8 + g], 1e-6);
                }
            }
            // Any a, b: the forward pass is psi((x - b) / a) per feature and function.
            float[] a = ReferenceBases.uniform(5, d * 8, 0.5, 2);
            float[] b = ReferenceBases.uniform(6, d * 8, -1, 1);
            scale.getArray().set(a);
            shift.getArray().set(b);
            float[] phi = EngineSupport.forward(basis, m, m.create(x, new Shape(15, d))).head().toFloatArray();
            for (int p = 0; p < x.length; p++) {
                int i = p % d;
                double[] expected = ReferenceBases.wavelet(x[p], Arrays.copyOfRange(a, i * 8, i * 8 + 8),
                        Arrays.copyOfRange(b, i * 8, i * 8 + 8));
                assertArrayClose(expected, phi, p * 8, 1e-5);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void everyDefaultBasisMapsBDToBDG(String engine) {
        int[] sizes = {8, 5, 8, 8, 8};
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            for (BasisFamily family : BasisFamily.values()) {
                BasisFunction basis = family.newBasis();
                assertEquals(family, basis.family());
                assertEquals(sizes[family.ordinal()], basis.size(), family.name());
                expand(basis, m, ReferenceBases.uniform(7, 6 * 7, -1, 1), 6, 7);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void gradientWithRespectToTheInputIsTheDerivativeOfEveryBasis(String engine) {
        // d/dx_i of sum_g w_g B_g(x_i) against central differences of the double-precision reference.
        int rows = 12;
        int d = 2;
        float[] x = ReferenceBases.uniform(8, rows * d, -2.5, 2.5);
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            for (BasisFamily family : BasisFamily.values()) {
                BasisFunction basis = family.newBasis();
                int g = basis.size();
                float[] w = ReferenceBases.uniform(9, rows * d * g, -1, 1);
                EngineSupport.initialize(basis, m, new Shape(rows, d));
                float[] scale = new float[d * g];
                float[] shift = new float[d * g];
                if (family == BasisFamily.WAVELET) {
                    scale = basis.getDirectParameters().get("scale").getArray().toFloatArray();
                    shift = basis.getDirectParameters().get("shift").getArray().toFloatArray();
                }
                NDArray input = m.create(x, new Shape(rows, d));
                input.setRequiresGradient(true);
                try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                    NDArray phi = basis.forward(new ParameterStore(m, false), new NDList(input), true).head();
                    gc.backward(phi.mul(m.create(w, new Shape(rows, d, g))).sum());
                }
                float[] grad = input.getGradient().toFloatArray();
                double eps = 1e-5;
                for (int p = 0; p < x.length; p++) {
                    double[] up = ReferenceBases.defaultBasis(family, x[p] + eps, p % d, scale, shift);
                    double[] down = ReferenceBases.defaultBasis(family, x[p] - eps, p % d, scale, shift);
                    double expected = 0;
                    for (int q = 0; q < g; q++) {
                        expected += w[p * g + q] * (up[q] - down[q]) / (2 * eps);
                    }
                    assertEquals(expected, grad[p], 1e-4 * (1 + Math.abs(expected)), family + " at x = " + x[p]);
                }
            }
        }
    }

    @Test
    void familiesHaveThePapersNames() {
        assertEquals("B-spline", BasisFamily.BSPLINE.displayName());
        assertEquals("Chebyshev", BasisFamily.CHEBYSHEV.displayName());
        assertEquals("Gaussian RBF", BasisFamily.RBF.displayName());
        assertEquals("Fourier", BasisFamily.FOURIER.displayName());
        assertEquals("Mexican-hat wavelet", BasisFamily.WAVELET.displayName());
    }

    @Test
    void badSettingsAreRejectedWithTheValue() {
        assertMessage("grid must be > 0, got -1", () -> BSplineBasis.builder().optGrid(-1).build());
        assertMessage("order must be >= 1, got 0", () -> BSplineBasis.builder().optOrder(0).build());
        assertMessage("got [1.0, -1.0]", () -> BSplineBasis.builder().optRange(1f, -1f).build());
        assertMessage("got [0.0, NaN]", () -> GaussianRbfBasis.builder().optRange(0f, Float.NaN).build());
        assertMessage("degree must be >= 1, got 0", () -> ChebyshevBasis.builder().optDegree(0).build());
        assertMessage("size must be >= 2, got 1", () -> GaussianRbfBasis.builder().optSize(1).build());
        assertMessage("frequencies must be >= 1, got -3", () -> FourierBasis.builder().optFrequencies(-3).build());
        assertMessage("size must be >= 2, got 0", () -> MexicanHatWaveletBasis.builder().optSize(0).build());
    }

    static void assertMessage(String expectedPart, Supplier<?> action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::get);
        assertTrue(e.getMessage().contains(expectedPart), "message '" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }

    private static void assertArrayClose(double[] expected, float[] actual, int offset, double tol) {
        for (int g = 0; g < expected.length; g++) {
            assertEquals(expected[g], actual[offset + g], tol, "function " + g + " at offset " + offset);
        }
    }
}
