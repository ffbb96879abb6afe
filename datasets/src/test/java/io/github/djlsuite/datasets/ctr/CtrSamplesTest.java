package io.github.djlsuite.datasets.ctr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.datasets.Corrupt;
import io.github.djlsuite.datasets.DataFormatException;
import io.github.djlsuite.datasets.ctr.CtrEncoder.Encoded;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.junit.jupiter.params.provider.MethodSource;

/** The six samples load with their README counts; corrupted copies fail cleanly. */
class CtrSamplesTest {

    private static final Path DATA = Path.of(System.getenv("SUITE_DATA"));

    @TempDir
    Path tmp;

    private static int positives(CtrData d, int task) {
        return d.train().positives(task) + d.valid().positives(task) + d.test().positives(task);
    }

    private static void assertRows(CtrData d, int train, int valid, int test) {
        assertEquals(train, d.trainRows());
        assertEquals(valid, d.validRows());
        assertEquals(test, d.testRows());
    }

    /** Every id lies in its vocabulary and every categorical field has at least PAD and OOV. */
    private static void assertIdsInRange(CtrData d) {
        CtrLayout l = d.layout();
        for (Encoded e : List.of(d.train(), d.valid(), d.test())) {
            for (int i = 0; i < e.size(); i++) {
                for (int f = 0; f < l.numCategorical(); f++) {
                    assertTrue(e.categorical(i, f) >= 0 && e.categorical(i, f) < l.vocab(f));
                }
                for (int s = 0; s < l.sequences().size(); s++) {
                    int[] seq = e.sequence(s, i);
                    boolean padded = false;
                    for (int id : seq) {
                        assertTrue(id >= 0 && id < l.sequences().get(s).vocabSize());
                        assertTrue(!padded || id == 0, "padding only at the right end");
                        padded |= id == 0;
                    }
                }
            }
        }
    }

    @Test
    void criteo() throws IOException {
        CtrData d = CtrSamples.criteo(null);
        assertRows(d, 160, 20, 20);
        assertEquals(49, positives(d, 0), "README: 49 ones");
        assertEquals(5, d.test().positives(0), "stratified: 10% of 49 ones");
        CtrLayout l = d.layout();
        assertEquals(39, l.numCategorical());
        assertEquals(0, l.numNumeric());
        assertEquals("I1", l.categoricalNames().get(0));
        assertEquals("C26", l.categoricalNames().get(38));
        assertEquals(List.of("label"), l.labelNames());
        // C22 is missing in 159 of 200 rows: PAD must appear; C fields keep only values seen 10+ times
        int c22 = l.categoricalNames().indexOf("C22");
        assertTrue(IntStream.range(0, d.trainRows()).anyMatch(i -> d.train().categorical(i, c22) == CtrLayout.PAD));
        assertTrue(l.vocab(c22) < 10);
        assertIdsInRange(d);
        // same seed, same split; other seed, other split
        assertEquals(d.test(), CtrSamples.criteo(null, 0).test());
        assertTrue(!Arrays.equals(d.test().categorical(), CtrSamples.criteo(null, 7).test().categorical()));
    }

    @Test
    void avazu() throws IOException {
        CtrData d = CtrSamples.avazu(null);
        assertRows(d, 80, 10, 10);
        assertEquals(20, positives(d, 0));
        assertEquals(22, d.layout().numCategorical());
        assertEquals(0, d.layout().numNumeric());
        assertEquals(3, d.layout().vocab(d.layout().categoricalNames().indexOf("hour")), "one hour: PAD, OOV, 1");
        assertIdsInRange(d);
    }

    @Test
    void movielens() throws IOException {
        CtrData d = CtrSamples.movielens(null);
        assertRows(d, 160, 20, 20);
        assertEquals(113, positives(d, 0), "ratings 4 and 5: 65 + 48");
        CtrLayout l = d.layout();
        assertEquals(List.of("user_id", "movie_id", "gender", "age", "occupation", "zip"), l.categoricalNames());
        assertEquals(4, l.vocab(2), "F, M, PAD, OOV");
        assertEquals(1, l.sequences().size());
        assertEquals(6, l.sequences().get(0).maxLength());
        assertEquals(-1, l.sequences().get(0).sharedWith());
        assertIdsInRange(d);
        // every row has at least one genre
        for (int i = 0; i < d.trainRows(); i++) {
            assertTrue(d.train().sequence(0, i)[0] != CtrLayout.PAD);
        }
        assertTrue(d.encoder().vocabulary("genres").contains("Comedy"));
    }

