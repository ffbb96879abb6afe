package io.github.djlsuite.datasets.text;

import io.github.djlsuite.datasets.Corrupt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.DataFormatException;
import java.nio.charset.StandardCharsets;
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

class CharCorpusTest {

    private static final Path DATA = Path.of(System.getenv("SUITE_DATA")).resolve("tiny-shakespeare");
    private static CharCorpus corpus;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        corpus = CharCorpus.tinyShakespeare(DATA);
    }

    @Test
    void matchesReadme() {
        assertEquals(1_115_394, corpus.length());
        assertEquals(65, corpus.vocabSize());
        assertEquals("\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", corpus.vocabulary());
        assertTrue(corpus.text().startsWith("First Citizen:\n"));
        assertEquals(40_000, corpus.text().chars().filter(c -> c == '\n').count());
    }

    @Test
    void roundTrips() {
        String s = "First Citizen:\nBefore we proceed any further, hear me speak.";
        assertEquals(s, corpus.decode(corpus.encode(s)));
        assertEquals(corpus.text(), corpus.decode(corpus.encode(corpus.text())));
        assertArrayEquals(new int[] {0, 1}, corpus.encode("\n "));
        assertThrows(IllegalArgumentException.class, () -> corpus.encode("#"));
        CharCorpus small = CharCorpus.of("abca");
        assertEquals("abc", small.vocabulary());
        assertArrayEquals(new int[] {0, 1, 2, 0}, small.encode("abca"));
    }

    @Test
    void nanoGptSplit() {
        assertEquals(1_003_854, corpus.trainEnd());
        assertEquals(1_003_854, corpus.ids(CharCorpus.Split.TRAIN).length);
        assertEquals(111_540, corpus.ids(CharCorpus.Split.VAL).length);
        assertEquals(corpus.text().substring(1_003_854), corpus.decode(corpus.ids(CharCorpus.Split.VAL)));
    }

    @Test
    void windowsAreShiftedByOne() throws Exception {
        int t = 8;
        CharCorpus.Windows train = corpus.windows(CharCorpus.Split.TRAIN, t, 4, false);
        CharCorpus.Windows val = corpus.windows(CharCorpus.Split.VAL, t, 4, true);
        assertEquals(1_003_854 - t, train.size());
        assertEquals(111_540 - t, val.size());
        int[] all = corpus.encode(corpus.text());
        Random rnd = new Random(3);
        for (int k = 0; k < 200; k++) {
            long i = rnd.nextInt((int) train.size());
            int[] x = train.input(i);
            int[] y = train.target(i);
            assertArrayEquals(Arrays.copyOfRange(x, 1, t), Arrays.copyOfRange(y, 0, t - 1));
            assertArrayEquals(Arrays.copyOfRange(all, (int) i, (int) i + t), x);
            assertEquals(all[(int) i + t], y[t - 1]);
        }
        assertArrayEquals(Arrays.copyOfRange(all, 1_003_854, 1_003_854 + t), val.input(0));
        assertEquals(all[all.length - 1], val.target(val.size() - 1)[t - 1], "last val window ends at the last char");
        assertEquals(1_003_853, train.size() - 1 + t, "last train target is char 1,003,853");
        assertThrows(IndexOutOfBoundsException.class, () -> train.input(train.size()));
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            Record r = train.get(m, 5);
            assertArrayEquals(train.input(5), r.getData().head().toIntArray());
            assertArrayEquals(train.target(5), r.getLabels().head().toIntArray());
            Batch b = train.getData(m).iterator().next();
            assertEquals(4, b.getData().head().getShape().get(0));
            assertEquals(t, b.getData().head().getShape().get(1));
            assertArrayEquals(Arrays.copyOfRange(all, 1, 1 + t), b.getLabels().head().get(0).toIntArray());
            b.close();
        }
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(Corrupt.Mode.values()).flatMap(m -> IntStream.range(0, 6).mapToObj(s -> Arguments.of(m, s)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("corruptions")
    void corruptedCopiesFailNamingTheFile(Corrupt.Mode mode, int seed) throws Exception {
        Corrupt.copyFolder(DATA, tmp);
        Path f = tmp.resolve(CharCorpus.SHAKESPEARE_FILE);
        // break the "header" (first line): same length, in-vocabulary, so only the checksum can tell
        String[] headers = {"First Citizen;", "first Citizen:", "First Citizen!", "Frist Citizen:", "First Citizen.",
            "First citizen:"};
        Corrupt.apply(f, mode, seed, headers[seed % headers.length]);
        DataFormatException e = assertThrows(DataFormatException.class, () -> CharCorpus.tinyShakespeare(tmp));
        assertTrue(e.getMessage().contains(CharCorpus.SHAKESPEARE_FILE), e.getMessage());
    }

    @Test
    void nonAsciiIsReportedWithPosition() throws Exception {
        Corrupt.copyFolder(DATA, tmp);
        Path f = tmp.resolve(CharCorpus.SHAKESPEARE_FILE);
        byte[] c = Corrupt.content(f);
        c[20] = (byte) 0xE9;
        Corrupt.write(f, c);
        DataFormatException e = assertThrows(DataFormatException.class, () -> CharCorpus.tinyShakespeare(tmp));
        assertTrue(e.getMessage().contains("byte 20, line 2"), e.getMessage());
        assertEquals("x", new String(new byte[] {'x'}, StandardCharsets.US_ASCII));
    }
}
