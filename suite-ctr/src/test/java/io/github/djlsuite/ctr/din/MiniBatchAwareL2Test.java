package io.github.djlsuite.ctr.din;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.ctr.FeatureEmbedding;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class MiniBatchAwareL2Test {

    /** item (6) + cate (4) + user (5) categorical; item and cate histories (shared) and an own tag sequence (3). */
    static final CtrLayout LAYOUT = new CtrLayout(List.of("item", "cate", "user"), new int[] {6, 4, 5}, List.of(),
            List.of(new CtrLayout.Sequence("hist_item", 6, 3, 0), new CtrLayout.Sequence("hist_cate", 4, 3, 1),
                    new CtrLayout.Sequence("tags", 3, 2, -1)),
            List.of("click"));
    static final int DIM = 2;
    static final int ROWS = 6 + 4 + 5 + 3;

    /** Two samples: ids per field; row ids = offsets (item 0, cate 6, user 10, tags 15) + id. */
    static final int[] CAT = {2, 3, 4, 2, 2, 4};
    static final int[] HIST_ITEM = {3, 5, 0, 2, 2, 0};
    static final int[] HIST_CATE = {2, 3, 0, 3, 3, 0};
    static final int[] TAGS = {2, 0, 0, 0};

    static NDList batch(NDManager m) {
        return new NDList(m.create(CAT, new Shape(2, 3)), m.create(HIST_ITEM, new Shape(2, 3)),
                m.create(HIST_CATE, new Shape(2, 3)), m.create(TAGS, new Shape(2, 2)));
    }

    @Test
    void offsetsAndFrequenciesFollowTheTableLayout() {
        int[][] off = MiniBatchAwareL2.rowOffsets(LAYOUT);
        assertArrayEquals(new int[] {0, 6, 10}, off[0]);
        assertArrayEquals(new int[] {0, 6, 15}, off[1]);
        assertEquals(ROWS, off[2][0]);
        int[] n = MiniBatchAwareL2.frequencies(LAYOUT, CAT, HIST_ITEM, HIST_CATE, TAGS);
        int[] expected = new int[ROWS];
        expected[2] = 2; // item 2: sample 0 candidate, sample 1 history (twice, counted once)
        expected[3] = 1;
        expected[5] = 1;
        expected[6 + 2] = 1; // cate 2: sample 1 history
        expected[6 + 3] = 2; // cate 3: sample 0 candidate and sample 1 history
        expected[10 + 4] = 2; // user 4 in both
        expected[15 + 2] = 1; // tag 2
        expected[6 + 2] += 1; // sample 1's candidate cate is 2
        assertArrayEquals(expected, n);
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void rowOffsetsMatchTheEmbeddingLookup(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            FeatureEmbedding emb = FeatureEmbedding.builder().setLayout(LAYOUT).setEmbeddingDim(DIM)
                    .optPoolSequences(false).build();
            EngineSupport.initialize(emb, m, new Shape(2, 3), new Shape(2, 3), new Shape(2, 3), new Shape(2, 2));
            assertEquals(ROWS, emb.tableRows());
            float[] rowIndex = new float[ROWS * DIM];
            for (int i = 0; i < rowIndex.length; i++) {
                rowIndex[i] = i / DIM;
            }
            emb.getParameters().get("table").getArray().set(rowIndex);
            int[][] off = MiniBatchAwareL2.rowOffsets(LAYOUT);
            float[] e = EngineSupport.forward(emb, m, batch(m).toArray(new NDArray[0])).head().toFloatArray();
            for (int i = 0; i < CAT.length; i++) {
                assertEquals(off[0][i % 3] + CAT[i], e[i * DIM], "categorical " + i);
            }
            float[] tags = emb.sequence(new ParameterStore(m, false), batch(m), 2, false).get(0).toFloatArray();
            assertEquals(off[1][2] + TAGS[0], tags[0]);
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void gradientIsTwoLambdaOverNTimesWForPresentRowsAndZeroElsewhere(String engine) {
        float lambda = 0.3f;
        try (NDManager m = EngineSupport.manager(engine, 2)) {
            FeatureEmbedding emb = FeatureEmbedding.builder().setLayout(LAYOUT).setEmbeddingDim(DIM)
                    .optPoolSequences(false).optInitStd(1f).build();
            EngineSupport.initialize(emb, m, new Shape(2, 3), new Shape(2, 3), new Shape(2, 3), new Shape(2, 2));
            // training-set frequencies different from the batch's, so n_j is really read
            int[] n = new int[ROWS];
            for (int j = 0; j < ROWS; j++) {
                n[j] = 1 + j % 4;
            }
            MiniBatchAwareL2 reg = new MiniBatchAwareL2(lambda, emb, n);
            NDArray w = emb.getParameters().get("table").getArray();
            float[] wv = w.toFloatArray();
            NDList data = batch(m);
            boolean[] present = new boolean[ROWS];
            for (int j : reg.presentRows(data)) {
                present[j] = true;
            }
            int[] expectedRows = {2, 3, 5, 6 + 2, 6 + 3, 10 + 4, 15 + 2};
            assertArrayEquals(expectedRows, reg.presentRows(data));

            // (1) autograd through penalty()
            w.setRequiresGradient(true);
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                gc.backward(reg.penalty(w, data));
            }
            float[] g = w.getGradient().toFloatArray();
            double value = 0;
            for (int j = 0; j < ROWS; j++) {
                for (int k = 0; k < DIM; k++) {
                    double expected = present[j] ? 2 * lambda / n[j] * wv[j * DIM + k] : 0;
                    assertEquals(expected, g[j * DIM + k], 1e-6, "row " + j);
                    value += present[j] ? lambda * wv[j * DIM + k] * wv[j * DIM + k] / n[j] : 0;
                }
            }
            assertEquals(value, reg.penalty(w, data).getFloat(), 1e-5);

            // (2) the listener's update: adds exactly that to the gradient a backward pass left
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray out = emb.forward(new ParameterStore(m, false), data, true).head();
                gc.backward(out.sum());
            }
            float[] before = w.getGradient().toFloatArray();
            reg.addGradient(data);
            float[] after = w.getGradient().toFloatArray();
            for (int j = 0; j < ROWS; j++) {
                for (int k = 0; k < DIM; k++) {
                    double expected = present[j] ? 2 * lambda / n[j] * wv[j * DIM + k] : 0;
                    assertEquals(expected, after[j * DIM + k] - before[j * DIM + k], 1e-6, "row " + j);
                }
            }
            // λ = 0 leaves it alone
            new MiniBatchAwareL2(0, emb, n).addGradient(data);
            EngineSupport.assertAllClose(after, w.getGradient().toFloatArray(), 0);
        }
    }

    @Test
    void rejectsWrongFrequencyLength() {
        FeatureEmbedding emb = FeatureEmbedding.builder().setLayout(LAYOUT).setEmbeddingDim(DIM).build();
        assertThrows(IllegalArgumentException.class, () -> new MiniBatchAwareL2(0.1f, emb, new int[3]));
        assertThrows(IllegalArgumentException.class, () -> new MiniBatchAwareL2(-1f, emb, new int[ROWS]));
    }
}
