package io.github.djlsuite.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.synthetic.SequenceTasks.Sequences;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SequenceTasksTest {

    @Test
    void deterministicPerSeed() {
        assertArrayEquals(SequenceTasks.copy(50, 8, 6, 1).inputs(), SequenceTasks.copy(50, 8, 6, 1).inputs());
        assertFalse(Arrays.equals(SequenceTasks.copy(50, 8, 6, 1).inputs(), SequenceTasks.copy(50, 8, 6, 2).inputs()));
        assertArrayEquals(SequenceTasks.associativeRecall(50, 10, 5, 4, 1).inputs(),
                SequenceTasks.associativeRecall(50, 10, 5, 4, 1).inputs());
        assertArrayEquals(SequenceTasks.associativeRecall(50, 10, 5, 4, 1).targets(),
                SequenceTasks.associativeRecall(50, 10, 5, 4, 1).targets());
    }

    @Test
    void copyTargetsReproduceTheContent() {
        int vocab = 8;
        int len = 6;
        Sequences s = SequenceTasks.copy(200, vocab, len, 3);
        assertEquals(2 * len + 1, s.inputLength());
        assertEquals(len, s.targetLength());
        assertEquals(vocab + 2, s.inputVocab());
        assertEquals(vocab, s.targetVocab());
        assertEquals(200 * (2 * len + 1), s.inputs().length);
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < s.count(); i++) {
            for (int t = 0; t < len; t++) {
                assertTrue(s.input(i, t) >= 0 && s.input(i, t) < vocab);
                assertEquals(s.input(i, t), s.target(i, t));
                assertEquals(SequenceTasks.copyBlank(vocab), s.input(i, len + 1 + t));
                used.add(s.input(i, t));
            }
            assertEquals(SequenceTasks.copyDelimiter(vocab), s.input(i, len));
        }
        assertEquals(vocab, used.size());
    }

    @Test
    void recallTargetIsTheQueriedKeysValue() {
        int keys = 12;
        int vals = 7;
        int pairs = 5;
        Sequences s = SequenceTasks.associativeRecall(300, keys, vals, pairs, 4);
        assertEquals(2 * pairs + 2, s.inputLength());
        assertEquals(1, s.targetLength());
        assertEquals(keys + vals + 1, s.inputVocab());
        assertEquals(vals, s.targetVocab());
        for (int i = 0; i < s.count(); i++) {
            Set<Integer> seen = new HashSet<>();
            int found = -1;
            int q = s.input(i, 2 * pairs + 1);
            assertEquals(keys + vals, s.input(i, 2 * pairs));
            for (int k = 0; k < pairs; k++) {
                int key = s.input(i, 2 * k);
                int val = s.input(i, 2 * k + 1);
                assertTrue(key >= 0 && key < keys);
                assertTrue(val >= keys && val < keys + vals);
                assertTrue(seen.add(key), "keys distinct");
                if (key == q) {
                    found = val - keys;
                }
            }
            assertTrue(found >= 0, "query key present");
            assertEquals(found, s.target(i, 0));
        }
    }

    @Test
    void datasetShapes() throws Exception {
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            Sequences s = SequenceTasks.copy(10, 5, 3, 1);
            Batch batch = s.toDataset(m, 4, false).getData(m).iterator().next();
            assertEquals(4, batch.getData().head().getShape().get(0));
            assertEquals(7, batch.getData().head().getShape().get(1));
            assertEquals(3, batch.getLabels().head().getShape().get(1));
            assertEquals(s.target(0, 2), batch.getLabels().head().getFloat(0, 2), 0);
            batch.close();
        }
    }
}
