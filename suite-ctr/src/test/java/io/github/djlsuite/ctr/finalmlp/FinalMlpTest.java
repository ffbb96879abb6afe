package io.github.djlsuite.ctr.finalmlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.ctr.CtrTestData;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import io.github.djlsuite.datasets.synthetic.PlantedCtr;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FinalMlpTest {

    private static float[] gaussian(int n, long seed, double scale) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return v;
    }

    private static Linear lastLinear(FeatureGating g) {
        List<Block> children = g.gateMlp().getChildren().values();
        return (Linear) children.get(children.size() - 1);
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void gateLiesInZeroTwoAndIsOneWithAZeroLastLayer(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 3)) {
            FeatureGating g = FeatureGating.builder().setFeatureDim(12).setEmbeddingDim(4).build();
            EngineSupport.initialize(g, m, new Shape(5, 12));
            // a non-zero learned context so the gate is not constant 1 at init
            g.getParameters().get("context_bias").getArray().set(gaussian(4, 1, 30));
            NDArray e = m.create(gaussian(60, 2, 1), new Shape(5, 12));
            NDList out = EngineSupport.forward(g, m, e);
            assertEquals(new Shape(5, 12), out.get(0).getShape());
            assertEquals(new Shape(1, 12), out.get(1).getShape());
            for (float v : out.get(1).toFloatArray()) {
                assertTrue(v >= 0 && v <= 2, "gate " + v);
            }
            float[] gv = out.get(1).toFloatArray();
            double spread = 0;
            for (float v : gv) {
                spread = Math.max(spread, Math.abs(v - 1));
            }
            assertTrue(spread > 0.1, "a large context should move the gate away from 1, max |g-1| = " + spread);
            Linear last = lastLinear(g);
            last.getParameters().get("weight").getArray().set(new float[12 * 64]);
            last.getParameters().get("bias").getArray().set(new float[12]);
            out = EngineSupport.forward(g, m, e);
            for (float v : out.get(1).toFloatArray()) {
                assertEquals(1f, v, 0f);
            }
            EngineSupport.assertAllClose(e.toFloatArray(), out.get(0).toFloatArray(), 0);

            // with context fields: one gate row per sample
            FeatureGating gc = FeatureGating.builder().setFeatureDim(12).setEmbeddingDim(4).optContext(true).build();
            EngineSupport.initialize(gc, m, new Shape(5, 12), new Shape(5, 8));
            NDList outc = EngineSupport.forward(gc, m, e, m.create(gaussian(40, 3, 5), new Shape(5, 8)));
            assertEquals(new Shape(5, 12), outc.get(1).getShape());
        }
    }

    /** logit_t = lin + Σ_h Σ_i Σ_j o1[h·a+i] W[(h·a+i)·b+j, t] o2[h·b+j], written as loops. */
    private static float[] explicitFusion(InteractionAggregation f, float[] o1, float[] o2, int batch, int d1,
            int d2, int k, int t) {
        float[] w = f.bilinearWeight().getArray().toFloatArray();
        List<Block> ch = f.getChildren().values();
        float[] w1 = ch.get(0).getParameters().get("weight").getArray().toFloatArray();
        float[] b1 = ch.get(0).getParameters().get("bias").getArray().toFloatArray();
        float[] w2 = ch.get(1).getParameters().get("weight").getArray().toFloatArray();
        float[] b2 = ch.get(1).getParameters().get("bias").getArray().toFloatArray();
        int a = d1 / k;
        int b = d2 / k;
        float[] out = new float[batch * t];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < t; c++) {
                double s = b1[c] + b2[c];
                for (int i = 0; i < d1; i++) {
                    s += w1[c * d1 + i] * o1[n * d1 + i];
                }
                for (int j = 0; j < d2; j++) {
                    s += w2[c * d2 + j] * o2[n * d2 + j];
                }
                for (int h = 0; h < k; h++) {
                    for (int i = 0; i < a; i++) {
                        for (int j = 0; j < b; j++) {
                            s += o1[n * d1 + h * a + i] * w[((h * a + i) * b + j) * t + c] * o2[n * d2 + h * b + j];
                        }
                    }
                }
                out[n * t + c] = (float) s;
            }
        }
        return out;
    }

    private static InteractionAggregation fusion(NDManager m, int batch, int d1, int d2, int k, int t) {
        InteractionAggregation f = InteractionAggregation.builder().setDims(d1, d2).optHeads(k).optOutputs(t).build();
        EngineSupport.initialize(f, m, new Shape(batch, d1), new Shape(batch, d2));
        List<Block> ch = f.getChildren().values(); // non-zero biases so they are checked too
        ch.get(0).getParameters().get("bias").getArray().set(gaussian(t, 8, 1));
        ch.get(1).getParameters().get("bias").getArray().set(gaussian(t, 9, 1));
        return f;
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void fusionEqualsAnExplicitTripleLoopForSeveralHeadCounts(String engine) {
        int batch = 3;
        int d1 = 12;
        int d2 = 8;
        try (NDManager m = EngineSupport.manager(engine, 4)) {
            for (int[] kt : new int[][] {{4, 1}, {2, 3}, {1, 1}}) { // k = 1: o1ᵀ W o2 + linear terms
                InteractionAggregation f = fusion(m, batch, d1, d2, kt[0], kt[1]);
                assertEquals(new Shape(kt[0] * (d1 / kt[0]) * (d2 / kt[0]), kt[1]),
                        f.bilinearWeight().getArray().getShape());
                float[] o1 = gaussian(batch * d1, 5, 1);
                float[] o2 = gaussian(batch * d2, 6, 1);
                NDArray out = EngineSupport.forward(f, m, m.create(o1, new Shape(batch, d1)),
                        m.create(o2, new Shape(batch, d2))).head();
                assertEquals(new Shape(batch, kt[1]), out.getShape());
                EngineSupport.assertAllClose(explicitFusion(f, o1, o2, batch, d1, d2, kt[0], kt[1]),
                        out.toFloatArray(), 1e-5);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void zeroBilinearWeightIsPurelyLinear(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 4)) {
            InteractionAggregation f = fusion(m, 4, 6, 6, 3, 1);
            f.bilinearWeight().getArray().set(new float[12]);
            float[] o1 = gaussian(24, 1, 1);
            float[] o2 = gaussian(24, 2, 1);
            float[] out = EngineSupport.forward(f, m, m.create(o1, new Shape(4, 6)), m.create(o2, new Shape(4, 6)))
                    .head().toFloatArray();
            // linear: doubling o1 and o2 around 0 must double (output - bias)
            float[] twice = EngineSupport.forward(f, m, m.create(o1, new Shape(4, 6)).mul(2),
                    m.create(o2, new Shape(4, 6)).mul(2)).head().toFloatArray();
            float[] zero = EngineSupport.forward(f, m, m.zeros(new Shape(4, 6)), m.zeros(new Shape(4, 6)))
                    .head().toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(2 * (out[i] - zero[i]), twice[i] - zero[i], 1e-5);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void permutingHeadsConsistentlyLeavesTheOutputUnchanged(String engine) {
        int batch = 5;
        int k = 4;
        int a = 3;
        int b = 2;
        int[] perm = {2, 0, 3, 1};
        try (NDManager m = EngineSupport.manager(engine, 4)) {
            InteractionAggregation f = fusion(m, batch, k * a, k * b, k, 1);
            // zero the linear terms: they are not head-structured
            for (Block c : f.getChildren().values()) {
                c.getParameters().get("weight").getArray().set(new float[(int) c.getParameters().get("weight")
                        .getArray().size()]);
            }
            float[] o1 = gaussian(batch * k * a, 1, 1);
            float[] o2 = gaussian(batch * k * b, 2, 1);
            float[] w = f.bilinearWeight().getArray().toFloatArray();
            float[] before = EngineSupport.forward(f, m, m.create(o1, new Shape(batch, k * a)),
                    m.create(o2, new Shape(batch, k * b))).head().toFloatArray();
            float[] p1 = new float[o1.length];
            float[] p2 = new float[o2.length];
            float[] pw = new float[w.length];
            for (int h = 0; h < k; h++) {
                int src = perm[h];
                for (int n = 0; n < batch; n++) {
                    System.arraycopy(o1, n * k * a + src * a, p1, n * k * a + h * a, a);
                    System.arraycopy(o2, n * k * b + src * b, p2, n * k * b + h * b, b);
                }
                System.arraycopy(w, src * a * b, pw, h * a * b, a * b);
            }
            f.bilinearWeight().getArray().set(pw);
            float[] after = EngineSupport.forward(f, m, m.create(p1, new Shape(batch, k * a)),
                    m.create(p2, new Shape(batch, k * b))).head().toFloatArray();
            EngineSupport.assertAllClose(before, after, 1e-6);
        }
    }

    @Test
    void headsMustDivideBothStreamWidths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InteractionAggregation.builder().setDims(12, 10).optHeads(4).build());
        assertTrue(e.getMessage().contains("d2 = 10"), e.getMessage());
        CtrLayout layout = CtrLayout.categorical(new int[] {5, 6}, "click");
        assertThrows(IllegalArgumentException.class,
                () -> FinalMlp.builder().setLayout(layout).optMlp1(64).optMlp2(30).optHeads(4).build());
        // DualMLP has no fusion, so any widths go
        FinalMlp.builder().setLayout(layout).optMlp1(64).optMlp2(30).optHeads(4).optFusion(false).build();
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void shapesAndProbabilityRange(String engine) {
        PlantedCtr.Data d = PlantedCtr.generate(new int[] {7, 5, 9, 4}, 32, 0, 1, 0, 1, 1, 3);
        CtrLayout layout = CtrTestData.layout(d);
        try (NDManager m = EngineSupport.manager(engine, 5)) {
            Shape in = new Shape(32, 4);
            for (FinalMlp model : List.of(FinalMlp.builder().setLayout(layout).optEmbeddingDim(6).optMlp1(16, 8)
                    .optMlp2(12).optHeads(4).build(),
                    FinalMlp.builder().setLayout(layout).optEmbeddingDim(6).optMlp1(16, 8).optMlp2(12).optHeads(4)
                            .optContextFields(new int[] {0}, new int[] {1, 2}).optBatchNorm(true, false).build(),
                    FinalMlp.builder().setLayout(layout).optFeatureGating(false).optFusion(false).build())) {
                EngineSupport.initialize(model, m, in);
                NDArray logits = CtrTestData.forward(model, m, CtrTestData.batch(m, d, 0, 32)).head();
                assertEquals(new Shape(32, 1), logits.getShape());
                for (float p : ai.djl.nn.Activation.sigmoid(logits).toFloatArray()) {
                    assertTrue(p > 0 && p < 1, "probability " + p);
                }
            }
            FinalMlp model = FinalMlp.builder().setLayout(layout).optEmbeddingDim(6).optMlp1(16, 8).optMlp2(12)
                    .optHeads(4).build();
            EngineSupport.initialize(model, m, in);
            NDArray e = model.embedding().forward(new ai.djl.training.ParameterStore(m, false),
                    new NDList(CtrTestData.batch(m, d, 0, 32)), false).head();
            assertEquals(new Shape(32, 4, 6), e.getShape()); // e flattened: (B, F·d) = (32, 24)
            Shape eFlat = new Shape(32, 24);
            assertEquals(eFlat, model.gate(1).getOutputShapes(new Shape[] {eFlat})[0]);
            assertEquals(new Shape(32, 1), model.fusion().getOutputShapes(new Shape[] {new Shape(32, 8),
                    new Shape(32, 12)})[0]);
            List<Block> ch = model.getChildren().values(); // embedding, gate1, gate2, mlp1, mlp2, fusion
            assertEquals(6, ch.size());
            assertEquals(new Shape(32, 8), ch.get(3).getOutputShapes(new Shape[] {eFlat})[0]);
            assertEquals(new Shape(32, 12), ch.get(4).getOutputShapes(new Shape[] {eFlat})[0]);
        }
    }

    @Test
    void finalMlpAgreesAcrossEnginesForFixedWeights() {
        PlantedCtr.Data d = PlantedCtr.generate(new int[] {7, 5, 9, 4}, 16, 0, 1, 0, 1, 1, 3);
        CtrLayout layout = CtrTestData.layout(d);
        double diff = CtrTestData.crossEngineMaxDiff(() -> FinalMlp.builder().setLayout(layout).optEmbeddingDim(5)
                .optMlp1(32, 16).optMlp2(8).optHeads(4).build(), CtrTestData.ids(d, 0, 16), new Shape(16, 4));
        assertTrue(diff < 1e-5, "max diff " + diff);
        double dual = CtrTestData.crossEngineMaxDiff(() -> FinalMlp.builder().setLayout(layout)
                .optFeatureGating(false).optFusion(false).build(), CtrTestData.ids(d, 0, 16), new Shape(16, 4));
        assertTrue(dual < 1e-5, "DualMLP max diff " + dual);
    }
}
