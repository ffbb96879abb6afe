package io.github.djlsuite.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.synthetic.ModularArithmetic.Op;
import io.github.djlsuite.datasets.synthetic.ModularArithmetic.Task;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModularArithmeticTest {

    @Test
    void opsMatchTheFormula() {
        assertEquals(1, Op.ADD.apply(5, 3, 7));
        assertEquals(5, Op.SUB.apply(1, 3, 7));
        assertEquals(1, Op.MUL.apply(5, 3, 7));
    }

    @Test
    void deterministicPerSeed() {
        Task a = ModularArithmetic.generate(23, Op.MUL, 0.5, 0.1, 7);
        Task b = ModularArithmetic.generate(23, Op.MUL, 0.5, 0.1, 7);
        Task c = ModularArithmetic.generate(23, Op.MUL, 0.5, 0.1, 8);
        assertArrayEquals(a.train().a(), b.train().a());
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertArrayEquals(a.corruptedIndices(), b.corruptedIndices());
        assertFalse(Arrays.equals(a.train().a(), c.train().a()));
    }

    @Test
    void splitsCoverAllPairsAndCorruptionIsExact() {
        for (Op op : Op.values()) {
            int p = 31;
            Task t = ModularArithmetic.generate(p, op, 0.4, 0.25, 3);
            int nTrain = (int) Math.round(0.4 * p * p);
            assertEquals(nTrain, t.train().size());
            assertEquals(p * p - nTrain, t.test().size());
            Set<Integer> seen = new HashSet<>();
            for (var s : new ModularArithmetic.Split[] {t.train(), t.test()}) {
                for (int i = 0; i < s.size(); i++) {
                    assertTrue(seen.add(s.a()[i] * p + s.b()[i]));
                }
            }
            assertEquals(p * p, seen.size());
            int nCorrupt = (int) Math.round(0.25 * nTrain);
            assertEquals(nCorrupt, t.corruptedIndices().length);
            Set<Integer> bad = new HashSet<>();
            for (int j = 0; j < nCorrupt; j++) {
                int i = t.corruptedIndices()[j];
                bad.add(i);
                int truth = op.apply(t.train().a()[i], t.train().b()[i], p);
                assertEquals(truth, t.corruptedTrueLabels()[j]);
                assertNotEquals(truth, t.train().labels()[i]);
                assertTrue(t.train().labels()[i] >= 0 && t.train().labels()[i] < p);
            }
            int wrong = 0;
            for (int i = 0; i < nTrain; i++) {
                boolean ok = t.train().labels()[i] == op.apply(t.train().a()[i], t.train().b()[i], p);
                assertEquals(!bad.contains(i), ok);
                wrong += ok ? 0 : 1;
            }
            assertEquals(nCorrupt, wrong);
            for (int i = 0; i < t.test().size(); i++) {
                assertEquals(op.apply(t.test().a()[i], t.test().b()[i], p), t.test().labels()[i]);
            }
        }
    }

    @Test
    void datasetShapes() throws Exception {
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            Task t = ModularArithmetic.generate(7, Op.ADD, 0.5, 0, 1);
            Batch batch = t.train().toDataset(m, 8, false).getData(m).iterator().next();
            assertEquals(8, batch.getData().head().getShape().get(0));
            assertEquals(2, batch.getData().head().getShape().get(1));
            assertEquals(t.train().b()[0], batch.getData().head().getInt(0, 1));
            assertEquals(t.train().labels()[0], batch.getLabels().head().getFloat(0), 0);
            batch.close();
        }
    }
}
