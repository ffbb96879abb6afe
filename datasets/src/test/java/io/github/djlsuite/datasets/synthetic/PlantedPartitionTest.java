package io.github.djlsuite.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.datasets.graph.Graph;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PlantedPartitionTest {

    @Test
    void deterministicPerSeed() {
        Graph a = PlantedPartition.generate(200, 4, 0.1, 0.01, 0.3, 0.2, 0.2, 5);
        Graph b = PlantedPartition.generate(200, 4, 0.1, 0.01, 0.3, 0.2, 0.2, 5);
        Graph c = PlantedPartition.generate(200, 4, 0.1, 0.01, 0.3, 0.2, 0.2, 6);
        assertArrayEquals(a.src(), b.src());
        assertArrayEquals(a.dst(), b.dst());
        assertArrayEquals(a.features(), b.features());
        assertArrayEquals(a.trainMask(), b.trainMask());
        assertFalse(Arrays.equals(a.labels(), c.labels()));
    }

    @Test
    void edgeDensitiesMatchAndGraphIsSimple() {
        int n = 600;
        int k = 3;
        double pIn = 0.08;
        double pOut = 0.01;
        Graph g = PlantedPartition.generate(n, k, pIn, pOut, 0.0, 0.1, 0.1, 11);
        assertEquals(n, g.numNodes());
        assertEquals(k, g.numFeatures());
        assertEquals(k, g.numClasses());
        assertEquals(0, g.selfLoopCount());
        int[] y = g.labels();
        int[] size = new int[k];
        for (int l : y) {
            size[l]++;
        }
        for (int s : size) {
            assertEquals(n / k, s);
        }
        long inPairs = 0;
        for (int s : size) {
            inPairs += (long) s * (s - 1) / 2;
        }
        long outPairs = (long) n * (n - 1) / 2 - inPairs;
        long in = 0;
        long out = 0;
        int[] src = g.src();
        int[] dst = g.dst();
        for (int e = 0; e < src.length; e++) {
            assertTrue(src[e] < dst[e]);
            if (y[src[e]] == y[dst[e]]) {
                in++;
            } else {
                out++;
            }
        }
        double dIn = (double) in / inPairs;
        double dOut = (double) out / outPairs;
        // binomial standard errors are ~0.0013 and ~0.0003; allow ~4 sigma
        assertEquals(pIn, dIn, 0.006, "in-density");
        assertEquals(pOut, dOut, 0.0015, "out-density");
        // dense adjacency is symmetric with zero diagonal
        float[] adj = g.toDenseAdjacency(false);
        for (int i = 0; i < n; i++) {
            assertEquals(0f, adj[i * n + i]);
            for (int j = 0; j < i; j++) {
                assertEquals(adj[i * n + j], adj[j * n + i]);
            }
        }
    }

    @Test
    void featuresAreNoisyOneHotAndMasksStratified() {
        int n = 300;
        int k = 3;
        double noise = 0.5;
        Graph g = PlantedPartition.generate(n, k, 0.05, 0.01, noise, 0.2, 0.3, 2);
        Graph exact = PlantedPartition.generate(n, k, 0.05, 0.01, 0.0, 0.2, 0.3, 2);
        int[] y = g.labels();
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                assertEquals(c == exact.labels()[i] ? 1f : 0f, exact.feature(i, c));
                double resid = g.feature(i, c) - (c == y[i] ? 1 : 0);
                sum += resid;
                sq += resid * resid;
            }
        }
        int m = n * k;
        assertEquals(0, sum / m, 0.1);
        assertEquals(noise, Math.sqrt(sq / m), 0.05);
        boolean[] tr = g.trainMask();
        boolean[] va = g.valMask();
        boolean[] te = g.testMask();
        int[][] counts = new int[k][3];
        for (int i = 0; i < n; i++) {
            assertEquals(1, (tr[i] ? 1 : 0) + (va[i] ? 1 : 0) + (te[i] ? 1 : 0));
            counts[y[i]][tr[i] ? 0 : va[i] ? 1 : 2]++;
        }
        for (int c = 0; c < k; c++) {
            assertEquals(20, counts[c][0]);
            assertEquals(30, counts[c][1]);
            assertEquals(50, counts[c][2]);
        }
    }
}
