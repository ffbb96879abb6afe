package io.github.djlsuite.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import io.github.djlsuite.datasets.synthetic.SetTasks.Aggregate;
import io.github.djlsuite.datasets.synthetic.SetTasks.IntSets;
import io.github.djlsuite.datasets.synthetic.SetTasks.SubsetSets;
import io.github.djlsuite.datasets.synthetic.SetTasks.VectorAggregate;
import io.github.djlsuite.datasets.synthetic.SetTasks.VectorSets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SetTasksTest {

    @Test
    void exactTargetsOnHandBuiltSets() {
        int[] x = {3, 7, 3, 0, 7, 5};
        assertEquals(25, SetTasks.target(Aggregate.SUM, x, 8));
        assertEquals(7, SetTasks.target(Aggregate.MAX, x, 8));
        assertEquals(0, SetTasks.target(Aggregate.MIN, x, 8));
        assertEquals(4, SetTasks.target(Aggregate.COUNT_DISTINCT, x, 8));
        assertEquals(1, SetTasks.target(Aggregate.PARITY, x, 8));
        assertEquals(3, SetTasks.target(Aggregate.SECOND_SMALLEST, x, 8));
        assertEquals(3, SetTasks.target(Aggregate.SECOND_SMALLEST, new int[] {3, 5, 3}, 8), "multiset: repeats count");
        assertEquals(0, SetTasks.target(Aggregate.SECOND_SMALLEST, new int[] {0, 0}, 8));
        assertEquals(0, SetTasks.target(Aggregate.PARITY, new int[] {1, 1, 2}, 8));
        assertEquals(1, SetTasks.target(Aggregate.COUNT_DISTINCT, new int[] {4, 4, 4, 4}, 8));
        assertThrows(IllegalArgumentException.class, () -> SetTasks.target(Aggregate.SECOND_SMALLEST, new int[] {1}, 8));
        assertThrows(IllegalArgumentException.class, () -> SetTasks.target(Aggregate.MAX, new int[] {8}, 8));
        assertThrows(IllegalArgumentException.class, () -> SetTasks.target(Aggregate.SUM, new int[0], 8));
        assertEquals(16 * 15 + 1, SetTasks.numClasses(Aggregate.SUM, 16, 16));
        assertEquals(9, SetTasks.numClasses(Aggregate.COUNT_DISTINCT, 8, 16));
        assertArrayEquals(new float[] {4, -1}, SetTasks.target(VectorAggregate.SUM, new float[] {1, 2, 3, -3}, 2));
        assertArrayEquals(new float[] {2, -0.5f}, SetTasks.target(VectorAggregate.MEAN, new float[] {1, 2, 3, -3}, 2));
        assertArrayEquals(new float[] {3, 2}, SetTasks.target(VectorAggregate.MAX, new float[] {1, 2, 3, -3}, 2));
    }

    @Test
    void multisetsHaveCorrectMasksSizesAndTargets() {
        for (Aggregate a : Aggregate.values()) {
            IntSets s = SetTasks.multisets(400, 2, 16, 20, 16, a, 11);
            assertEquals(SetTasks.numClasses(a, 16, 16), s.numClasses());
            int[] sizeSeen = new int[21];
            for (int i = 0; i < s.count(); i++) {
                int n = s.sizes()[i];
                assertTrue(n >= 2 && n <= 16);
                sizeSeen[n]++;
                for (int j = 0; j < 20; j++) {
                    assertEquals(j < n ? 1f : 0f, s.mask()[i * 20 + j], 0f);
                    if (j >= n) {
                        assertEquals(0, s.element(i, j), "padding element");
                    } else {
                        assertTrue(s.element(i, j) >= 0 && s.element(i, j) < 16);
                    }
                }
                assertEquals(SetTasks.target(a, s.set(i), 16), s.targets()[i]);
                assertTrue(s.targets()[i] >= 0 && s.targets()[i] < s.numClasses());
            }
            for (int n = 2; n <= 16; n++) {
                assertTrue(sizeSeen[n] > 5, "size " + n + " occurs");
            }
        }
        // hand check of one generated second-smallest target
        IntSets s = SetTasks.multisets(1, 5, 5, 5, 16, Aggregate.SECOND_SMALLEST, 3);
        int[] sorted = s.set(0).clone();
        Arrays.sort(sorted);
        assertEquals(sorted[1], s.targets()[0]);
    }

    @Test
    void targetsArePermutationInvariantAndIgnorePadding() {
        Random rnd = new Random(5);
        for (Aggregate a : Aggregate.values()) {
            IntSets s = SetTasks.multisets(200, 2, 12, 12, 10, a, 21);
            for (int i = 0; i < s.count(); i++) {
                int[] set = s.set(i);
                for (int p = 0; p < 3; p++) {
                    int[] perm = set.clone();
                    for (int j = perm.length - 1; j > 0; j--) {
                        int b = rnd.nextInt(j + 1);
                        int t = perm[j];
                        perm[j] = perm[b];
                        perm[b] = t;
                    }
                    assertEquals(s.targets()[i], SetTasks.target(a, perm, 10), a + " set " + i);
                }
            }
            // more padding slots: same sets, same targets
            IntSets wide = SetTasks.multisets(200, 2, 12, 40, 10, a, 21);
            assertArrayEquals(s.targets(), wide.targets());
            assertArrayEquals(s.sizes(), wide.sizes());
            for (int i = 0; i < 200; i++) {
                assertArrayEquals(s.set(i), wide.set(i));
            }
        }
        VectorSets v = SetTasks.vectorSets(100, 1, 9, 9, 4, VectorAggregate.MAX, 2);
        for (int i = 0; i < v.count(); i++) {
            int n = v.sizes()[i];
            float[] set = Arrays.copyOfRange(v.elements(), i * 36, i * 36 + n * 4);
            float[] rev = new float[set.length];
            for (int j = 0; j < n; j++) {
                System.arraycopy(set, j * 4, rev, (n - 1 - j) * 4, 4);
            }
            assertArrayEquals(Arrays.copyOfRange(v.targets(), i * 4, i * 4 + 4), SetTasks.target(VectorAggregate.MAX, rev, 4));
            for (int j = n; j < 9; j++) {
                assertEquals(0f, v.mask()[i * 9 + j], 0f);
                for (int k = 0; k < 4; k++) {
                    assertEquals(0f, v.elements()[i * 36 + j * 4 + k], 0f);
                }
            }
        }
        VectorSets sum = SetTasks.vectorSets(50, 1, 6, 6, 3, VectorAggregate.SUM, 9);
        for (int i = 0; i < 50; i++) {
            for (int k = 0; k < 3; k++) {
                double t = 0;
                for (int j = 0; j < sum.sizes()[i]; j++) {
                    t += sum.elements()[(i * 6 + j) * 3 + k];
                }
                assertEquals(t, sum.targets()[i * 3 + k], 1e-5);
            }
        }
    }

    @Test
    void deterministicBySeed() {
        IntSets a = SetTasks.multisets(100, 2, 16, 16, 16, Aggregate.SECOND_SMALLEST, 1);
        IntSets b = SetTasks.multisets(100, 2, 16, 16, 16, Aggregate.SECOND_SMALLEST, 1);
        IntSets c = SetTasks.multisets(100, 2, 16, 16, 16, Aggregate.SECOND_SMALLEST, 2);
        assertArrayEquals(a.elements(), b.elements());
        assertArrayEquals(a.targets(), b.targets());
        assertFalse(Arrays.equals(a.elements(), c.elements()));
        assertArrayEquals(SetTasks.twoMoons(20, 30, 10, 0).points(), SetTasks.twoMoons(20, 30, 10, 0).points());
        assertFalse(Arrays.equals(SetTasks.twoMoons(20, 30, 10, 0).points(), SetTasks.twoMoons(20, 30, 10, 1).points()));
        assertArrayEquals(SetTasks.gaussianMixture(20, 30, 10, 4).optimal(), SetTasks.gaussianMixture(20, 30, 10, 4).optimal());
        assertArrayEquals(SetTasks.vectorSets(9, 1, 5, 5, 2, VectorAggregate.MEAN, 3).targets(),
                SetTasks.vectorSets(9, 1, 5, 5, 2, VectorAggregate.MEAN, 3).targets());
    }

    @Test
    void twoMoonsPlantsTheMinorityMoon() {
        SubsetSets s = SetTasks.twoMoons(300, 30, 10, 0);
        assertEquals(2, s.dim());
        int outerIsNoise = 0;
        for (int i = 0; i < s.count(); i++) {
            int[] opt = s.optimal(i);
            assertEquals(10, opt.length);
            for (int k = 1; k < 10; k++) {
                assertTrue(opt[k] > opt[k - 1], "ascending and distinct");
            }
            double members = 0;
            for (int j = 0; j < 30; j++) {
                members += s.membership()[i * 30 + j];
            }
            assertEquals(10, members, 0);
            for (int o : opt) {
                assertEquals(1f, s.membership()[i * 30 + o], 0f);
            }
            // moon of a point (undo the affine map): outer points lie near the unit circle about (0,0),
            // inner ones near the unit circle about (1, 0.5)
            int outerMembers = 0;
            int outerOthers = 0;
            for (int j = 0; j < 30; j++) {
                double x = (s.points()[(i * 30 + j) * 2] + 1) / 2;
                double y = (s.points()[(i * 30 + j) * 2 + 1] + 0.2) / 2;
                boolean outer = Math.abs(Math.hypot(x, y) - 1) < Math.abs(Math.hypot(x - 1, y - 0.5) - 1);
                if (s.membership()[i * 30 + j] == 1f) {
                    outerMembers += outer ? 1 : 0;
                } else {
                    outerOthers += outer ? 1 : 0;
                }
            }
            // with noise 0.1 a few points sit closer to the other arc; the planted structure is still plain
            boolean outerNoise = outerMembers >= 7;
            assertTrue(outerNoise ? outerOthers <= 6 : outerMembers <= 3 && outerOthers >= 14,
                    "set " + i + ": " + outerMembers + "/10 members and " + outerOthers + "/20 others on the outer moon");
            outerIsNoise += outerNoise ? 1 : 0;
        }
        assertTrue(outerIsNoise > 110 && outerIsNoise < 190, "either moon is the noise about half the time: " + outerIsNoise);
    }

    @Test
    void jointPermutationOfGroundSetAndSubsetKeepsTheTask() {
        // the ground truth is positional only through `optimal`: permuting V and S* together is the same task
        SubsetSets s = SetTasks.gaussianMixture(1, 12, 4, 8);
        int[] perm = {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
        float[] member = new float[12];
        for (int j = 0; j < 12; j++) {
            member[perm[j]] = s.membership()[j];
        }
        int[] permutedOpt = Arrays.stream(s.optimal(0)).map(j -> perm[j]).sorted().toArray();
        for (int o : permutedOpt) {
            assertEquals(1f, member[o], 0f);
        }
        assertEquals(1.0, SetTasks.jaccard(permutedOpt, Arrays.stream(s.optimal(0)).map(j -> 11 - j).toArray()), 0);
    }

    @Test
    void gaussianMixtureMembersComeFromTheOtherComponent() {
        SubsetSets s = SetTasks.gaussianMixture(200, 30, 10, 5);
        double correct = 0;
        for (int i = 0; i < s.count(); i++) {
            double meanOthers = 0;
            for (int j = 0; j < 30; j++) {
                if (s.membership()[i * 30 + j] == 0f) {
                    meanOthers += s.points()[(i * 30 + j) * 2] + s.points()[(i * 30 + j) * 2 + 1];
                }
            }
            for (int o : s.optimal(i)) {
                double v = s.points()[(i * 30 + o) * 2] + s.points()[(i * 30 + o) * 2 + 1];
                correct += Math.signum(v) != Math.signum(meanOthers) ? 1 : 0;
            }
        }
        // x + y ~ N(±√2, 0.5): on the wrong side with probability Φ(−√2/(0.5·√2)) = Φ(−2) ≈ 2.3 %
        assertEquals(0.977, correct / 2000, 0.015);
    }

    @Test
    void setAnomalyPlantsOutliersOfOtherClasses() {
        int[] labels = new int[500];
        for (int j = 0; j < labels.length; j++) {
            labels[j] = j % 10;
        }
        SubsetSets s = SetTasks.setAnomaly(labels, 300, 8, 2, 6);
        for (int i = 0; i < s.count(); i++) {
            int[] items = new int[8];
            for (int j = 0; j < 8; j++) {
                items[j] = (int) s.points()[i * 8 + j];
            }
            assertEquals(8, Arrays.stream(items).distinct().count(), "distinct pool items");
            int majority = -1;
            for (int j = 0; j < 8; j++) {
                if (s.membership()[i * 8 + j] == 0f) {
                    if (majority < 0) {
                        majority = labels[items[j]];
                    }
                    assertEquals(majority, labels[items[j]]);
                }
            }
            for (int o : s.optimal(i)) {
                assertNotEquals(majority, labels[items[o]], "outlier from another class");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SetTasks.setAnomaly(labels, 3, 8, 4, 1));
    }

    @Test
    void trainingMaskHasTheMembersAndTheNegatives() {
        SubsetSets s = SetTasks.twoMoons(5, 30, 10, 2);
        float[] w = s.trainingMask(3, 1, new Random(1));
        double on = 0;
        for (float v : w) {
            on += v;
        }
        assertEquals(20, on, 0);
        for (int o : s.optimal(3)) {
            assertEquals(1f, w[o], 0f);
        }
        float[] all = s.trainingMask(3, 5, new Random(1));
        for (float v : all) {
            assertEquals(1f, v, 0f, "only 20 non-members exist");
        }
    }

    @Test
    void jaccardAndTheRandomFloor() {
        assertEquals(1.0, SetTasks.jaccard(new int[] {1, 2, 3}, new int[] {3, 2, 1}), 0);
        assertEquals(0.0, SetTasks.jaccard(new int[] {1, 2}, new int[] {3, 4}), 0);
        assertEquals(0.75, SetTasks.jaccard(new int[] {1, 2, 3}, new int[] {2, 3, 4, 1, 1}), 0, "duplicates ignored");
        assertEquals(2.0 / 4.0, SetTasks.jaccard(new int[] {1, 2, 3}, new int[] {2, 3, 4}), 0);
        assertEquals(1.0, SetTasks.randomSubsetJaccard(5, 5), 1e-12);
        assertEquals(0.20677846806950087, SetTasks.randomSubsetJaccard(30, 10), 1e-12, "INSET's random floor ~20");
        // Monte-Carlo check of the formula
        Random rnd = new Random(4);
        int[] truth = {0, 1, 2};
        double sum = 0;
        for (int t = 0; t < 20000; t++) {
            int[] perm = rnd.ints(0, 9).distinct().limit(3).toArray();
            sum += SetTasks.jaccard(perm, truth);
        }
        assertEquals(SetTasks.randomSubsetJaccard(9, 3), sum / 20000, 0.01);
    }

    @Test
    void djlDatasetsHaveTheDocumentedLayout() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            IntSets s = SetTasks.multisets(10, 2, 6, 8, 16, Aggregate.SECOND_SMALLEST, 1);
            try (Batch b = s.toDataset(manager, 4, false).getData(manager).iterator().next()) {
                assertEquals(new Shape(4, 8), b.getData().get(0).getShape());
                assertEquals(DataType.INT32, b.getData().get(0).getDataType());
                assertEquals(new Shape(4, 8), b.getData().get(1).getShape());
                assertEquals(new Shape(4), b.getLabels().get(0).getShape());
                assertEquals(s.targets()[0], b.getLabels().get(0).toFloatArray()[0], 0f);
            }
            SubsetSets m = SetTasks.twoMoons(6, 30, 10, 0);
            try (Batch b = m.toDataset(manager, 3, false).getData(manager).iterator().next()) {
                assertEquals(new Shape(3, 30, 2), b.getData().get(0).getShape());
                assertEquals(new Shape(3, 30), b.getLabels().get(0).getShape());
            }
            VectorSets v = SetTasks.vectorSets(5, 1, 3, 4, 2, VectorAggregate.SUM, 1);
            try (Batch b = v.toDataset(manager, 5, false).getData(manager).iterator().next()) {
                assertEquals(new Shape(5, 4, 2), b.getData().get(0).getShape());
                assertEquals(new Shape(5, 2), b.getLabels().get(0).getShape());
            }
        }
    }

    @Test
    void barabasiAlbertGraphsAndNeighbourTargets() {
        // hand-built: path 0-1-2 plus edge 1-3; digits 5, 2, 7, 2
        int[] edges = {0, 1, 1, 2, 1, 3};
        assertArrayEquals(new int[] {-1, 5, -1, -1}, SetTasks.secondMinimumOverNeighbours(4, edges, new int[] {5, 2, 7, 2}));
        assertArrayEquals(new int[] {-1, 2, -1, -1}, SetTasks.secondMinimumOverNeighbours(4, edges, new int[] {2, 9, 7, 2}));
        for (int m : new int[] {2, 6, 12}) {
            SetTasks.NeighbourGraph g = SetTasks.barabasiAlbert(300, m, 16, 40 + m);
            assertEquals(m + (300 - m - 1) * m, g.numEdges());
            java.util.Set<Long> seen = new java.util.HashSet<>();
            java.util.List<java.util.List<Integer>> nbr = new java.util.ArrayList<>();
            for (int v = 0; v < 300; v++) {
                nbr.add(new java.util.ArrayList<>());
            }
            for (int e = 0; e < g.numEdges(); e++) {
                int u = g.edges()[2 * e];
                int v = g.edges()[2 * e + 1];
                assertTrue(u < v, "u < v, no self-loops");
                assertTrue(seen.add((long) u * 300 + v), "no repeated edge");
                nbr.get(u).add(g.digits()[v]);
                nbr.get(v).add(g.digits()[u]);
            }
            int maxDeg = 0;
            for (int v = 0; v < 300; v++) {
                java.util.List<Integer> d = nbr.get(v);
                maxDeg = Math.max(maxDeg, d.size());
                assertTrue(d.size() >= 1);
                if (v > m) {
                    assertTrue(d.size() >= m, "new nodes have degree >= m");
                }
                int want = d.size() < 2 ? -1 : d.stream().sorted().skip(1).findFirst().get();
                assertEquals(want, g.targets()[v], "node " + v);
                // permutation invariance: the target only depends on the multiset
                if (d.size() >= 2) {
                    int[] arr = d.stream().mapToInt(Integer::intValue).toArray();
                    assertEquals(want, SetTasks.target(Aggregate.SECOND_SMALLEST, arr, 16));
                }
            }
            assertTrue(maxDeg > 4 * m, "preferential attachment makes hubs: max degree " + maxDeg);
        }
        assertArrayEquals(SetTasks.barabasiAlbert(50, 3, 16, 1).edges(), SetTasks.barabasiAlbert(50, 3, 16, 1).edges());
    }

    @Test
    void argumentsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> SetTasks.multisets(1, 1, 4, 4, 8, Aggregate.SECOND_SMALLEST, 0));
        assertThrows(IllegalArgumentException.class, () -> SetTasks.multisets(1, 2, 4, 3, 8, Aggregate.SUM, 0));
        assertThrows(IllegalArgumentException.class, () -> SetTasks.twoMoons(1, 30, 31, 0));
    }
}
