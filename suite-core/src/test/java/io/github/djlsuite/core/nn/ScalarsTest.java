package io.github.djlsuite.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.djlsuite.core.testing.EngineSupport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScalarsTest {

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void scalarSurvivesGarbageCollectionBetweenForwardAndBackward(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            for (int round = 0; round < 20; round++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = step.create(new float[] {1f, -2f, 0.5f});
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = m.getEngine().newGradientCollector()) {
                        NDArray y = Scalars.div(Scalars.mul(x, 3f), 2f); // y = 1.5 x
                        churn(); // collect garbage and reuse freed native memory before backward
                        gc.backward(y.sum());
                    }
                    float[] g = x.getGradient().toFloatArray();
                    for (float v : g) {
                        assertEquals(1.5f, v, 0f, "d(3x/2)/dx on " + engine + ", round " + round);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void constantHasTheInputsTypeAndValue(String engine) {
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            NDArray x = m.create(new double[] {1, 2});
            NDArray c = Scalars.constant(x, 0.25f);
            assertEquals(x.getDataType(), c.getDataType());
            assertEquals(0.25, c.getDouble(), 0);
            assertEquals(0.5, Scalars.mul(x, 0.25f).getDouble(1), 0);
            assertEquals(8.0, Scalars.div(x, 0.25f).getDouble(1), 0);
        }
    }

    private static void churn() {
        List<ByteBuffer> hold = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            System.gc();
            for (int j = 0; j < 64; j++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4);
                b.putFloat(0, Float.NaN);
                hold.add(b);
            }
        }
    }
}
