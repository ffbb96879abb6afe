package io.github.djlsuite.ctr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MultiTaskBaselinesTest {

    static final int B = 4;
    static final CtrLayout LAYOUT = new CtrLayout(List.of("user", "item"), new int[] {9, 15}, List.of(),
            List.of(new CtrLayout.Sequence("clicks", 15, 5, 1), new CtrLayout.Sequence("buys", 15, 3, 1)),
            List.of("click", "buy", "share"));

    static NDList inputs(NDManager m) {
        Random r = new Random(3);
        int[] cat = new int[B * 2];
        for (int i = 0; i < cat.length; i++) {
            cat[i] = 2 + r.nextInt(7);
        }
        int[] clicks = new int[B * 5];
        int[] buys = new int[B * 3];
        for (int i = 0; i < B; i++) {
            for (int k = 0; k < 5 - i; k++) {
                clicks[5 * i + k] = 2 + r.nextInt(13);
            }
            for (int k = 0; k < i % 3; k++) {
                buys[3 * i + k] = 2 + r.nextInt(13); // sample 0 and 3: empty purchase history
            }
        }
        return new NDList(m.create(cat, new Shape(B, 2)), m.create(clicks, new Shape(B, 5)),
                m.create(buys, new Shape(B, 3)));
    }

    static final Shape[] SHAPES = {new Shape(B, 2), new Shape(B, 5), new Shape(B, 3)};

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void outputsOneLogitPerTaskAndGatesSumToOne(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            SharedBottom sb = SharedBottom.builder().setLayout(LAYOUT).optEmbeddingDim(4).optSharedHidden(8)
                    .optTowerHidden(4).build();
            EngineSupport.initialize(sb, m, SHAPES);
            NDArray out = EngineSupport.forward(sb, m, inputs(m).toArray(new NDArray[0])).head();
            assertEquals(new Shape(B, 3), out.getShape());
            assertEquals(out.getShape(), sb.getOutputShapes(SHAPES)[0]);
            assertTrue(Float.isFinite(out.sum().getFloat()));

            Mmoe mmoe = Mmoe.builder().setLayout(LAYOUT).optEmbeddingDim(4).optExperts(3).optExpertHidden(8)
                    .optTowerHidden(4).build();
            EngineSupport.initialize(mmoe, m, SHAPES);
            out = EngineSupport.forward(mmoe, m, inputs(m).toArray(new NDArray[0])).head();
            assertEquals(new Shape(B, 3), out.getShape());
            NDArray g = mmoe.gateWeights(new ParameterStore(m, false), inputs(m), false);
            assertEquals(new Shape(B, 3, 3), g.getShape());
            float[] sums = g.sum(new int[] {2}).toFloatArray();
            for (float s : sums) {
                assertEquals(1f, s, 1e-6f);
            }
            for (float v : g.toFloatArray()) {
                assertTrue(v > 0 && v < 1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void everyParameterGetsAGradient(String engine) {
        for (Supplier<Block> f : List.<Supplier<Block>>of(
                () -> SharedBottom.builder().setLayout(LAYOUT).optEmbeddingDim(4).optSharedHidden(8).optTowerHidden(4)
                        .build(),
                () -> Mmoe.builder().setLayout(LAYOUT).optEmbeddingDim(4).optExperts(2).optExpertHidden(8)
                        .optTowerHidden(4).build())) {
            try (NDManager m = EngineSupport.manager(engine, 2)) {
                Block block = f.get();
                EngineSupport.initialize(block, m, SHAPES);
                NDArray table = block.getParameters().stream().filter(p -> p.getKey().endsWith("table")).findFirst()
                        .orElseThrow().getValue().getArray();
                table.set(DtrnFreeGaussian.values((int) table.size()));
                Map<String, Double> norms = EngineSupport.gradientNorms(block, m, inputs(m).toArray(new NDArray[0]));
                for (Map.Entry<String, Double> e : norms.entrySet()) {
                    if (e.getKey().contains("din_") && e.getKey().endsWith("03Linear_bias")) {
                        // the score bias cancels in the softmax over positions: its gradient is zero
                        assertTrue(e.getValue() < 1e-6, e.getKey() + " " + e.getValue());
                        continue;
                    }
                    assertTrue(e.getValue() > 0, e.getKey() + " has no gradient");
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void enginesAgree() {
        for (Supplier<Block> f : List.<Supplier<Block>>of(
                () -> SharedBottom.builder().setLayout(LAYOUT).optEmbeddingDim(4).optSharedHidden(8).build(),
                () -> Mmoe.builder().setLayout(LAYOUT).optEmbeddingDim(4).optExpertHidden(8).build())) {
            float[] ref;
            byte[] params;
            Block a = f.get();
            try (NDManager m = EngineSupport.manager("PyTorch", 5)) {
                EngineSupport.initialize(a, m, SHAPES);
                NDArray table = a.getParameters().stream().filter(p -> p.getKey().endsWith("table")).findFirst()
                        .orElseThrow().getValue().getArray();
                table.set(DtrnFreeGaussian.values((int) table.size()));
                params = EngineSupport.saveParameters(a);
                ref = EngineSupport.forward(a, m, inputs(m).toArray(new NDArray[0])).head().toFloatArray();
            }
            Block b = f.get();
            try (NDManager m = EngineSupport.manager("MXNet", 5)) {
                EngineSupport.initialize(b, m, SHAPES);
                EngineSupport.loadParameters(b, m, params);
                EngineSupport.assertAllClose(ref, EngineSupport.forward(b, m, inputs(m).toArray(new NDArray[0]))
                        .head().toFloatArray(), 1e-5);
            }
        }
    }

    /** Gaussian values (σ 0.5) for embedding tables, so attention and MLPs see non-trivial inputs. */
    static final class DtrnFreeGaussian {
        static float[] values(int n) {
            Random r = new Random(17);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (0.5 * r.nextGaussian());
            }
            return v;
        }
    }
}
