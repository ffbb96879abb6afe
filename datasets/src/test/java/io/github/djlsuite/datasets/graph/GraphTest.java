package io.github.djlsuite.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GraphTest {

    /** Triangle 0-1-2, pendant 3 on 2, self-loop on 3. */
    private static Graph.Builder small() {
        return Graph.builder("toy", 4, 2, 2)
                .setFeatures(new float[] {1, 0, 0, 1, 1, 1, 0, 0})
                .setLabels(new int[] {0, 1, -1, 1})
                .setEdges(new int[] {0, 0, 1, 2, 3}, new int[] {1, 2, 2, 3, 3})
                .setMasks(new boolean[] {true, false, false, false}, new boolean[] {false, true, false, false},
                        new boolean[] {false, false, false, true});
    }

    @Test
    void degreeCountsEachEndAndLoopsTwice() {
        Graph g = small().build();
        assertEquals(5, g.edgeCount());
        assertEquals(1, g.selfLoopCount());
        assertArrayEquals(new int[] {2, 2, 3, 3}, g.degree());
        assertEquals(2 * g.edgeCount(), java.util.Arrays.stream(g.degree()).sum());
    }

    @Test
    void denseAdjacencyIsSymmetricWithOptionalSelfLoops() {
        Graph g = small().build();
        float[] a = g.toDenseAdjacency(false);
        float[] expected = {
            0, 1, 1, 0,
            1, 0, 1, 0,
            1, 1, 0, 1,
            0, 0, 1, 1};
        assertArrayEquals(expected, a);
        float[] withI = g.toDenseAdjacency(true);
        for (int i = 0; i < 4; i++) {
            assertEquals(1f, withI[i * 4 + i], "diagonal " + i + " is 1, never 2");
        }
    }

    @Test
    void accessorsCopyAndDefaultsAreEmpty() {
        Graph g = small().build();
        g.labels()[0] = 1;
        g.features()[0] = 9;
        g.trainMask()[0] = false;
        assertEquals(0, g.labels()[0]);
        assertEquals(1f, g.feature(0, 0));
        assertTrue(g.trainMask()[0]);
        assertTrue(g.featureBuffer().isReadOnly());
        assertArrayEquals(new int[] {0}, Graph.indices(g.trainMask()));
        assertEquals(4, g.nodesWithFeatures());
        assertFalse(g.caveat().isPresent());
        Graph empty = Graph.builder("e", 3, 0, 1).build();
        assertEquals(0, empty.edgeCount());
        assertArrayEquals(new int[] {-1, -1, -1}, empty.labels());
    }

    @Test
    void invariantsAreCheckedWithIllegalArgument() {
        assertBad(() -> small().setFeatures(new float[7]).build(), "features");
        assertBad(() -> small().setLabels(new int[] {0, 1, 2, 0}).build(), "label 2");
        assertBad(() -> small().setLabels(new int[] {0, 1}).build(), "labels");
        assertBad(() -> small().setEdges(new int[] {0}, new int[] {1, 2}).build(), "src");
        assertBad(() -> small().setEdges(new int[] {0}, new int[] {4}).build(), "outside");
        assertBad(() -> small().setEdges(new int[] {-1}, new int[] {0}).build(), "outside");
        assertBad(() -> small().setEdges(new int[] {2}, new int[] {1}).build(), "src <= dst");
        assertBad(() -> small().setEdges(new int[] {0, 0}, new int[] {1, 1}).build(), "twice");
        assertBad(() -> small().setMasks(new boolean[3], new boolean[4], new boolean[4]).build(), "trainMask");
        assertBad(() -> small().setMasks(new boolean[] {true, false, false, false},
                new boolean[] {true, false, false, false}, new boolean[4]).build(), "more than one");
        assertBad(() -> small().setMasks(new boolean[] {false, false, true, false}, new boolean[4],
                new boolean[4]).build(), "no label");
        assertBad(() -> Graph.builder("x", -1, 0, 1).build(), "numNodes");
    }

    @Test
    void denseAdjacencyRefusesHugeGraphs() {
        Graph big = Graph.builder("big", 20_000, 0, 1).build();
        assertThrows(IllegalStateException.class, () -> big.toDenseAdjacency(false));
    }

    private static void assertBad(Supplier<Graph> build, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
