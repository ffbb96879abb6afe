package io.github.djlsuite.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.model.TokenData;
import io.github.djlsuite.datasets.DataRoot;
import io.github.djlsuite.datasets.Splits;
import io.github.djlsuite.datasets.Tasks;
import io.github.djlsuite.datasets.text.ListOps;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Tasks.load("listops")}: the documented split, reproduced here from {@link Splits} and the
 * raw file, row for row; padding to the training part's 95th length percentile; truncation counts;
 * the caveat.
 */
class ListOpsTaskTest {

    private static TaskData task;
    private static TokenData data;
    private static ListOps raw;

    @BeforeAll
    static void load() throws Exception {
        task = Tasks.load("listops", null);
        data = task.payload(TokenData.class, "test");
        raw = ListOps.load(DataRoot.locate("listops", null));
    }

    @Test
    void isATokenTaskWithTheCaveatAndTheListOpsVocabulary() {
        assertEquals(DataKind.TOKENS, Tasks.names().get("listops"));
        assertEquals(DataKind.TOKENS, task.kind());
        assertTrue(task.caveats().get(0).contains("NOT the Long Range Arena"), task.caveats().toString());
        assertEquals(ListOps.VOCAB, data.vocabulary());
        assertEquals(18, data.vocabularySize());
        assertEquals(10, data.classes());
        assertEquals(java.util.List.of("(", ")"), data.droppedTokens());
    }

    @Test
    void splitIsStratified801010AndCoversEveryRowOnce() {
        int n = data.size(TokenData.Part.TRAIN) + data.size(TokenData.Part.VALIDATION) + data.size(TokenData.Part.TEST);
        assertEquals(10_000, n);
        assertEquals(8000, data.size(TokenData.Part.TRAIN), 5);
        assertEquals(1000, data.size(TokenData.Part.VALIDATION), 5);
        assertEquals(1000, data.size(TokenData.Part.TEST), 5);
        int[] counts = new int[10];
        for (TokenData.Part p : TokenData.Part.values()) {
            int[] partCounts = new int[10];
            for (int y : data.labels(p)) {
                counts[y]++;
                partCounts[y]++;
            }
            for (int k = 0; k < 10; k++) { // stratified: each class within one row of its share
                double share = raw.classCounts()[k] * (double) data.size(p) / 10_000;
                assertEquals(share, partCounts[k], 1.5, p + " class " + k);
            }
        }
        assertArrayEquals(raw.classCounts(), counts);
    }

    /** The recipe of Tasks.listops, reproduced: rows are the raw rows, in order, padded or cut to L. */
    @Test
    void rowsAreTheRawRowsWithoutParenthesesPaddedOrCutToTheTrainingPercentile() {
        int[][] outer = Splits.stratified(raw.labels(), 10, 0.1, Tasks.SPLIT_SEED);
        int[][] inner = Splits.stratified(Arrays.stream(outer[0]).map(raw::label).toArray(), 10, 1.0 / 9,
                Tasks.SPLIT_SEED);
        int[] train = Arrays.stream(inner[0]).map(i -> outer[0][i]).toArray();
        int[] valid = Arrays.stream(inner[1]).map(i -> outer[0][i]).toArray();
        int l = data.maxLength();
        int[] lengths = Arrays.stream(train).map(i -> raw.ids(i, true).length).toArray();
        long longer = Arrays.stream(lengths).filter(x -> x > l).count();
        long atLeast = Arrays.stream(lengths).filter(x -> x >= l).count();
        assertTrue(longer <= 0.05 * train.length && atLeast >= 0.05 * train.length,
                "L = " + l + " is not the 95th percentile: " + longer + " longer, " + atLeast + " at least as long");
        assertTrue(l > 42 && l < 939, "between the mean and the maximum flat length, got " + l);
        int cutTest = 0;
        for (Object[] part : new Object[][] {{TokenData.Part.TRAIN, train}, {TokenData.Part.VALIDATION, valid},
                {TokenData.Part.TEST, outer[1]}}) {
            TokenData.Part p = (TokenData.Part) part[0];
            int[] rows = (int[]) part[1];
            assertEquals(rows.length, data.size(p), p.toString());
            int[] ids = data.ids(p);
            for (int r = 0; r < rows.length; r++) {
                int[] expected = Arrays.copyOf(raw.ids(rows[r], true), l); // pads with 0 or cuts
                assertArrayEquals(expected, Arrays.copyOfRange(ids, r * l, (r + 1) * l), p + " row " + r);
                assertEquals(raw.label(rows[r]), data.labels(p)[r]);
                if (p == TokenData.Part.TEST && raw.ids(rows[r], true).length > l) {
                    cutTest++;
                }
            }
            assertTrue(IntStream.of(ids).noneMatch(id -> id == 16 || id == 17), "parentheses dropped");
        }
        assertTrue(data.splitNote().contains("padded to L = " + l)
                && data.splitNote().contains(longer + " train") && data.splitNote().contains(cutTest + " test"),
                data.splitNote());
        assertTrue(task.caveats().get(1).startsWith(cutTest + " of " + outer[1].length + " test rows"),
                task.caveats().get(1));
    }
}
