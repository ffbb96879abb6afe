package io.github.djlsuite.sequence;

import static io.github.djlsuite.core.testing.EngineSupport.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
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

/** {@link BagOfTokens} on both engines: shapes, the pooled mean by hand, PAD and order invariance, parity, gradients. */
class BagOfTokensTest {

    private static final int V = 7;
    private static final int D = 5;
    private static final int K = 3;

    /** Rows of real tokens 1..V-1 of varying length, then PAD. */
    private static final int[] IDS = {
        3, 1, 4, 1, 5, 0,
        6, 0, 0, 0, 0, 0,
        2, 2, 2, 6, 5, 3,
        5, 6, 0, 0, 0, 0};
    private static final Shape SHAPE = new Shape(4, 6);

    private static BagOfTokens block() {
        return BagOfTokens.builder().setVocabularySize(V).setEmbeddingDim(D).optHidden(8).setClasses(K).build();
    }

    private static float[] forward(BagOfTokens b, NDManager m, int[] ids, Shape shape) {
        return EngineSupport.forward(b, m, m.create(ids, shape)).singletonOrThrow().toFloatArray();
    }

    /** The same rows with {@code extra} more PAD columns. */
    private static int[] widen(int[] ids, int rows, int cols, int extra) {
        int[] out = new int[rows * (cols + extra)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(ids, r * cols, out, r * (cols + extra), cols);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void shapesAndThePooledMeanByHand(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            BagOfTokens b = block();
            EngineSupport.initialize(b, m, SHAPE);
            assertArrayEquals(new Shape[] {new Shape(4, K)}, b.getOutputShapes(new Shape[] {SHAPE}));
            assertEquals(new Shape(4, K), EngineSupport.forward(b, m, m.create(IDS, SHAPE)).singletonOrThrow().getShape());
            float[] e = b.getParameters().get("embedding").getArray().toFloatArray(); // (V, D)
            float[] h = b.pool(new ParameterStore(m, false), m.create(IDS, SHAPE), false).toFloatArray();
            for (int r = 0; r < 4; r++) {
                double[] mean = new double[D];
                int n = 0;
                for (int k = 0; k < 6; k++) {
                    int id = IDS[r * 6 + k];
                    if (id != 0) {
                        n++;
                        for (int d = 0; d < D; d++) {
                            mean[d] += e[id * D + d];
                        }
                    }
                }
                for (int d = 0; d < D; d++) {
                    assertEquals(mean[d] / n, h[r * D + d], 1e-6, "row " + r + " dim " + d);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void appendingPadsOrReorderingTokensChangesNothing(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 2)) {
            BagOfTokens b = block();
            EngineSupport.initialize(b, m, SHAPE);
            float[] base = forward(b, m, IDS, SHAPE);
            assertAllClose(base, forward(b, m, widen(IDS, 4, 6, 9), new Shape(4, 15)), 0); // bit for bit
            int[] reordered = IDS.clone(); // row 0 reversed within its 5 tokens, row 2 rotated
            int[] row0 = {5, 1, 4, 1, 3};
            System.arraycopy(row0, 0, reordered, 0, 5);
            int[] row2 = {3, 2, 2, 2, 6, 5};
            System.arraycopy(row2, 0, reordered, 12, 6);
            assertAllClose(base, forward(b, m, reordered, SHAPE), 1e-6);
            // a different bag does change the output
            int[] other = IDS.clone();
            other[6] = 2;
            float[] changed = forward(b, m, other, SHAPE);
            assertTrue(Math.abs(changed[K] - base[K]) + Math.abs(changed[K + 1] - base[K + 1]) > 1e-4);
        }
    }

    @Test
    void enginesAgreeForTheSameWeights() {
        int[] ids = new int[16 * 20];
        Random r = new Random(5);
        for (int i = 0; i < 16; i++) {
            int len = 1 + r.nextInt(20);
            for (int k = 0; k < len; k++) {
                ids[i * 20 + k] = 1 + r.nextInt(V - 1);
            }
        }
        Shape shape = new Shape(16, 20);
        byte[] params;
        float[] pt;
        try (NDManager m = EngineSupport.manager("PyTorch", 3)) {
            BagOfTokens b = block();
            EngineSupport.initialize(b, m, shape);
            params = EngineSupport.saveParameters(b);
            pt = forward(b, m, ids, shape);
        }
        try (NDManager m = EngineSupport.manager("MXNet", 4)) {
            BagOfTokens b = block();
            EngineSupport.initialize(b, m, shape);
            loadAndCompare(b, m, params, pt, ids, shape);
        }
    }

    private static void loadAndCompare(BagOfTokens b, NDManager m, byte[] params, float[] expected, int[] ids,
            Shape shape) {
        EngineSupport.loadParameters(b, m, params);
        assertAllClose(expected, forward(b, m, ids, shape), 1e-5);
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void thePadRowGetsNoGradientAndUsedRowsDo(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 6)) {
            BagOfTokens b = block();
            EngineSupport.initialize(b, m, SHAPE);
            for (Pair<String, Parameter> p : b.getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray out = b.forward(new ParameterStore(m, false), new ai.djl.ndarray.NDList(m.create(IDS, SHAPE)),
                        true).singletonOrThrow();
                gc.backward(out.mul(m.create(new float[] {1f, -2f, 0.5f})).sum());
            }
            float[] g = b.getParameters().get("embedding").getArray().getGradient().toFloatArray();
            for (int id = 0; id < V; id++) {
                double norm = 0;
                for (int d = 0; d < D; d++) {
                    norm += Math.abs(g[id * D + d]);
                }
                if (id == 0) {
                    assertEquals(0, norm, 0, "PAD row");
                } else {
                    assertTrue(norm > 0, "id " + id + " is used and must get a gradient");
                }
            }
        }
    }

    @Test
    void builderRejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> BagOfTokens.builder().setVocabularySize(1)
                .setEmbeddingDim(4).setClasses(2).build());
        assertThrows(IllegalArgumentException.class, () -> BagOfTokens.builder().setVocabularySize(5)
                .setEmbeddingDim(4).setClasses(2).optHidden(8, 0).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
                EngineSupport.initialize(block(), m, new Shape(4));
            }
        });
        assertTrue(e.getMessage().contains("(B, L)"), e.getMessage());
    }
}
