package io.github.djlsuite.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.djlsuite.datasets.Corrupt;
import io.github.djlsuite.datasets.DataFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeCoTest {

    private static final Path DATA = Path.of(System.getenv("SUITE_DATA"));
    private static HeteroGraph acm;
    private static HeteroGraph dblp;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        acm = HeCo.readAcm(DATA.resolve("acm-heco"));
        dblp = HeCo.readDblp(DATA.resolve("dblp-heco"));
    }

    @Test
    void acmMatchesItsReadme() {
        assertEquals("paper", acm.targetType());
        assertEquals(4019, acm.nodeCount("paper"));
        assertEquals(7167, acm.nodeCount("author"));
        assertEquals(60, acm.nodeCount("subject"));
        assertEquals(13407, acm.relation("paper-author").edgeCount());
        assertEquals(4019, acm.relation("paper-subject").edgeCount());
        SparseFeatures x = acm.nodeType("paper").features();
        assertEquals(1902, x.numCols());
        assertEquals(340377, x.nnz());
        for (int r = 0; r < 4019; r += 97) { // row-normalised binary rows sum to 1
            double s = 0;
            for (float v : x.denseRows(new int[] {r})) {
                s += v;
            }
            assertEquals(1.0, s, 1e-5, "row " + r);
        }
        assertTrue(acm.nodeType("author").optFeatures().isEmpty());
        // each paper has exactly one subject
        int[] perPaper = new int[4019];
        for (int p : acm.relation("paper-subject").src()) {
            perPaper[p]++;
        }
        assertTrue(IntStream.of(perPaper).allMatch(c -> c == 1));
        assertSplits(acm, 3, new int[] {1993, 965, 1061});
    }

    @Test
    void dblpMatchesItsReadme() {
        assertEquals("author", dblp.targetType());
        assertEquals(4057, dblp.nodeCount("author"));
        assertEquals(14328, dblp.nodeCount("paper"));
        assertEquals(20, dblp.nodeCount("conference"));
        assertEquals(7723, dblp.nodeCount("term"));
        assertEquals(19645, dblp.relation("paper-author").edgeCount());
        assertEquals(14328, dblp.relation("paper-conference").edgeCount());
        assertEquals(85810, dblp.relation("paper-term").edgeCount());
        assertEquals(48810, dblp.nodeType("author").features().nnz());
        assertEquals(95030, dblp.nodeType("paper").features().nnz());
        int zeroRows = 0;
        for (int a = 0; a < 4057; a++) {
            zeroRows += dblp.nodeType("author").features().rowNnz(a) == 0 ? 1 : 0;
        }
        assertEquals(39, zeroRows, "39 authors have an all-zero vector");
        assertSplits(dblp, 4, new int[] {1197, 745, 1109, 1006});
    }

    @Test
    void acmMetaPathsAreSymmetricCounts() {
        HeteroGraph.Adjacency pap = acm.metaPath("paper", "author", "paper");
        HeteroGraph.Adjacency psp = acm.metaPath("paper", "subject", "paper");
        int[] authorsPerPaper = new int[4019];
        for (int p : acm.relation("paper-author").src()) {
            authorsPerPaper[p]++;
        }
        for (int p = 0; p < 4019; p += 13) {
            assertEquals(authorsPerPaper[p], pap.get(p, p), "PAP diagonal = number of authors of paper " + p);
            assertEquals(1f, psp.get(p, p), "one subject");
        }
        assertEquals(pap.nnz(), pap.transpose().nnz());
        assertArrayEquals(pap.colIdx(), pap.transpose().colIdx(), "PAP is symmetric");
        assertArrayEquals(pap.values(), pap.transpose().values());
        // PSP connects papers of the same subject: sum over subjects of (papers per subject)^2
        int[] perSubject = new int[60];
        for (int s : acm.relation("paper-subject").dst()) {
            perSubject[s]++;
        }
        assertEquals(IntStream.of(perSubject).mapToLong(c -> (long) c * c).sum(), psp.nnz());
        assertEquals(psp.nnz() - 4019, psp.withoutDiagonal().nnz());
        HeteroGraph.Adjacency apcpa = dblp.metaPath("author", "paper", "conference", "paper", "author");
        assertEquals(4057, apcpa.rows());
        assertEquals(4057, apcpa.cols());
    }

    private static void assertSplits(HeteroGraph g, int classes, int[] labelCounts) {
        int[] labels = g.labels();
        int[] counts = new int[classes];
        IntStream.of(labels).forEach(l -> counts[l]++);
        assertArrayEquals(labelCounts, counts);
        assertEquals(List.of("split_20", "split_40", "split_60"), g.splitNames());
        for (int k = 1; k <= 3; k++) {
            HeteroGraph.Split s = g.split("split_" + (20 * k));
            int[] tr = new int[classes];
            int val = 0;
            int test = 0;
            for (int i = 0; i < labels.length; i++) {
                assertTrue((s.train()[i] ? 1 : 0) + (s.val()[i] ? 1 : 0) + (s.test()[i] ? 1 : 0) <= 1);
                if (s.train()[i]) {
                    tr[labels[i]]++;
                }
                val += s.val()[i] ? 1 : 0;
                test += s.test()[i] ? 1 : 0;
            }
            final int per = 20 * k;
            assertTrue(IntStream.of(tr).allMatch(c -> c == per));
            assertEquals(1000, val);
            assertEquals(1000, test);
        }
        assertThrows(IllegalArgumentException.class, () -> g.split("split_80"));
    }

    /** papers p0..p2, authors a0,a1, subjects s0,s1: p0-a0, p1-a0, p1-a1, p2-a1; p0-s0, p1-s0, p2-s1. */
    @Test
    void metaPathOnAHandBuiltGraph() {
        HeteroGraph g = HeteroGraph.builder("tiny", "paper", 2)
                .addNodeType("paper", 3, null).addNodeType("author", 2, null).addNodeType("subject", 2, null)
                .addRelation("pa", "paper", "author", new int[] {0, 1, 1, 2}, new int[] {0, 0, 1, 1})
                .addRelation("sp", "subject", "paper", new int[] {0, 0, 1}, new int[] {0, 1, 2}) // stored reversed
                .setLabels(new int[] {0, 1, -1})
                .addSplit("s", new boolean[] {true, false, false}, new boolean[] {false, true, false}, new boolean[3])
                .build();
        assertArrayEquals(new float[] {1, 1, 0, 1, 2, 1, 0, 1, 1}, g.metaPath("paper", "author", "paper").toDense());
        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 0, 0, 0, 1}, g.metaPath("paper", "subject", "paper").toDense());
        assertArrayEquals(new float[] {2, 1, 1, 2}, g.metaPath("author", "paper", "author").toDense());
        assertArrayEquals(new float[] {2, 0, 1, 1}, g.metaPath("author", "paper", "subject").toDense());
        HeteroGraph.Adjacency pap = g.metaPath("paper", "author", "paper").withoutDiagonal();
        assertArrayEquals(new int[] {0, 1, 1, 2}, pap.edgeSources());
        assertArrayEquals(new int[] {1, 0, 2, 1}, pap.colIdx());
        assertThrows(IllegalArgumentException.class, () -> g.metaPath("author", "subject"));
        assertThrows(IllegalArgumentException.class, () -> HeteroGraph.builder("bad", "paper", 2)
                .addNodeType("paper", 1, null).setLabels(new int[] {0})
                .addSplit("s", new boolean[] {true}, new boolean[] {true}, new boolean[1]).build());
    }

    static Stream<Arguments> corruptions() {
        String[] files = {"papers.csv.gz", "paper_author.csv.gz", "paper_subject.csv.gz", "paper_features.csv.gz"};
        return Stream.of(Corrupt.Mode.values()).flatMap(m -> IntStream.range(0, 4)
                .mapToObj(s -> Arguments.of(m, files[s], s)));
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("corruptions")
    void corruptionFailsNamingFileAndLine(Corrupt.Mode mode, String file, int seed) throws IOException {
        Corrupt.copyFolder(DATA.resolve("acm-heco"), tmp);
        Corrupt.apply(tmp.resolve(file), mode, 77L * seed + mode.ordinal(), "paper,label");
        try {
            HeCo.readAcm(tmp);
            fail(mode + " of " + file + " was not detected");
        } catch (DataFormatException e) {
            String m = e.getMessage();
            assertTrue(m.contains(file) && (m.contains("(line ") || m.contains("(byte 0)")), m);
        }
    }
}