    @Test
    void censusIncomeHasTwoTasks() throws IOException {
        CtrData d = CtrSamples.censusIncome(null);
        assertRows(d, 160, 20, 20);
        CtrLayout l = d.layout();
        assertEquals(List.of("income", "marital"), l.labelNames());
        assertEquals(12, positives(d, 0), "README: 12 positives");
        long neverMarried = Files.readAllLines(DATA.resolve("census-income-sample/census-income.sample")).stream()
                .filter(s -> s.contains(", Never married,")).count();
        assertTrue(neverMarried > 20);
        assertEquals(neverMarried, positives(d, 1));
        assertEquals(10, l.numNumeric());
        assertEquals(29, l.numCategorical());
        assertTrue(!l.categoricalNames().contains("marital_stat") && !l.numericNames().contains("instance_weight"));
        // standardised with training statistics: the training mean of each numeric column is ~0
        int n = l.numNumeric();
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < d.trainRows(); i++) {
                s += d.train().numeric()[i * n + j];
            }
            assertEquals(0, s / d.trainRows(), 1e-5);
        }
        assertTrue(d.encoder().vocabulary("sex").containsAll(List.of("Female", "Male")), "values are trimmed");
        assertIdsInRange(d);
    }

    @Test
    void dinAmazonElectronicsSharesVocabularies() throws IOException {
        CtrData d = CtrSamples.dinAmazonElectronics(null);
        assertRows(d, 80, 10, 10);
        assertEquals(48, positives(d, 0));
        CtrLayout l = d.layout();
        assertEquals(List.of("target_item_id", "target_cate_id"), l.categoricalNames());
        assertEquals(new CtrLayout.Sequence("hist_item_ids", l.vocab(0), 50, 0), l.sequences().get(0));
        assertEquals(new CtrLayout.Sequence("hist_cate_ids", l.vocab(1), 50, 1), l.sequences().get(1));
        assertIdsInRange(d);
        // the history of the longest training rows is cut to its 50 most recent items
        List<String> lines = Files.readAllLines(DATA.resolve("din-amazon-electronics-sample/sample_data.txt"));
        for (String line : lines) {
            String[] items = line.split(";")[0].split(" ");
            if (items.length > 50) {
                Encoded one = d.encoder().encode(java.util.Map.of("hist_item_ids", line.split(";")[0]));
                int[] seq = one.sequence(0, 0);
                assertEquals(d.encoder().id("hist_item_ids", items[items.length - 1]), seq[49]);
                assertEquals(d.encoder().id("hist_item_ids", items[items.length - 50]), seq[0]);
            }
        }
        assertTrue(lines.stream().anyMatch(s -> s.split(";")[0].split(" ").length > 50));
    }

    @Test
    void taobaoAdUsesItsFilesAndCarriesTheCaveat() throws IOException {
        CtrData d = CtrSamples.taobaoAd(null);
        assertRows(d, 100, 100, 100);
        assertEquals(4, d.train().positives(0));
        assertEquals(4, d.test().positives(0));
        assertTrue(d.caveat().orElseThrow().contains("not independent"));
        CtrLayout l = d.layout();
        assertEquals(List.of("price"), l.numericNames());
        assertEquals(1, l.sequences().size());
        assertEquals(l.categoricalNames().indexOf("adgroup_id"), l.sequences().get(0).sharedWith());
        assertEquals(2, l.vocab(l.categoricalNames().indexOf("new_user_class_level")), "always empty");
        assertEquals(d.valid(), d.test(), "valid and test files are byte-identical");
        assertIdsInRange(d);
    }

    // ---- corruption property tests ----

    enum Mode { TRUNCATE, GARBAGE_LINE, WRONG_COLUMNS, GARBAGE_BYTE, NON_NUMERIC }

    /** dataset, file, separator, header lines, numeric column (or -1). */
    private record Target(String dataset, String file, char sep, int headerLines, int numericColumn) {}

    private static final List<Target> TARGETS = List.of(
            new Target("criteo-sample", "criteo_sample.txt", ',', 1, 3),
            new Target("census-income-sample", "census-income.sample", ',', 0, 1),
            new Target("din-amazon-electronics-sample", "sample_data.txt", ';', 0, -1),
            new Target("taobao-ad-sample", "test_sample.csv", ',', 1, 9),
            new Target("movielens-sample", "movielens_sample.txt", ',', 1, -1),
            new Target("avazu-sample", "avazu_sample.txt", ',', 1, -1));

    static Stream<Object[]> cases() {
        List<Object[]> out = new ArrayList<>();
        for (Mode m : Mode.values()) {
            for (int k = 0; k < 10; k++) {
                out.add(new Object[] {m, 1000L * m.ordinal() + k});
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void corruptedCopiesFailWithFileAndLine(Mode mode, long seed) throws IOException {
        Random rnd = new Random(seed);
        List<Target> ts = mode == Mode.NON_NUMERIC ? TARGETS.stream().filter(t -> t.numericColumn() >= 0).toList()
                : TARGETS;
        Target t = ts.get(rnd.nextInt(ts.size()));
        Path dir = tmp.resolve(t.dataset());
        Files.createDirectories(dir);
        Corrupt.copyFolder(DATA.resolve(t.dataset()), dir);
        Path file = dir.resolve(t.file());
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Integer expectedLine = null;
        switch (mode) {
            case TRUNCATE -> Corrupt.apply(file, Corrupt.Mode.TRUNCATE, seed, null);
            case GARBAGE_LINE -> Corrupt.apply(file, Corrupt.Mode.GARBAGE_LINE, seed, null);
            case GARBAGE_BYTE -> {
                byte[] c = Files.readAllBytes(file);
                byte[] o = new byte[c.length + 1];
                int at = rnd.nextInt(c.length);
                System.arraycopy(c, 0, o, 0, at);
                o[at] = rnd.nextBoolean() ? (byte) '\r' : (byte) (0x80 + rnd.nextInt(128));
                System.arraycopy(c, at, o, at + 1, c.length - at);
                Files.write(file, o);
            }
            case WRONG_COLUMNS, NON_NUMERIC -> {
                List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.US_ASCII));
                int i = t.headerLines() + rnd.nextInt(lines.size() - t.headerLines());
                String line = lines.get(i);
                if (mode == Mode.WRONG_COLUMNS) {
                    line = rnd.nextBoolean() ? line + t.sep() + "x" : line.substring(0, line.lastIndexOf(t.sep()));
                } else {
                    String[] parts = line.split(String.valueOf(t.sep()), -1);
                    parts[t.numericColumn()] = rnd.nextBoolean() ? "abc" : "1.5.2";
                    line = String.join(String.valueOf(t.sep()), parts);
                }
                lines.set(i, line);
                Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.US_ASCII);
                expectedLine = i + 1;
            }
            default -> throw new AssertionError(mode);
        }
        DataFormatException e = assertThrows(DataFormatException.class, () -> load(t.dataset(), tmp));
        assertTrue(e.getMessage().contains(t.file() + " (line "), e.getMessage());
        if (expectedLine != null) {
            assertTrue(e.getMessage().contains("(line " + expectedLine + ")"), e.getMessage());
        }
        if (mode == Mode.NON_NUMERIC) {
            assertTrue(e.getMessage().contains("not a number"), e.getMessage());
        }
    }

    private static CtrData load(String dataset, Path root) throws IOException {
        return switch (dataset) {
            case "criteo-sample" -> CtrSamples.criteo(root);
            case "census-income-sample" -> CtrSamples.censusIncome(root);
            case "din-amazon-electronics-sample" -> CtrSamples.dinAmazonElectronics(root);
            case "taobao-ad-sample" -> CtrSamples.taobaoAd(root);
            case "movielens-sample" -> CtrSamples.movielens(root);
            case "avazu-sample" -> CtrSamples.avazu(root);
            default -> throw new AssertionError(dataset);
        };
    }
}
