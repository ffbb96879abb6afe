package io.github.djlsuite.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.djlsuite.datasets.Corrupt;
import io.github.djlsuite.datasets.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GnnBenchmarkTest {

    private static final Path DATA = Path.of(System.getenv("SUITE_DATA"));

    @TempDir
    Path tmp;

    /** Every folder's counts against its README (coauthor-physics is the heaviest: loaded once, here). */
    @ParameterizedTest
    @ValueSource(strings = {"cora-gnnbench", "citeseer-gnnbench", "amazon-computers", "amazon-photo", "coauthor-cs",
        "coauthor-physics"})
    void countsMatchTheReadme(String name) throws IOException {
        GnnBenchmark.Data d = GnnBenchmark.load(DATA.resolve(name), name);
        GnnBenchmark.Spec spec = GnnBenchmark.KNOWN.get(name);
        Graph g = d.graph();
        assertEquals(spec.nodes(), g.numNodes());
        assertEquals(spec.features(), g.numFeatures());
        assertEquals(spec.classes(), g.numClasses());
        assertEquals(spec.classes(), d.classNames().size());
        assertEquals(spec.nonZeros(), g.sparseFeatures().nnz());
        assertFalse(g.hasDenseFeatures());
        assertEquals(spec.edgeRows() - spec.selfLoops(), g.edgeCount(), "undirected edges without self-loops");
        assertEquals(0, g.selfLoopCount());
        int[] src = g.src();
        int[] dst = g.dst();
        for (int e = 0; e < src.length; e++) {
            assertTrue(src[e] < dst[e], "each undirected edge once, src < dst, no self-loop");
        }
        assertEquals(spec.lccNodes(), d.lccSize());
        int[] counts = new int[spec.classes()];
        Arrays.stream(g.labels()).forEach(l -> counts[l]++);
        assertArrayEquals(spec.labelCounts(), counts);
        // the dense adjacency of a small graph is symmetric with a zero diagonal
        if (g.numNodes() < 4000) {
            int n = g.numNodes();
            float[] a = g.toDenseAdjacency(false);
            for (int i = 0; i < n; i++) {
                assertEquals(0f, a[i * n + i]);
                for (int j = i + 1; j < n; j++) {
                    assertEquals(a[i * n + j], a[j * n + i]);
                }
            }
        }
        if (name.equals("coauthor-physics")) {
            SparseFeatures x = g.sparseFeatures();
            assertEquals(4L * 34493 * 8415, x.denseBytes());
            assertTrue(x.sparseBytes() < 10_000_000L, "CSR is under 10 MB: " + x.sparseBytes());
            assertThrows(IllegalStateException.class, g::features, "1.16 GB dense is refused");
            float[] rows = x.denseRows(new int[] {0, 34492});
            assertEquals(2 * 8415, rows.length);
            assertEquals(x.rowNnz(0) + x.rowNnz(34492), IntStream.range(0, rows.length).filter(i -> rows[i] != 0).count());
        }
    }

    @Test
    void namesAndContentOfCora() throws IOException {
        GnnBenchmark.Data d = GnnBenchmark.load(DATA.resolve("cora-gnnbench"), "Cora-GnnBench");
        assertEquals(List.of("Case_Based", "Genetic_Algorithms", "Neural_Networks", "Probabilistic_Methods",
                "Reinforcement_Learning", "Rule_Learning", "Theory"), d.classNames());
        Graph g = d.graph();
        assertEquals(1f, g.feature(0, 64)); // first rows of features.csv.gz: 0,64,1 and 0,93,1
        assertEquals(1f, g.feature(0, 93));
        assertEquals(0f, g.feature(0, 65));
        float[] dense = g.features();
        assertEquals(49216, IntStream.range(0, dense.length).filter(i -> dense[i] == 1f).count());
        assertEquals(1184, g.dst()[0]); // edges.csv.gz's first row 0,1184,0,1
        assertThrows(IllegalArgumentException.class, () -> GnnBenchmark.load(DATA.resolve("cora"), "cora"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cora-gnnbench", "citeseer-gnnbench"})
    void splitIs20And30PerClassOnTheLccSeededAndDisjoint(String name) throws IOException {
        GnnBenchmark.Data d = GnnBenchmark.load(DATA.resolve(name), name);
        Graph g = d.graph();
        boolean[] lcc = d.lcc();
        int[] labels = g.labels();
        for (long seed : new long[] {0, 1, 42}) {
            GnnBenchmark.Split s = d.split(seed);
            int[] tr = new int[g.numClasses()];
            int[] va = new int[g.numClasses()];
            int test = 0;
            for (int i = 0; i < g.numNodes(); i++) {
                int in = (s.train()[i] ? 1 : 0) + (s.val()[i] ? 1 : 0) + (s.test()[i] ? 1 : 0);
                assertEquals(lcc[i] ? 1 : 0, in, "LCC nodes in exactly one part, others in none: node " + i);
                if (s.train()[i]) {
                    tr[labels[i]]++;
                }
                if (s.val()[i]) {
                    va[labels[i]]++;
                }
                test += s.test()[i] ? 1 : 0;
            }
            assertTrue(Arrays.stream(tr).allMatch(c -> c == 20), Arrays.toString(tr));
            assertTrue(Arrays.stream(va).allMatch(c -> c == 30), Arrays.toString(va));
            assertEquals(d.lccSize() - 50 * g.numClasses(), test);
            GnnBenchmark.Split again = d.split(seed);
            assertArrayEquals(s.train(), again.train());
            assertArrayEquals(s.val(), again.val());
            assertArrayEquals(s.test(), again.test());
        }
        assertFalse(Arrays.equals(d.split(0).train(), d.split(1).train()), "another seed, another split");
        Graph withSplit = d.withSplit(3);
        assertArrayEquals(d.split(3).val(), withSplit.valMask());
        assertEquals(g.edgeCount(), withSplit.edgeCount());
    }

    @Test
    void splitProcedureIsPinned() {
        // 2 classes x 5 nodes, 1 train + 2 val per class; Random(7) Fisher-Yates as documented
        int[] labels = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        boolean[] all = new boolean[10];
        Arrays.fill(all, true);
        GnnBenchmark.Split s = GnnBenchmark.split(labels, all, 2, 1, 2, 7);
        Random rnd = new Random(7);
        int[][] byClass = {{0, 2, 4, 6, 8}, {1, 3, 5, 7, 9}};
        for (int[] nodes : byClass) {
            for (int i = nodes.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = nodes[i];
                nodes[i] = nodes[j];
                nodes[j] = t;
            }
            assertTrue(s.train()[nodes[0]] && s.val()[nodes[1]] && s.val()[nodes[2]] && s.test()[nodes[3]]
                    && s.test()[nodes[4]]);
        }
        assertThrows(IllegalArgumentException.class, () -> GnnBenchmark.split(labels, all, 2, 3, 3, 7));
    }

    @Test
    void sparseFeatureHelpers() {
        float[] dense = {0, 2, 0, 1, 0, 0, 0, 0, 3};
        SparseFeatures x = SparseFeatures.fromDense(dense, 3, 3);
        assertEquals(3, x.nnz());
        assertArrayEquals(dense, x.toDense());
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, x.binarized().toDense());
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0, 0, 0, 1}, x.rowNormalized().toDense(), 1e-7f);
        float[] w = {1, 2, 3, 4, 5, 6}; // (3, 2)
        assertArrayEquals(new float[] {6, 8, 1, 2, 15, 18}, x.project(w, 2));
        assertArrayEquals(new float[] {0, 0, 3, 0, 2, 0}, x.denseRows(new int[] {2, 0}));
        assertThrows(IllegalArgumentException.class, () -> new SparseFeatures(1, 3, new int[] {0, 2}, new int[] {2, 1},
                new float[] {1, 1}));
    }

    // ---- corruption: ~40 seeded cases on a copy of cora-gnnbench ----

    enum Kind { CUT_GZIP, TRUNCATE, GARBAGE_LINE, WRONG_HEADER, ID_OUT_OF_RANGE, NON_NUMERIC }

    static Stream<Arguments> corruptions() {
        String[] files = {"nodes.csv.gz", "features.csv.gz", "edges.csv.gz"};
        return Stream.of(Kind.values()).flatMap(k -> IntStream.range(0, 7)
                .mapToObj(s -> Arguments.of(k, files[s % 3], s)));
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("corruptions")
    void corruptionFailsNamingFileAndLine(Kind kind, String file, int seed) throws IOException {
        Corrupt.copyFolder(DATA.resolve("cora-gnnbench"), tmp);
        Path target = tmp.resolve(file);
        long s = 1000L * kind.ordinal() + seed;
        switch (kind) {
            case CUT_GZIP -> Corrupt.apply(target, Corrupt.Mode.CUT_GZIP, s, null);
            case TRUNCATE -> Corrupt.apply(target, Corrupt.Mode.TRUNCATE, s, null);
            case GARBAGE_LINE -> Corrupt.apply(target, Corrupt.Mode.GARBAGE_LINE, s, null);
            case WRONG_HEADER -> Corrupt.apply(target, Corrupt.Mode.BREAK_HEADER, s,
                    new String[] {"id,label", "src,dst", "node,feature,value,x", "ID,LABEL,LCC", ""}[seed % 5]);
            case ID_OUT_OF_RANGE, NON_NUMERIC -> {
                List<String> lines = new ArrayList<>(List.of(new String(Corrupt.content(target),
                        StandardCharsets.US_ASCII).split("\n")));
                Random rnd = new Random(s);
                int at = 1 + rnd.nextInt(lines.size() - 1);
                String[] f = lines.get(at).split(",");
                int col = kind == Kind.ID_OUT_OF_RANGE ? (file.startsWith("nodes") ? 1 : rnd.nextInt(2))
                        : rnd.nextInt(f.length);
                f[col] = kind == Kind.ID_OUT_OF_RANGE ? (rnd.nextBoolean() ? "-1" : "999999")
                        : new String[] {"x", "1.5e", "", "0x1", "one"}[rnd.nextInt(5)];
                lines.set(at, String.join(",", f));
                Corrupt.write(target, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            default -> throw new AssertionError(kind);
        }
        try {
            GnnBenchmark.load(tmp, "cora-gnnbench");
            fail(kind + " of " + file + " was not detected");
        } catch (DataFormatException e) {
            String m = e.getMessage();
            assertTrue(m.contains(file) && (m.contains("(line ") || m.contains("(byte 0)")), m);
        }
    }

    @Test
    void lccColumnIsChecked() throws IOException {
        Corrupt.copyFolder(DATA.resolve("cora-gnnbench"), tmp);
        Path nodes = tmp.resolve("nodes.csv.gz");
        String text = new String(Corrupt.content(nodes), StandardCharsets.US_ASCII);
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        int at = IntStream.range(1, lines.size()).filter(i -> lines.get(i).endsWith(",1")).findFirst().orElseThrow();
        lines.set(at, lines.get(at).substring(0, lines.get(at).length() - 1) + "0");
        Corrupt.write(nodes, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        DataFormatException e = assertThrows(DataFormatException.class, () -> GnnBenchmark.load(tmp, "cora-gnnbench"));
        assertTrue(e.getMessage().contains("nodes.csv.gz (line " + (at + 1) + ")"), e.getMessage());
        assertNotEquals(-1, e.getMessage().indexOf("largest connected component"));
    }
}
