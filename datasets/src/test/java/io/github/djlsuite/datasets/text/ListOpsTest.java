package io.github.djlsuite.datasets.text;

import io.github.djlsuite.datasets.Corrupt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.DataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListOpsTest {

    private static final Path DATA = Path.of(System.getenv("SUITE_DATA")).resolve("listops");
    private static ListOps data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        data = ListOps.load(DATA);
    }

    @Test
    void matchesReadme() throws Exception {
        assertEquals(10_000, data.size());
        assertArrayEquals(new int[] {1127, 1038, 967, 978, 991, 969, 895, 930, 964, 1141}, data.classCounts());
        assertEquals(18, ListOps.VOCAB.size(), "17 tokens + padding");
        assertEquals(2815, data.maxLength(false));
        assertEquals(939, data.maxLength(true));
        double withParens = IntStream.range(0, data.size()).map(i -> data.ids(i, false).length).average().orElseThrow();
        double flat = IntStream.range(0, data.size()).map(i -> data.ids(i, true).length).average().orElseThrow();
        assertEquals(127, withParens, 0.5);
        assertEquals(42.8, flat, 0.05);
        assertEquals(1, IntStream.range(0, data.size()).map(i -> data.ids(i, true).length).min().orElseThrow());
        assertEquals(0, data.label(0));
        assertEquals("( ( ( ( ( [SM 6 ) 5 ) 9 ) 0 ) ] )", data.source(0));
        assertEquals("[SM 6 5 9 0 ]", ListOps.decode(data.ids(0, true)));
    }

    @Test
    void caveatIsSurfaced() {
        String c = data.caveat();
        assertTrue(c.contains("test file only") && c.contains("NOT the Long Range Arena"), c);
    }

    @Test
    void everySourceRoundTrips() throws Exception {
        String[] lines = new String(Corrupt.content(DATA.resolve(ListOps.FILE)), StandardCharsets.US_ASCII).split("\n");
        assertEquals(10_001, lines.length);
        for (int i = 0; i < data.size(); i++) {
            String src = lines[i + 1].substring(2);
            assertEquals(src, data.source(i));
            assertEquals(src, ListOps.decode(ListOps.encode(src)));
            assertArrayEquals(data.ids(i, false), ListOps.encode(src));
        }
        assertThrows(IllegalArgumentException.class, () -> ListOps.encode("[MAX 1 x ]"));
    }

    @Test
    void paddingAndMask() throws Exception {
        int len = 200;
        ListOps.Padded p = data.pad(len, true);
        long longer = IntStream.range(0, data.size()).filter(i -> data.ids(i, true).length > len).count();
        assertEquals(longer, p.truncated());
        for (int i = 0; i < data.size(); i++) {
            int[] s = data.ids(i, true);
            assertEquals(Math.min(len, s.length), p.lengths()[i]);
            float sum = 0;
            for (int j = 0; j < len; j++) {
                float m = p.mask()[i * len + j];
                sum += m;
                int id = p.ids()[i * len + j];
                assertEquals(m == 1f, id != ListOps.PAD);
                if (j < s.length) {
                    assertEquals(s[j], id);
                }
            }
            assertEquals(p.lengths()[i], sum);
        }
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            ArrayDataset ds = data.toDataset(m, len, true, 32, false);
            assertEquals(10_000, ds.size());
            Batch b = ds.getData(m).iterator().next();
            assertEquals(2, b.getData().size());
            assertEquals(32, b.getData().get(0).getShape().get(0));
            assertEquals(len, b.getData().get(1).getShape().get(1));
            assertArrayEquals(Arrays.copyOf(data.ids(0, true), len), b.getData().get(0).get(0).toIntArray());
            b.close();
        }
    }

    @Test
    void stratifiedSplit() {
        int[][] s = data.split(0.1, 7);
        int expected = Arrays.stream(data.classCounts()).map(c -> (int) Math.round(c * 0.1)).sum();
        assertEquals(expected, s[1].length);
        assertEquals(10_000 - expected, s[0].length);
        int[] all = IntStream.concat(Arrays.stream(s[0]), Arrays.stream(s[1])).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 10_000).toArray(), all);
        assertArrayEquals(s[1], data.split(0.1, 7)[1]);
        ListOps test = data.subset(s[1]);
        assertEquals(data.source(s[1][0]), test.source(0));
    }

    @Test
    void wrongValueIsRejected() throws Exception {
        Path f = tmp.resolve("x.tsv");
        Files.writeString(f, "Target\tSource\n4\t( ( [MED 1 ) 8 ) ]\n");
        assertEquals(4, ListOps.read(f).label(0), "median of an even count: floor of the mean, as int(np.median)");
        Files.writeString(f, "Target\tSource\n5\t( ( [MED 1 ) 8 ) ]\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> ListOps.read(f));
        assertTrue(e.getMessage().contains("x.tsv (line 2)"), e.getMessage());
        Files.writeString(f, "Target\tSource\n1\t[MAX 1\n");
        assertThrows(DataFormatException.class, () -> ListOps.read(f));
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(Corrupt.Mode.values()).flatMap(m -> IntStream.range(0, 6).mapToObj(s -> Arguments.of(m, s)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("corruptions")
    void corruptedCopiesFailNamingTheFile(Corrupt.Mode mode, int seed) throws Exception {
        Corrupt.copyFolder(DATA, tmp);
        Path f = tmp.resolve(ListOps.FILE);
        String[] headers = {"Source\tTarget", "Target,Source", "target\tsource", "Target\tSource\t", "", "Target"};
        Corrupt.apply(f, mode, seed, headers[new Random(seed).nextInt(headers.length)]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> ListOps.load(tmp));
        assertTrue(e.getMessage().contains(ListOps.FILE), e.getMessage());
    }
}
