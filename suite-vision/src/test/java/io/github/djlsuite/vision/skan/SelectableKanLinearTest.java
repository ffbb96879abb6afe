package io.github.djlsuite.vision.skan;

import static io.github.djlsuite.vision.skan.BasisFunctionTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.djlsuite.core.testing.EngineSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SelectableKanLinearTest {

    private static final String ENGINES = "io.github.djlsuite.core.testing.EngineSupport#engines";
    private static final BasisFamily[] POOL = BasisFamily.values();

    private static SelectableKanLinear layer(long units) {
        return SelectableKanLinear.builder().setUnits(units).build();
    }

    private static float[] forward(Block block, NDManager m, float[] x, Shape shape) {
        return EngineSupport.forward(block, m, m.create(x, shape)).head().toFloatArray();
    }

    private static float[][] oneHot(int rows, int k) {
        float[][] mask = new float[rows][POOL.length];
        for (float[] row : mask) {
            row[k] = 1f;
        }
        return mask;
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void mapsBDToBOutWithAlphaAndMaskOfShapeOutK(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SelectableKanLinear layer = layer(3);
            Shape in = new Shape(6, 4);
            EngineSupport.initialize(layer, m, in);
            assertEquals(new Shape(6, 3), EngineSupport.forward(layer, m, m.randomUniform(-1, 1, in)).head().getShape());
            assertEquals(new Shape(6, 3), layer.getOutputShapes(new Shape[] {in})[0]);
            Parameter alpha = layer.getDirectParameters().get("alpha");
            Parameter mask = layer.getDirectParameters().get("mask");
            assertEquals(new Shape(3, 5), alpha.getArray().getShape());
            assertTrue(alpha.requiresGradient());
            assertFalse(mask.requiresGradient());
            for (float[] row : layer.getMask()) {
                assertArrayEquals(new float[] {1, 1, 1, 1, 1}, row);
            }
            for (float[] row : layer.familyWeights()) {
                assertArrayEquals(new float[] {0.2f, 0.2f, 0.2f, 0.2f, 0.2f}, row, 1e-7f);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void oneHotMaskGivesExactlyThatFamilysLayer(String engine) {
        Shape in = new Shape(10, 3);
        float[] x = ReferenceBases.uniform(21, 30, -1.2, 1.2);
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SelectableKanLinear layer = layer(4);
            EngineSupport.initialize(layer, m, in);
            // Unequal logits, so that the mask alone must decide.
            layer.getDirectParameters().get("alpha").getArray().set(ReferenceBases.uniform(22, 20, -3, 3));
            for (int k = 0; k < POOL.length; k++) {
                layer.setMask(oneHot(4, k));
                float[] expected = forward(layer.getLayer(POOL[k]), m, x, in);
                EngineSupport.assertAllClose(expected, forward(layer, m, x, in), 1e-6);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void outputIsTheSoftmaxWeightedSumOverUnmaskedFamilies(String engine) {
        Shape in = new Shape(5, 2);
        float[] x = ReferenceBases.uniform(23, 10, -1, 1);
        float[] alpha = {0.3f, -1f, 2f, 0.5f, 0f, 1f, 1f, -2f, 0f, 0.7f};
        float[][] mask = {{1, 0, 1, 1, 0}, {1, 1, 1, 1, 1}};
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SelectableKanLinear layer = layer(2);
            EngineSupport.initialize(layer, m, in);
            layer.getDirectParameters().get("alpha").getArray().set(alpha);
            layer.setMask(mask);
            // Weights from the definition, in Java.
            double[][] w = new double[2][5];
            for (int j = 0; j < 2; j++) {
                double z = 0;
                for (int k = 0; k < 5; k++) {
                    z += mask[j][k] * Math.exp(alpha[j * 5 + k]);
                }
                for (int k = 0; k < 5; k++) {
                    w[j][k] = mask[j][k] * Math.exp(alpha[j * 5 + k]) / z;
                }
            }
            float[][] weights = layer.familyWeights();
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 5; k++) {
                    assertEquals(w[j][k], weights[j][k], 1e-6, "weight of " + POOL[k] + " at node " + j);
                }
            }
            float[][] perFamily = new float[5][];
            for (int k = 0; k < 5; k++) {
                perFamily[k] = forward(layer.getLayer(POOL[k]), m, x, in);
            }
            float[] y = forward(layer, m, x, in);
            for (int b = 0; b < 5; b++) {
                for (int j = 0; j < 2; j++) {
                    double expected = 0;
                    for (int k = 0; k < 5; k++) {
                        expected += w[j][k] * perFamily[k][b * 2 + j];
                    }
                    assertEquals(expected, y[b * 2 + j], 1e-5, "row " + b + " node " + j);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void gradientsReachAlphaAndEveryTrainableParameterWithTheFullMask(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SelectableKanLinear layer = layer(3);
            EngineSupport.initialize(layer, m, new Shape(8, 2));
            Map<String, Double> norms = EngineSupport.gradientNorms(layer, m,
                    m.create(ReferenceBases.uniform(24, 16, -1, 1), new Shape(8, 2)));
            int trainable = 0;
            for (Pair<String, Parameter> p : layer.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    trainable++;
                    assertTrue(norms.get(p.getKey()) > 0, p.getKey() + " got no gradient");
                }
            }
            // 5 families × (baseWeight, coefficients, bias) + wavelet scale, shift + alpha.
            assertEquals(18, trainable);
            assertTrue(norms.get("alpha") > 0);
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void maskedFamiliesGetExactlyZeroGradient(String engine) {
        int kept = BasisFamily.RBF.ordinal();
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SelectableKanLinear layer = layer(3);
            EngineSupport.initialize(layer, m, new Shape(8, 2));
            layer.setMask(oneHot(3, kept));
            Map<String, Double> norms = EngineSupport.gradientNorms(layer, m,
                    m.create(ReferenceBases.uniform(25, 16, -1, 1), new Shape(8, 2)));
            for (int k = 0; k < POOL.length; k++) {
                String prefix = String.format("%02d%s_", k + 1, POOL[k].name().toLowerCase());
                for (Map.Entry<String, Double> e : norms.entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        if (k == kept) {
                            assertTrue(e.getValue() > 0, e.getKey() + " of the kept family got no gradient");
                        } else {
                            assertEquals(0.0, e.getValue(), 0.0, e.getKey() + " of a masked family");
                        }
                    }
                }
            }
            assertTrue(norms.containsKey("05wavelet_01basis_scale"));
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void activeParameterCountIsExact(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SelectableKanLinear layer = layer(2);
            EngineSupport.initialize(layer, m, new Shape(4, 3));
            // D = 3, G = 8, 5, 8, 8, 8. Per node and family: 3G + 3 + 1 = 28, 19, 28, 28, 28 (sum 131).
            // Full mask: 2 nodes × 131 + wavelet a, b 2·3·8 = 48 + alpha 2·5 = 10.
            assertEquals(2 * 131 + 48 + 10, layer.activeParameterCount());
            long trainable = 0;
            for (Pair<String, Parameter> p : layer.getParameters()) {
                trainable += p.getValue().requiresGradient() ? p.getValue().getArray().size() : 0;
            }
            assertEquals(320, trainable);
            // Node 0 keeps B-spline, node 1 the wavelet: 28 + 28 + 48.
            layer.setMask(new float[][] {{1, 0, 0, 0, 0}, {0, 0, 0, 0, 1}});
            assertEquals(104, layer.activeParameterCount());
            // Node 0 keeps Chebyshev and Fourier: 19 + 28 + 2 logits; node 1 the wavelet: 28 + 48.
            layer.setMask(new float[][] {{0, 1, 0, 1, 0}, {0, 0, 0, 0, 1}});
            assertEquals(125, layer.activeParameterCount());
            // Both nodes keep RBF: 2 × 28, no basis parameters.
            layer.setMask(new float[][] {{0, 0, 1, 0, 0}, {0, 0, 1, 0, 0}});
            assertEquals(56, layer.activeParameterCount());
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void keepTopFamiliesKeepsTheLargestWeightsAmongUnmaskedFamilies(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SelectableKanLinear layer = layer(2);
            EngineSupport.initialize(layer, m, new Shape(4, 3));
            layer.getDirectParameters().get("alpha").getArray().set(new float[] {
                0.1f, 0.5f, -1f, 2f, 0.3f,   // node 0: Fourier > Chebyshev > wavelet > B-spline > RBF
                3f, 0f, 0f, 0f, 1f});        // node 1: B-spline > wavelet > the rest
            layer.keepTopFamilies(2);
            assertArrayEquals(new float[] {0, 1, 0, 1, 0}, layer.getMask()[0]);
            assertArrayEquals(new float[] {1, 0, 0, 0, 1}, layer.getMask()[1]);
            assertArrayEquals(new BasisFamily[] {BasisFamily.FOURIER, BasisFamily.BSPLINE}, layer.selectedFamilies());
            // Only unmasked families compete: with Fourier masked by hand, node 0 falls back to Chebyshev.
            layer.setMask(new float[][] {{0, 1, 0, 0, 0}, {1, 0, 0, 0, 1}});
            layer.keepTopFamilies(1);
            assertArrayEquals(new float[] {0, 1, 0, 0, 0}, layer.getMask()[0]);
            assertArrayEquals(new float[] {1, 0, 0, 0, 0}, layer.getMask()[1]);
            assertArrayEquals(new float[] {0, 1, 0, 0, 0}, layer.familyWeights()[0], 0f);
            // Keeping more than is left changes nothing.
            layer.keepTopFamilies(3);
            assertArrayEquals(new float[] {1, 0, 0, 0, 0}, layer.getMask()[1]);
        }
    }

    @ParameterizedTest
    @MethodSource(ENGINES)
    void maskSurvivesSaveAndLoadAndCanBeChangedAfterTraining(String engine) {
        Shape in = new Shape(6, 3);
        float[] x = ReferenceBases.uniform(26, 18, -1, 1);
        float[][] mask = {{1, 0, 0, 1, 0}, {0, 0, 0, 0, 1}};
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SelectableKanLinear layer = layer(2);
            EngineSupport.initialize(layer, m, in);
            // A recorded (training) pass first: the mask must still be writable afterwards.
            EngineSupport.gradientNorms(layer, m, m.create(x, in));
            layer.setMask(mask);
            byte[] saved = EngineSupport.saveParameters(layer);
            float[] expected = forward(layer, m, x, in);

            SelectableKanLinear loaded = layer(2);
            EngineSupport.loadParameters(loaded, m, saved);
            assertArrayEquals(mask[0], loaded.getMask()[0]);
            assertArrayEquals(mask[1], loaded.getMask()[1]);
            assertEquals(layer.activeParameterCount(), loaded.activeParameterCount());
            EngineSupport.assertAllClose(expected, forward(loaded, m, x, in), 0);
        }
    }

    @Test
    void loadingIntoAnotherPoolFails() {
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            SelectableKanLinear layer = SelectableKanLinear.builder().setUnits(2)
                    .optPool(BasisFamily.BSPLINE, BasisFamily.RBF).build();
            EngineSupport.initialize(layer, m, new Shape(1, 3));
            byte[] saved = EngineSupport.saveParameters(layer);
            SelectableKanLinear other = SelectableKanLinear.builder().setUnits(2)
                    .optPool(BasisFamily.BSPLINE, BasisFamily.FOURIER).build();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> EngineSupport.loadParameters(other, m, saved));
            assertTrue(e.getCause() instanceof MalformedModelException);
            assertTrue(e.getCause().getMessage().contains("pool=[BSPLINE, RBF]"), e.getCause().getMessage());
        }
    }

    @Test
    void sameOutputOnPyTorchAndMxnet() {
        double diff = EngineSupport.crossEngineMaxDiff(() -> layer(4),
                ReferenceBases.uniform(27, 9 * 3, -1.5, 1.5), new Shape(9, 3));
        assertTrue(diff <= 1e-5, "engines differ by " + diff);
    }

    @Test
    void badSettingsAndMasksAreRejectedWithTheValue() {
        assertMessage("units must be > 0, got 0", () -> SelectableKanLinear.builder().build());
        assertMessage("pool must name at least one basis family, got []",
                () -> SelectableKanLinear.builder().setUnits(2).optPool().build());
        assertMessage("distinct non-null families, got [RBF, FOURIER, RBF]", () -> SelectableKanLinear.builder()
                .setUnits(2).optPool(BasisFamily.RBF, BasisFamily.FOURIER, BasisFamily.RBF).build());
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            SelectableKanLinear layer = layer(2);
            EngineSupport.initialize(layer, m, new Shape(1, 3));
            assertMessage("mask must have 2 rows (one per node), got 3",
                    () -> run(() -> layer.setMask(new float[3][5])));
            assertMessage("mask row 1 must have 5 entries", () -> run(() -> layer.setMask(new float[][] {
                {1, 1, 1, 1, 1}, {1, 1}})));
            assertMessage("mask entries must be 0 or 1, got 0.5 at [0, 2]", () -> run(() -> layer.setMask(
                    new float[][] {{1, 1, 0.5f, 1, 1}, {1, 1, 1, 1, 1}})));
            assertMessage("mask row 1 keeps no family", () -> run(() -> layer.setMask(
                    new float[][] {{1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}})));
            assertMessage("k must be >= 1, got 0", () -> run(() -> layer.keepTopFamilies(0)));
            assertMessage("WAVELET is not in the pool", () -> SelectableKanLinear.builder().setUnits(1)
                    .optPool(BasisFamily.RBF).build().getLayer(BasisFamily.WAVELET));
            // A rejected mask leaves the old one in place.
            assertArrayEquals(new float[] {1, 1, 1, 1, 1}, layer.getMask()[1]);
        }
    }

    private static Object run(Runnable action) {
        action.run();
        return null;
    }
}
