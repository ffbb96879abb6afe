package io.github.djlsuite.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded splits for datasets that have no official one, so every machine draws the same rows. */
public final class Splits {

    private Splits() {}

    /**
     * A seeded, class-stratified train/test split: {@code rnd = new Random(seed)}; for each class
     * {@code 0..numClasses-1} in order, its row indices (in file order) are shuffled with
     * {@code Collections.shuffle(rows, rnd)} and the first {@code Math.round(count * testFraction)}
     * go to test. Both index arrays are returned sorted ascending. Pass {@code numClasses = 1} and
     * all-zero labels for a plain seeded split (regression).
     *
     * @return {@code {trainIndices, testIndices}}
     * @throws IllegalArgumentException if the fraction is outside (0, 1), a label is out of range,
     *     or either part would be empty
     */
    public static int[][] stratified(int[] labels, int numClasses, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        List<List<Integer>> groups = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside 0.."
                        + (numClasses - 1));
            }
            groups.get(labels[i]).add(i);
        }
        Random rnd = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> g : groups) {
            Collections.shuffle(g, rnd);
            int k = (int) Math.round(g.size() * testFraction);
            test.addAll(g.subList(0, k));
            train.addAll(g.subList(k, g.size()));
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("a split of " + labels.length + " rows at " + testFraction
                    + " leaves a part empty");
        }
        return new int[][] {
            train.stream().mapToInt(Integer::intValue).sorted().toArray(),
            test.stream().mapToInt(Integer::intValue).sorted().toArray()
        };
    }
}
