package io.github.djlsuite.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.djlsuite.core.testing.EngineSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RowsTest {

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void gatherEqualsIndexingAndAccumulatesRepeatedRows(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            NDArray table = m.randomNormal(new Shape(7, 3));
            int[] ids = {4, 0, 4, 6, 4, 2, 0};
            NDArray idx = m.create(ids);
            NDArray w = m.randomNormal(new Shape(ids.length, 3)); // weights of a linear loss Σ w ⊙ rows
            table.setRequiresGradient(true);
            float[] out;
            try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                NDArray rows = Rows.gather(table, idx);
                assertEquals(new Shape(ids.length, 3), rows.getShape());
                out = rows.toFloatArray();
                gc.backward(rows.mul(w).sum());
            }
            assertArrayEquals(table.get(new NDIndex("{}", idx)).toFloatArray(), out, 0f, engine);
            // d/d table[r] = Σ over the positions k with ids[k] = r of w[k]
            float[] wv = w.toFloatArray();
            float[] expected = new float[7 * 3];
            for (int k = 0; k < ids.length; k++) {
                for (int j = 0; j < 3; j++) {
                    expected[ids[k] * 3 + j] += wv[k * 3 + j];
                }
            }
            assertArrayEquals(expected, table.getGradient().toFloatArray(), 1e-6f, engine);
            assertEquals(0f, table.getGradient().get(new NDIndex("{}", m.create(new int[] {1, 3, 5}))).abs().sum()
                    .getFloat(), engine + ": rows never gathered get no gradient");
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void int64IndicesWorkAndBadShapesAreRejected(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            NDArray table = m.arange(12f).reshape(4, 3);
            assertArrayEquals(new float[] {9, 10, 11, 0, 1, 2}, Rows.gather(table, m.create(new long[] {3, 0}))
                    .toFloatArray(), 0f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Rows.gather(table, m.create(new int[] {0, 1}, new Shape(1, 2))));
            assertEquals("Rows.gather expects 1-d int32/int64 indices, got (1, 2) int32", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Rows.gather(table.reshape(12), m.create(new int[] {0})));
            assertThrows(IllegalArgumentException.class, () -> Rows.gather(table, m.create(new float[] {0f})));
        }
    }
}
