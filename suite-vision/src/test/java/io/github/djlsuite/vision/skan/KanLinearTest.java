package io.github.djlsuite.vision.skan;

import static io.github.djlsuite.vision.skan.BasisFunctionTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.djlsuite.core.testing.EngineSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KanLinearTest {

    private static final String ENGINES = "io.github.djlsuite.core.testing.EngineSupport#engines";

    private static Parameter param(KanLinear layer, String name) {
        return layer.getDirectParameters().get(name);
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void mapsBDToBOutForEveryFamily(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            for (BasisFamily family : BasisFamily.values()) {
                KanLinear layer = KanLinear.builder().setUnits(3).setBasis(family).build();
                Shape in = new Shape(5, 4);
                EngineSupport.initialize(layer, m, in);
                NDArray y = EngineSupport.forward(layer, m, m.randomUniform(-1, 1, in)).head();
                assertEquals(new Shape(5, 3), y.getShape(), family.name());
                assertEquals(new Shape(5, 3), layer.getOutputShapes(new Shape[] {in})[0]);
                assertEquals(new Shape(3, 4), param(layer, "baseWeight").getArray().getShape());
                assertEquals(new Shape(3, 4, layer.getBasis().size()), param(layer, "coefficients").getArray().getShape());
                assertEquals(new Shape(3), param(layer, "bias").getArray().getShape());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void zeroCoefficientsAndBaseWeightsLeaveOnlyTheBias(String engine) {
        float[] bias = {0.5f, -1.5f, 2f};
        // Inputs inside and far outside every basis's range.
        float[] x = ReferenceBases.uniform(11, 6 * 2, -5, 5);
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            for (BasisFamily family : BasisFamily.values()) {
                KanLinear layer = KanLinear.builder().setUnits(3).setBasis(family).build();
                EngineSupport.initialize(layer, m, new Shape(6, 2));
                param(layer, "baseWeight").getArray().set(new float[3 * 2]);
                param(layer, "coefficients").getArray().set(new float[3 * 2 * layer.getBasis().size()]);
                param(layer, "bias").getArray().set(bias);
                float[] y = EngineSupport.forward(layer, m, m.create(x, new Shape(6, 2))).head().toFloatArray();
                for (int b = 0; b < 6; b++) {
                    for (int j = 0; j < 3; j++) {
                        assertEquals(bias[j], y[b * 3 + j], 1e-6, family + " row " + b + " unit " + j);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void forwardMatchesTheEquationComputedWithJavaLoops(String engine) {
        int batch = 7;
        int d = 3;
        int out = 2;
        float[] x = ReferenceBases.uniform(12, batch * d, -1.3, 1.3);
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            for (BasisFamily family : BasisFamily.values()) {
                KanLinear layer = KanLinear.builder().setUnits(out).setBasis(family).build();
                EngineSupport.initialize(layer, m, new Shape(batch, d));
                int g = layer.getBasis().size();
                float[] w = ReferenceBases.uniform(13, out * d, -1, 1);
                float[] c = ReferenceBases.uniform(14, out * d * g, -1, 1);
                float[] bias = ReferenceBases.uniform(15, out, -1, 1);
                param(layer, "baseWeight").getArray().set(w);
                param(layer, "coefficients").getArray().set(c);
                param(layer, "bias").getArray().set(bias);
                float[] scale = null;
                float[] shift = null;
                if (family == BasisFamily.WAVELET) {
                    Map<String, Parameter> basis = layer.getBasis().getDirectParameters().toMap();
                    scale = ReferenceBases.uniform(16, d * g, 0.5, 1.5);
                    shift = ReferenceBases.uniform(17, d * g, -1, 1);
                    basis.get("scale").getArray().set(scale);
                    basis.get("shift").getArray().set(shift);
                }
                float[] expected = ReferenceBases.kanLinear(family, x, batch, d, out, g, w, c, bias, scale, shift);
                float[] y = EngineSupport.forward(layer, m, m.create(x, new Shape(batch, d))).head().toFloatArray();
                for (int i = 0; i < y.length; i++) {
                    assertEquals(expected[i], y[i], 1e-5, family + " output " + i);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void initialisationFollowsTheSpec(String engine) {
        int d = 50;
        int out = 40;
        try (NDManager m = EngineSupport.manager(engine, 3)) {
            KanLinear layer = KanLinear.builder().setUnits(out).setBasis(BasisFamily.BSPLINE).build();
            EngineSupport.initialize(layer, m, new Shape(1, d));
            // W_base ~ U(-1/sqrt(D), 1/sqrt(D)): inside the bound, standard deviation bound/sqrt(3).
            float[] w = param(layer, "baseWeight").getArray().toFloatArray();
            double bound = 1 / Math.sqrt(d);
            for (float v : w) {
                assertTrue(Math.abs(v) <= bound, "base weight " + v + " outside ±" + bound);
            }
            assertEquals(bound / Math.sqrt(3), std(w), 0.1 * bound / Math.sqrt(3));
            // C ~ N(0, 0.1 / sqrt(D·G)), D·G = 400: sigma = 0.005 (16,000 samples: 3% tolerance).
            assertEquals(0.005, std(param(layer, "coefficients").getArray().toFloatArray()), 0.03 * 0.005);
            for (float v : param(layer, "bias").getArray().toFloatArray()) {
                assertEquals(0f, v, 0f);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void gradientsReachEveryParameterIncludingTheWaveletsScaleAndShift(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            for (BasisFamily family : BasisFamily.values()) {
                KanLinear layer = KanLinear.builder().setUnits(3).setBasis(family).build();
                EngineSupport.initialize(layer, m, new Shape(8, 2));
                Map<String, Double> norms = EngineSupport.gradientNorms(layer, m,
                        m.create(ReferenceBases.uniform(18, 16, -1, 1), new Shape(8, 2)));
                List<String> expected = family == BasisFamily.WAVELET
                        ? List.of("baseWeight", "coefficients", "bias", "01basis_scale", "01basis_shift")
                        : List.of("baseWeight", "coefficients", "bias");
                assertEquals(expected, List.copyOf(norms.keySet()), family.name());
                norms.forEach((name, norm) -> assertTrue(norm > 0, family + " " + name + " got no gradient"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void withoutBiasThereIsNoBiasParameter(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            KanLinear layer = KanLinear.builder().setUnits(2).setBasis(BasisFamily.CHEBYSHEV).optBias(false).build();
            EngineSupport.initialize(layer, m, new Shape(4, 3));
            assertFalse(layer.hasBias());
            assertNull(param(layer, "bias"));
            param(layer, "baseWeight").getArray().set(new float[6]);
            param(layer, "coefficients").getArray().set(new float[30]);
            float[] y = EngineSupport.forward(layer, m, m.randomUniform(-1, 1, new Shape(4, 3))).head().toFloatArray();
            for (float v : y) {
                assertEquals(0f, v, 0f);
            }
            assertEquals(3 * 5 + 3, layer.parametersPerUnit());
            assertEquals(0, layer.basisParameterCount());
        }
    }

    @Test
    void sameOutputOnPyTorchAndMxnet() {
        for (BasisFamily family : BasisFamily.values()) {
            double diff = EngineSupport.crossEngineMaxDiff(
                    () -> KanLinear.builder().setUnits(4).setBasis(family).build(),
                    ReferenceBases.uniform(19, 9 * 3, -1.5, 1.5), new Shape(9, 3));
            assertTrue(diff <= 1e-5, family + ": engines differ by " + diff);
        }
    }

    @Test
    void badSettingsAreRejectedWithTheValue() {
        assertMessage("units must be > 0, got 0", () -> KanLinear.builder().setBasis(BasisFamily.RBF).build());
        assertMessage("units must be > 0, got -3",
                () -> KanLinear.builder().setUnits(-3).setBasis(BasisFamily.RBF).build());
        assertMessage("basis must be set", () -> KanLinear.builder().setUnits(2).build());
        assertMessage("basis family must not be null",
                () -> KanLinear.builder().setUnits(2).setBasis((BasisFamily) null));
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            KanLinear layer = KanLinear.builder().setUnits(2).setBasis(BasisFamily.RBF).build();
            assertMessage("KanLinear expects input (B, D), got (2, 3, 4)",
                    () -> {
                        EngineSupport.initialize(layer, m, new Shape(2, 3, 4));
                        return null;
                    });
        }
    }

    private static double std(float[] v) {
        double mean = 0;
        for (float f : v) {
            mean += f;
        }
        mean /= v.length;
        double var = 0;
        for (float f : v) {
            var += (f - mean) * (f - mean);
        }
        return Math.sqrt(var / v.length);
    }
}
