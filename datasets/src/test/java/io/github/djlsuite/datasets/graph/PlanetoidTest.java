package io.github.djlsuite.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.datasets.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanetoidTest {

    private static final Path DATA = Path.of(System.getenv("SUITE_DATA"));
    private static Graph cora;
    private static Graph citeseer;
    private static Graph pubmed;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        cora = Planetoid.load(DATA.resolve("cora"), "cora");
        citeseer = Planetoid.load(DATA.resolve("citeseer"), "CiteSeer");
        pubmed = Planetoid.load(DATA.resolve("pubmed"), "pubmed");
    }

    // ---- published facts (each README's "Counts (checked)" and "Standard split") ----

    @Test
    void coraMatchesItsReadme() {
        assertFacts(cora, 2708, 1433, 7, 49216, 5278, 0, new int[] {351, 217, 418, 818, 426, 298, 180},
                new int[] {20, 20, 20, 20, 20, 20, 20}, new int[] {61, 36, 78, 158, 81, 57, 29},
                new int[] {130, 91, 144, 319, 149, 103, 64});
        assertArrayEquals(IntStream.range(0, 140).toArray(), Graph.indices(cora.trainMask()));
        assertArrayEquals(IntStream.range(140, 640).toArray(), Graph.indices(cora.valMask()));
        int[] test = Graph.indices(cora.testMask());
        assertTrue(test[0] >= 1708 && test[999] <= 2707);
        assertEquals(2708, cora.nodesWithFeatures());
        for (float v : cora.features()) {
            assertTrue(v == 0f || v == 1f, "binary features");
        }
        for (int d : cora.degree()) {
            assertTrue(d > 0, "Cora has no isolated nodes");
        }
        assertFalse(cora.caveat().isPresent());
        float[] a = cora.toDenseAdjacency(false);
        double sum = 0;
        for (float v : a) {
            sum += v;
        }
        assertEquals(10_556, sum, 0.0, "PyG's Cora has 10,556 = 2 x 5,278 directed edges");
    }

    @Test
    void citeseerMatchesItsReadme() {
        assertFacts(citeseer, 3327, 3703, 6, 105165, 4676, 124, new int[] {249, 590, 668, 701, 596, 508},
                new int[] {20, 20, 20, 20, 20, 20}, new int[] {29, 86, 116, 106, 94, 69},
                new int[] {77, 182, 181, 231, 169, 160});
        assertArrayEquals(IntStream.range(0, 120).toArray(), Graph.indices(citeseer.trainMask()));
        assertArrayEquals(IntStream.range(120, 620).toArray(), Graph.indices(citeseer.valMask()));
        // 15 nodes without features or label, all in 2312..3326, in no split
        int[] labels = citeseer.labels();
        boolean[] has = citeseer.hasFeatures();
        int missing = 0;
        for (int i = 0; i < 3327; i++) {
            if (!has[i]) {
                missing++;
                assertEquals(-1, labels[i]);
                assertTrue(i >= 2312);
                assertFalse(citeseer.trainMask()[i] || citeseer.valMask()[i] || citeseer.testMask()[i]);
                for (int f = 0; f < 3703; f++) {
                    assertEquals(0f, citeseer.feature(i, f));
                }
            }
        }
        assertEquals(15, missing);
        assertEquals(15, Arrays.stream(labels).filter(l -> l == -1).count());
        // 48 nodes have no edge other than a self-loop
        int[] deg = citeseer.degree();
        int[] loops = new int[3327];
        int[] src = citeseer.src();
        int[] dst = citeseer.dst();
        for (int e = 0; e < src.length; e++) {
            if (src[e] == dst[e]) {
                loops[src[e]] += 2;
            }
        }
        int onlyLoops = 0;
        for (int i = 0; i < 3327; i++) {
            if (deg[i] == loops[i]) {
                onlyLoops++;
            }
        }
        assertEquals(48, onlyLoops);
    }

    @Test
    void pubmedMatchesItsReadmeAndSurfacesTheCaveat() {
        assertFacts(pubmed, 19717, 500, 3, 52959, 44327, 3, new int[] {4103, 7739, 7875},
                new int[] {20, 20, 20}, new int[] {98, 194, 208}, new int[] {180, 413, 407});
        assertArrayEquals(IntStream.range(0, 60).toArray(), Graph.indices(pubmed.trainMask()));
        assertArrayEquals(IntStream.range(60, 560).toArray(), Graph.indices(pubmed.valMask()));
        assertEquals(1060, pubmed.nodesWithFeatures());
        boolean[] has = pubmed.hasFeatures();
        for (int i = 0; i < 19717; i++) {
            boolean expected = pubmed.trainMask()[i] || pubmed.testMask()[i];
            assertEquals(expected, has[i], "only train and test nodes have features; node " + i);
        }
        assertTrue(pubmed.caveat().orElseThrow().contains("1,060"));
        assertThrows(IllegalStateException.class, () -> pubmed.toDenseAdjacency(false));
    }

    private static void assertFacts(Graph g, int nodes, int features, int classes, int nonZeros, int edges,
            int selfLoops, int[] labelCounts, int[] train, int[] val, int[] test) {
        assertEquals(nodes, g.numNodes());
        assertEquals(features, g.numFeatures());
        assertEquals(classes, g.numClasses());
        int nz = 0;
        for (float v : g.features()) {
            if (v != 0f) {
                nz++;
            }
        }
        assertEquals(nonZeros, nz, "non-zero feature entries");
        assertEquals(edges, g.edgeCount(), "undirected edges");
        assertEquals(selfLoops, g.selfLoopCount(), "self-loops");
        assertEquals(2L * edges, Arrays.stream(g.degree()).asLongStream().sum(), "degree sum = 2 x edges");
        int[] labels = g.labels();
        int[] all = new int[classes];
        int[] tr = new int[classes];
        int[] va = new int[classes];
        int[] te = new int[classes];
        boolean[] trm = g.trainMask();
        boolean[] vam = g.valMask();
        boolean[] tem = g.testMask();
        for (int i = 0; i < nodes; i++) {
            if (labels[i] >= 0) {
                all[labels[i]]++;
            }
            if (trm[i]) {
                tr[labels[i]]++;
            }
            if (vam[i]) {
                va[labels[i]]++;
            }
            if (tem[i]) {
                te[labels[i]]++;
            }
        }
        assertArrayEquals(labelCounts, all, "labels per class");
        assertArrayEquals(train, tr, "train per class");
        assertArrayEquals(val, va, "val per class");
        assertArrayEquals(test, te, "test per class");
        assertEquals(Arrays.stream(train).sum(), Graph.indices(trm).length);
        assertEquals(500, Graph.indices(vam).length);
        assertEquals(1000, Graph.indices(tem).length);
    }

    // ---- errors ----

    @Test
    void unknownNameAndMissingFile() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> Planetoid.load(DATA.resolve("cora"), "coraa"));
        Files.copy(DATA.resolve("cora/nodes.csv.gz"), tmp.resolve("nodes.csv.gz"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Planetoid.load(tmp, "cora"));
        assertTrue(e.getMessage().contains("features.csv.gz"), e.getMessage());
    }

    @Test
    void messagesNameFileAndLine() throws IOException {
        copyCora(tmp);
        List<String> edges = gunzipLines(tmp.resolve("edges.csv.gz"));
        edges.set(10, "5,abc");
        gzipLines(tmp.resolve("edges.csv.gz"), edges);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Planetoid.load(tmp, "cora"));
        assertTrue(e.getMessage().contains("edges.csv.gz (line 11)") && e.getMessage().contains("abc"),
                e.getMessage());
    }

    @Test
    void genericLoaderReadsASmallGraphAndChecksCrossFileIds() throws IOException {
        writeCsv(tmp.resolve("nodes.csv.gz"), "id,label,split,has_features", "0,0,train,1", "1,1,test,1", "2,-1,unlabeled,0");
        writeCsv(tmp.resolve("features.csv.gz"), "node,feature,value", "0,1,0.5", "1,0,2");
        writeCsv(tmp.resolve("edges.csv.gz"), "src,dst", "0,1", "1,2", "2,2");
        Graph g = Planetoid.load(tmp, "tiny", 2, 2);
        assertArrayEquals(new float[] {0, 0.5f, 2, 0, 0, 0}, g.features());
        assertArrayEquals(new int[] {0, 1, -1}, g.labels());
        assertEquals(2, g.nodesWithFeatures());
        assertArrayEquals(new int[] {1, 2, 3}, g.degree());
        // edges referring to a node that nodes.csv does not have: counts of the CSVs disagree
        writeCsv(tmp.resolve("edges.csv.gz"), "src,dst", "0,1", "1,3");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Planetoid.load(tmp, "tiny", 2, 2));
        assertTrue(e.getMessage().contains("edges.csv.gz (line 3)"), e.getMessage());
        writeCsv(tmp.resolve("edges.csv.gz"), "src,dst", "0,1");
        writeCsv(tmp.resolve("features.csv.gz"), "node,feature,value", "0,2,1");
        e = assertThrows(DataFormatException.class, () -> Planetoid.load(tmp, "tiny", 2, 2));
        assertTrue(e.getMessage().contains("features.csv.gz (line 2)"), e.getMessage());
    }

    enum Corruption { CUT_GZIP, CUT_TEXT, DROP_LINE, GARBAGE_LINE, WRONG_HEADER, FEWER_NODES, FLIP_GZIP_BYTE, DUPLICATE_LINE }

    static Stream<Arguments> corruptions() {
        String[] files = {"nodes.csv.gz", "features.csv.gz", "edges.csv.gz"};
        return Stream.of(Corruption.values()).flatMap(c -> IntStream.range(0, 12)
                .mapToObj(s -> Arguments.of(c, files[s % 3], s)));
    }

    /**
     * Copies Cora, corrupts one CSV in a seeded random way and requires a DataFormatException naming
     * that file; the only other allowed outcome (gzip-header time-stamp flips, which gzip cannot
     * notice) is a graph identical to the real Cora.
     */
    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("corruptions")
    void corruptedCsvFailsNamingTheFile(Corruption kind, String file, int seed) throws IOException {
        Random rnd = new Random(31L * kind.ordinal() + seed);
        copyCora(tmp);
        Path target = tmp.resolve(file);
        if (kind == Corruption.FEWER_NODES) {
            target = tmp.resolve("nodes.csv.gz"); // mismatched counts between the CSVs
        }
        List<String> lines = gunzipLines(target);
        switch (kind) {
            case CUT_GZIP -> {
                byte[] gz = Files.readAllBytes(target);
                Files.write(target, Arrays.copyOf(gz, rnd.nextInt(gz.length)));
            }
            case CUT_TEXT -> {
                String text = String.join("\n", lines) + "\n";
                Files.write(target, gzip(text.substring(0, rnd.nextInt(text.length() - 1)).getBytes(StandardCharsets.UTF_8)));
            }
            case DROP_LINE -> {
                lines.remove(1 + rnd.nextInt(lines.size() - 1));
                gzipLines(target, lines);
            }
            case DUPLICATE_LINE -> {
                int at = 1 + rnd.nextInt(lines.size() - 1);
                lines.add(at, lines.get(at));
                gzipLines(target, lines);
            }
            case GARBAGE_LINE -> {
                String[] garbage = {"", "x", "1,2,3,4,5,6", "-5,0,train,1", "abc,def", "99999,1,1", "0,0,bogus,1",
                        "12,0,1e999", "3,", ",", "0,1433,1", "2708,0", "\u00ff\u00fe,1", "7,8,NaN", "1 ,2"};
                lines.add(1 + rnd.nextInt(lines.size() - 1), garbage[rnd.nextInt(garbage.length)]);
                gzipLines(target, lines);
            }
            case WRONG_HEADER -> {
                String[] headers = {"", "id,label,split", "src,dst,weight", "node,feature", "ID,LABEL,SPLIT,HAS_FEATURES",
                        "dst,src", "node,feature,value,extra"};
                lines.set(0, headers[rnd.nextInt(headers.length)]);
                gzipLines(target, lines);
            }
            case FEWER_NODES -> {
                int keep = 1 + rnd.nextInt(lines.size() - 1);
                gzipLines(target, lines.subList(0, keep));
            }
            case FLIP_GZIP_BYTE -> {
                byte[] gz = Files.readAllBytes(target);
                int at = rnd.nextInt(gz.length);
                gz[at] = (byte) (gz[at] ^ (1 + rnd.nextInt(255)));
                Files.write(target, gz);
            }
            default -> throw new AssertionError(kind);
        }
        Graph g;
        try {
            g = Planetoid.load(tmp, "cora");
        } catch (DataFormatException e) {
            assertTrue(e.getMessage().contains(target.getFileName().toString()), e.getMessage());
            return;
        }
        assertEquals(Corruption.FLIP_GZIP_BYTE, kind, kind + " of " + file + " was not detected");
        assertArrayEquals(cora.features(), g.features());
        assertArrayEquals(cora.labels(), g.labels());
        assertArrayEquals(cora.src(), g.src());
        assertArrayEquals(cora.dst(), g.dst());
        assertArrayEquals(cora.hasFeatures(), g.hasFeatures());
        assertArrayEquals(cora.trainMask(), g.trainMask());
        assertArrayEquals(cora.valMask(), g.valMask());
        assertArrayEquals(cora.testMask(), g.testMask());
    }

    // ---- helpers ----

    private static void copyCora(Path to) throws IOException {
        for (String f : new String[] {"nodes.csv.gz", "features.csv.gz", "edges.csv.gz"}) {
            Files.copy(DATA.resolve("cora").resolve(f), to.resolve(f));
        }
    }

    private static List<String> gunzipLines(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ArrayList<>(Arrays.asList(text.split("\n")));
        }
    }

    private static void gzipLines(Path file, List<String> lines) throws IOException {
        Files.write(file, gzip((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static void writeCsv(Path file, String... lines) throws IOException {
        gzipLines(file, Arrays.asList(lines));
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }
}
