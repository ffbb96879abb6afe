package io.github.djlsuite.ctr.din;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DinTest {

    static final int ITEMS = 12;
    static final int CATS = 6;
    static final int L = 6;
    static final int B = 4;

    /** candidate item + category, their histories sharing the vocabularies (as BehaviourLogs). */
    static CtrLayout layout(int length) {
        return new CtrLayout(List.of("item", "cate"), new int[] {ITEMS, CATS}, List.of(),
                List.of(new CtrLayout.Sequence("hist_item", ITEMS, length, 0),
                        new CtrLayout.Sequence("hist_cate", CATS, length, 1)),
                List.of("click"));
    }

    static int cate(int item) {
        return 2 + item % (CATS - 2);
    }

    /** Histories of B users (lengths 6, 3, 1, 0) padded to {@code length}, candidates 2..5. */
    static int[][] histories() {
        return new int[][] {{2, 3, 4, 5, 6, 7}, {8, 9, 10}, {11}, {}};
    }

    static NDList inputs(NDManager m, int[][] hist, int length) {
        int[] cat = new int[B * 2];
        int[] items = new int[B * length];
        int[] cates = new int[B * length];
        for (int b = 0; b < B; b++) {
            cat[2 * b] = 2 + b;
            cat[2 * b + 1] = cate(2 + b);
            for (int j = 0; j < hist[b].length; j++) {
                items[b * length + j] = hist[b][j];
                cates[b * length + j] = cate(hist[b][j]);
            }
        }
        return new NDList(m.create(cat, new Shape(B, 2)), m.create(items, new Shape(B, length)),
                m.create(cates, new Shape(B, length)));
    }

    static Shape[] shapes(int length) {
        return new Shape[] {new Shape(B, 2), new Shape(B, length), new Shape(B, length)};
    }

    static Din.Builder din() {
        return Din.builder().setLayout(layout(L)).optEmbeddingDim(4).optEmbeddingInitStd(0.5f)
                .optAttentionHidden(8, 4).optMlpHidden(8, 4);
    }

    static float[] forward(Block b, NDManager m, NDList x) {
        return b.forward(new ai.djl.training.ParameterStore(m, false), x, false).head().toFloatArray();
    }

    static Parameter param(Block b, String suffix) {
        return DiceTest.param(b, suffix);
    }

    /** Sets every BatchNorm running statistic to a random but valid value, so inference uses real ones. */
    static void randomRunningStats(Block block, long seed) {
        Random r = new Random(seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] v = new float[(int) a.size()];
            if (p.getKey().endsWith("runningMean")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.1 * r.nextGaussian());
                }
                a.set(v);
            } else if (p.getKey().endsWith("runningVar")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.01 + 0.05 * r.nextDouble());
                }
                a.set(v);
            }
        }
    }

    static List<Supplier<Din>> variants() {
        return List.of(() -> din().build(), () -> din().optActivation(Din.Activation.PRELU).build(),
                () -> din().optUseSoftmax(true).build(), () -> din().optPooling(Din.Pooling.SUM).build());
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void shapesAndChildren(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            Din d = din().build();
            EngineSupport.initialize(d, m, shapes(L));
            assertEquals(8, d.itemDim());
            assertEquals(new Shape(B, 1), d.getOutputShapes(shapes(L))[0]);
            assertEquals(new Shape(B, 1), d.forward(new ai.djl.training.ParameterStore(m, false), inputs(m,
                    histories(), L), false).head().getShape());
            Din base = din().optPooling(Din.Pooling.SUM).build();
            assertNull(base.attention());
            assertEquals(List.of("01embedding", "02mlp", "03attention"), List.copyOf(d.getChildren().keys()));
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void appendingPaddedPositionsChangesNothing(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 2)) {
            for (Supplier<Din> v : variants()) {
                Din d = v.get();
                EngineSupport.initialize(d, m, shapes(L));
                randomRunningStats(d, 3);
                float[] ref = forward(d, m, inputs(m, histories(), L));
                float[] padded = forward(d, m, inputs(m, histories(), L + 5));
                EngineSupport.assertAllClose(ref, padded, 1e-6);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void permutingTheHistoryChangesNothing(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 3)) {
            int[][] shuffled = {{6, 3, 7, 2, 5, 4}, {10, 8, 9}, {11}, {}};
            for (Supplier<Din> v : variants()) {
                Din d = v.get();
                EngineSupport.initialize(d, m, shapes(L));
                randomRunningStats(d, 4);
                float[] ref = forward(d, m, inputs(m, histories(), L));
                float[] perm = forward(d, m, inputs(m, shuffled, L));
                EngineSupport.assertAllClose(ref, perm, 1e-6);
                float[] diff = forward(d, m, inputs(m, new int[][] {{6, 3, 7, 2, 5, 5}, {10, 8, 9}, {11}, {}}, L));
                assertTrue(Math.abs(diff[0] - ref[0]) > 1e-7, "a different history must change the output");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void zeroAttentionWeightsWithOutputBiasOneIsSumPooling(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 4)) {
            Din base = din().optPooling(Din.Pooling.SUM).build();
            Din attn = din().build();
            EngineSupport.initialize(base, m, shapes(L));
            EngineSupport.initialize(attn, m, shapes(L));
            randomRunningStats(base, 5);
            // copy every BaseModel parameter into the same-named DIN parameter
            for (Pair<String, Parameter> p : base.getParameters()) {
                attn.getParameters().get(p.getKey()).getArray().set(p.getValue().getArray().toFloatArray());
            }
            List<Block> layers = attn.attention().mlp().getChildren().values();
            for (Block layer : layers) {
                if (layer instanceof Linear) {
                    for (Pair<String, Parameter> p : layer.getParameters()) {
                        NDArray a = p.getValue().getArray();
                        a.set(new float[(int) a.size()]);
                    }
                }
            }
            Linear out = (Linear) layers.get(layers.size() - 1);
            out.getParameters().get("bias").getArray().set(new float[] {1f});
            NDList x = inputs(m, histories(), L);
            float[] expected = forward(base, m, x);
            float[] actual = forward(attn, m, x);
            EngineSupport.assertAllClose(expected, actual, 1e-6);
            // and the output does depend on the history (so the comparison is not vacuous)
            float[] other = forward(base, m, inputs(m, new int[][] {{2}, {8, 9, 10}, {11}, {}}, L));
            assertTrue(Math.abs(other[0] - expected[0]) > 1e-6);
        }
    }

    static float[] gaussian(int n, long seed) {
        return DiceTest.gaussian(n, seed, 1, 0);
    }

    /** v_U for E built from {@code rows} copies of random behaviours (first {@code valid} positions real). */
    static float[] pooled(ActivationUnit unit, NDManager m, float[] va, float[] behaviours, int valid, int copies,
            int length, int dim) {
        float[] e = new float[length * dim];
        float[] mask = new float[length];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(behaviours, 0, e, c * valid * dim, valid * dim);
            for (int j = 0; j < valid; j++) {
                mask[c * valid + j] = 1;
            }
        }
        return EngineSupport.forward(unit, m, m.create(va, new Shape(1, dim)), m.create(e, new Shape(1, length, dim)),
                m.create(mask, new Shape(1, length))).head().toFloatArray();
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void duplicatingTheHistoryDoublesTheUserVectorButNotWithSoftmax(String engine) {
        int dim = 5;
        int length = 8;
        try (NDManager m = EngineSupport.manager(engine, 5)) {
            float[] va = gaussian(dim, 1);
            float[] behaviours = gaussian(3 * dim, 2);
            for (boolean softmax : new boolean[] {false, true}) {
                ActivationUnit unit = ActivationUnit.builder().optHidden(8, 4).optUseSoftmax(softmax).build();
                EngineSupport.initialize(unit, m, new Shape(1, dim), new Shape(1, length, dim), new Shape(1, length));
                randomRunningStats(unit, 6);
                float[] once = pooled(unit, m, va, behaviours, 3, 1, length, dim);
                float[] twice = pooled(unit, m, va, behaviours, 3, 2, length, dim);
                double norm = 0;
                for (int i = 0; i < dim; i++) {
                    double expected = softmax ? once[i] : 2 * once[i];
                    assertEquals(expected, twice[i], 1e-5 * (1 + Math.abs(expected)), "softmax " + softmax + " i " + i);
                    norm += once[i] * once[i];
                }
                assertTrue(norm > 1e-6, "v_U should not be zero");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void attentionWeightsAreMaskedAndSoftmaxSumsToOne(String engine) {
        int dim = 3;
        try (NDManager m = EngineSupport.manager(engine, 6)) {
            for (boolean softmax : new boolean[] {false, true}) {
                ActivationUnit unit = ActivationUnit.builder().optUseSoftmax(softmax).build();
                EngineSupport.initialize(unit, m, new Shape(2, dim), new Shape(2, 4, dim), new Shape(2, 4));
                NDList out = EngineSupport.forward(unit, m, m.create(gaussian(2 * dim, 3), new Shape(2, dim)),
                        m.create(gaussian(8 * dim, 4), new Shape(2, 4, dim)),
                        m.create(new float[] {1, 1, 0, 0, 1, 0, 0, 0}, new Shape(2, 4)));
                assertEquals(new Shape(2, dim), out.get(0).getShape());
                float[] a = out.get(1).toFloatArray();
                assertEquals(0f, a[2], 0f);
                assertEquals(0f, a[3], 0f);
                assertEquals(0f, a[5], 0f);
                if (softmax) {
                    assertEquals(1.0, a[0] + a[1], 1e-6);
                    assertEquals(1.0, a[4], 1e-6);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void fastScoresEqualTheLiteralDefinition(String engine) {
        int dim = 6;
        int length = 7;
        try (NDManager m = EngineSupport.manager(engine, 7)) {
            for (Din.Activation act : Din.Activation.values()) {
                ActivationUnit unit = ActivationUnit.builder().optHidden(9, 5).optActivation(act).build();
                EngineSupport.initialize(unit, m, new Shape(3, dim), new Shape(3, length, dim), new Shape(3, length));
                randomRunningStats(unit, 8);
                // biases away from 0 so every term of the split first layer matters
                for (Pair<String, Parameter> p : unit.getParameters()) {
                    if (p.getKey().endsWith("bias")) {
                        NDArray a = p.getValue().getArray();
                        a.set(gaussian((int) a.size(), 9));
                    }
                }
                NDArray va = m.create(gaussian(3 * dim, 10), new Shape(3, dim));
                NDArray e = m.create(gaussian(3 * length * dim, 11), new Shape(3, length, dim));
                float[] mk = new float[3 * length];
                for (int j = 0; j < 5; j++) {
                    mk[j] = 1;
                }
                mk[length] = 1;
                mk[length + 3] = 1; // a hole: the mask need not be a prefix
                NDArray mask = m.create(mk, new Shape(3, length));
                float[] fast = EngineSupport.forward(unit, m, va, e, mask).get(1).toFloatArray();
                float[] literal = unit.referenceScores(new ai.djl.training.ParameterStore(m, false), va, e, mask)
                        .toFloatArray();
                EngineSupport.assertAllClose(literal, fast, 1e-5);
            }
        }
    }

    @Test
    void enginesAgreeForFixedWeights() {
        for (Supplier<Din> v : variants()) {
            float[] reference;
            byte[] params;
            Din first = v.get();
            try (NDManager m = EngineSupport.manager("PyTorch", 7)) {
                EngineSupport.initialize(first, m, shapes(L));
                randomRunningStats(first, 8);
                params = EngineSupport.saveParameters(first);
                reference = forward(first, m, inputs(m, histories(), L));
            }
            Din second = v.get();
            try (NDManager m = EngineSupport.manager("MXNet", 7)) {
                EngineSupport.initialize(second, m, shapes(L));
                EngineSupport.loadParameters(second, m, params);
                float[] other = forward(second, m, inputs(m, histories(), L));
                EngineSupport.assertAllClose(reference, other, 1e-5);
            }
            double spread = 0;
            for (float r : reference) {
                spread = Math.max(spread, Math.abs(r - reference[0]));
            }
            assertTrue(spread > 1e-6, "outputs should differ between samples: " + java.util.Arrays.toString(reference));
        }
    }

    @Test
    void layoutWithoutSharedHistoryIsRejected() {
        CtrLayout noSeq = CtrLayout.categorical(new int[] {5, 6}, "click");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Din.builder().setLayout(noSeq).build());
        assertTrue(e.getMessage().contains("sharedWith"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> din().optPooling(Din.Pooling.SUM).optUseSoftmax(true).build());
    }
}
