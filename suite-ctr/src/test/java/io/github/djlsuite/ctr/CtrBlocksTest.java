package io.github.djlsuite.ctr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import io.github.djlsuite.datasets.synthetic.PlantedCtr;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CtrBlocksTest {

    /** 2 categorical fields (vocab 5, 4), 1 numeric, a history sharing field 1 (L = 3), a tag sequence (vocab 6, L = 2). */
    private static CtrLayout richLayout() {
        return new CtrLayout(List.of("user", "item"), new int[] {5, 4}, List.of("price"),
                List.of(new CtrLayout.Sequence("history", 4, 3, 1), new CtrLayout.Sequence("tags", 6, 2, -1)),
                List.of("click", "buy"));
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void featureEmbeddingLooksUpOffsetsNumericAndSequences(String engine) {
        CtrLayout layout = richLayout();
        FeatureEmbedding emb = FeatureEmbedding.builder().setLayout(layout).setEmbeddingDim(3).build();
        assertEquals(5 + 4 + 6, emb.tableRows());
        assertEquals(2 + 1 + 2, emb.numFields());
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            Shape[] shapes = {new Shape(2, 2), new Shape(2, 1), new Shape(2, 3), new Shape(2, 2)};
            emb.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, shapes);
            float[] table = new float[15 * 3];
            for (int i = 0; i < table.length; i++) {
                table[i] = i; // row r = (3r, 3r+1, 3r+2)
            }
            emb.getParameters().get("table").getArray().set(table);
            emb.getParameters().get("numeric").getArray().set(new float[] {1, 2, 3});
            NDList in = new NDList(m.create(new int[] {2, 3, 4, 0}, new Shape(2, 2)),
                    m.create(new float[] {0.5f, -1f}, new Shape(2, 1)),
                    m.create(new int[] {2, 3, 0, 0, 0, 0}, new Shape(2, 3)),
                    m.create(new int[] {5, 1, 0, 2}, new Shape(2, 2)));
            NDArray out = emb.forward(new ParameterStore(m, false), in, false).head();
            assertEquals(new Shape(2, 5, 3), out.getShape());
            float[] o = out.toFloatArray();
            // sample 0: user 2 -> row 2; item 3 -> row 5+3 = 8; price 0.5·(1,2,3);
            // history (2, 3) -> rows 7, 8 mean; tags (5, 1) -> rows 14, 10 mean = row 12
            assertArrayEquals(new float[] {6, 7, 8, 24, 25, 26, 0.5f, 1, 1.5f, 22.5f, 23.5f, 24.5f, 36, 37, 38},
                    java.util.Arrays.copyOfRange(o, 0, 15), 1e-5f);
            // sample 1: user 4 -> row 4; item 0 (PAD) -> row 5; price -1; empty history -> 0; tags (0, 2) -> row 11 only
            assertArrayEquals(new float[] {12, 13, 14, 15, 16, 17, -1, -2, -3, 0, 0, 0, 33, 34, 35},
                    java.util.Arrays.copyOfRange(o, 15, 30), 1e-5f);
            NDList seq = emb.sequence(new ParameterStore(m, false), in, 0, false);
            assertEquals(new Shape(2, 3, 3), seq.get(0).getShape());
            assertArrayEquals(new float[] {1, 1, 0, 0, 0, 0}, seq.get(1).toFloatArray());
            assertArrayEquals(new float[] {21, 22, 23, 24, 25, 26, 0, 0, 0},
                    java.util.Arrays.copyOfRange(seq.get(0).toFloatArray(), 0, 9), 1e-5f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> emb.forward(new ParameterStore(m, false), new NDList(in.get(0)), false));
            assertTrue(e.getMessage().contains("expects 4 input arrays"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void idsOutsideTheirVocabularyAreRefusedNamingTheField(String engine) {
        CtrLayout layout = richLayout();
        FeatureEmbedding emb = FeatureEmbedding.builder().setLayout(layout).setEmbeddingDim(3).build();
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            Shape[] shapes = {new Shape(2, 2), new Shape(2, 1), new Shape(2, 3), new Shape(2, 2)};
            emb.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, shapes);
            NDArray price = m.create(new float[] {0.5f, -1f}, new Shape(2, 1));
            NDArray history = m.create(new int[] {2, 3, 0, 0, 0, 0}, new Shape(2, 3));
            NDArray tags = m.create(new int[] {5, 1, 0, 2}, new Shape(2, 2));
            // item's vocabulary is 4: id 4 would silently read row 5 + 4 = 9, the first row of 'tags'
            NDList badItem = new NDList(m.create(new int[] {2, 3, 4, 4}, new Shape(2, 2)), price, history, tags);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> emb.forward(new ParameterStore(m, false), badItem, false));
            assertTrue(e.getMessage().startsWith("categorical field 'item' has id 4, outside its vocabulary [0, 4)"),
                    engine + ": " + e.getMessage());
            NDList negative = new NDList(m.create(new int[] {-1, 3, 4, 0}, new Shape(2, 2)), price, history, tags);
            e = assertThrows(IllegalArgumentException.class, () -> emb.forward(new ParameterStore(m, false), negative,
                    false));
            assertTrue(e.getMessage().startsWith("categorical field 'user' has id -1"), e.getMessage());
            NDList badTags = new NDList(m.create(new int[] {2, 3, 4, 0}, new Shape(2, 2)), price, history,
                    m.create(new int[] {5, 6, 0, 2}, new Shape(2, 2)));
            e = assertThrows(IllegalArgumentException.class, () -> emb.forward(new ParameterStore(m, false), badTags,
                    false));
            assertTrue(e.getMessage().startsWith("sequence 'tags' has id 6, outside its vocabulary [0, 6)"),
                    e.getMessage());
        }
    }

    @Test
    void sharedSequenceMustMatchTheFieldVocabulary() {
        CtrLayout bad = new CtrLayout(List.of("item"), new int[] {4}, List.of(),
                List.of(new CtrLayout.Sequence("history", 9, 3, 0)), List.of("click"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureEmbedding.builder().setLayout(bad).setEmbeddingDim(2).build());
        assertTrue(e.getMessage().contains("history"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void fmTermEqualsPairwiseDotProducts(String engine) {
        Random r = new Random(2);
        float[] v = new float[3 * 4 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            float[] fm = DeepFm.fmTerm(m.create(v, new Shape(3, 4, 5))).toFloatArray();
            assertEquals(3, fm.length);
            for (int b = 0; b < 3; b++) {
                double s = 0;
                for (int f = 0; f < 4; f++) {
                    for (int g = f + 1; g < 4; g++) {
                        for (int k = 0; k < 5; k++) {
                            s += v[(b * 4 + f) * 5 + k] * v[(b * 4 + g) * 5 + k];
                        }
                    }
                }
                assertEquals(s, fm[b], 1e-4);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void dnnAndDeepFmOutputOneLogitPerTask(String engine) {
        CtrLayout layout = richLayout();
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            Shape[] shapes = {new Shape(4, 2), new Shape(4, 1), new Shape(4, 3), new Shape(4, 2)};
            NDArray[] in = {m.create(new int[] {2, 3, 4, 0, 1, 1, 3, 2}, shapes[0]), m.ones(shapes[1]),
                    m.create(new int[12], shapes[2]).add(2), m.create(new int[8], shapes[3]).add(3)};
            for (var block : List.of(Dnn.builder().setLayout(layout).optHidden(8, 8).build(),
                    DeepFm.builder().setLayout(layout).optHidden(8).optBatchNorm(true).build())) {
                EngineSupport.initialize(block, m, shapes);
                NDArray out = EngineSupport.forward(block, m, in).head();
                assertEquals(new Shape(4, 2), out.getShape());
                assertEquals(new Shape(4, 2), block.getOutputShapes(shapes)[0]);
            }
        }
    }

    @Test
    void ctrMlpLayersAndValidation() {
        SequentialBlock b = CtrMlp.builder().setHidden(8, 4).optBatchNorm(true).optDropout(0.1f).optOutputUnits(1).build();
        assertEquals(2 * 4 + 1, b.getChildren().size()); // (Linear, BN, ReLU, Dropout) × 2 + Linear
        assertThrows(IllegalArgumentException.class, () -> CtrMlp.builder().build());
        assertThrows(IllegalArgumentException.class, () -> CtrMlp.builder().setHidden(4).optDropout(1f).build());
    }

    @Test
    void dnnAndDeepFmAgreeAcrossEngines() {
        PlantedCtr.Data d = PlantedCtr.generate(new int[] {7, 5, 9}, 16, 0, 1, 0, 1, 1, 3);
        CtrLayout layout = CtrTestData.layout(d);
        int[] ids = CtrTestData.ids(d, 0, 16);
        assertTrue(CtrTestData.crossEngineMaxDiff(() -> Dnn.builder().setLayout(layout).optEmbeddingDim(4)
                .optHidden(16, 8).build(), ids, new Shape(16, 3)) < 1e-5);
        assertTrue(CtrTestData.crossEngineMaxDiff(() -> DeepFm.builder().setLayout(layout).optEmbeddingDim(4)
                .optHidden(16).build(), ids, new Shape(16, 3)) < 1e-5);
    }
}
