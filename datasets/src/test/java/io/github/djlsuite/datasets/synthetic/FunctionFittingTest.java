package io.github.djlsuite.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.synthetic.FunctionFitting.Target;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FunctionFittingTest {

    @Test
    void closedFormsAtHandPickedPoints() {
        assertEquals(0.0, Target.F1_SIN20.value(0), 1e-12);
        assertEquals(Math.sin(10) * Math.exp(-0.25), Target.F1_SIN20.value(0.5), 1e-12);
        assertEquals(Math.E, Target.F2_EXP_SIN.value(0, 1), 1e-12); // exp(sin 0 + 1)
        assertEquals(Math.E, Target.F2_EXP_SIN.value(0.5, 0), 1e-12); // exp(sin(pi/2))
        assertEquals(-0.06, Target.F3_PRODUCT.value(0.2, -0.3), 1e-12);
        assertEquals(1.0, Target.F4_HIGH_DIM.value(0, 0, 0, 0), 1e-12);
        assertEquals(Math.exp(1), Target.F4_HIGH_DIM.value(Math.sqrt(0.5), 0, 0, Math.sqrt(0.5)), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Target.F3_PRODUCT.value(1));
    }

    @Test
    void samplesAreSeededUniformAndExact() {
        FunctionFitting.Sample a = FunctionFitting.sample(Target.F4_HIGH_DIM, 500, 1);
        FunctionFitting.Sample b = FunctionFitting.sample(Target.F4_HIGH_DIM, 500, 1);
        FunctionFitting.Sample c = FunctionFitting.sample(Target.F4_HIGH_DIM, 500, 2);
        assertArrayEquals(a.x(), b.x());
        assertFalse(Arrays.equals(a.x(), c.x()));
        double min = 1;
        double max = -1;
        for (float v : a.x()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= -1 && min < -0.95 && max <= 1 && max > 0.95, min + " " + max);
        for (int i = 0; i < a.size(); i++) {
            double[] row = new double[4];
            for (int j = 0; j < 4; j++) {
                row[j] = a.x()[i * 4 + j];
            }
            assertEquals(Target.F4_HIGH_DIM.value(row), a.y()[i], 1e-5);
        }
        assertTrue(a.targetVariance() > 0);
    }

    @Test
    void datasetBatchesHaveTheRightShapes() throws Exception {
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            FunctionFitting.Sample s = FunctionFitting.sample(Target.F2_EXP_SIN, 10, 3);
            Batch batch = s.toDataset(m, 4, false).getData(m).iterator().next();
            assertEquals(4, batch.getData().head().getShape().get(0));
            assertEquals(2, batch.getData().head().getShape().get(1));
            assertEquals(1, batch.getLabels().head().getShape().get(1));
            assertEquals(s.y()[0], batch.getLabels().head().getFloat(0, 0), 0);
            batch.close();
        }
    }
}
