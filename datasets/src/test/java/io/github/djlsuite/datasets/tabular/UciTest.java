package io.github.djlsuite.datasets.tabular;

import io.github.djlsuite.datasets.Corrupt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.DataFormatException;
import java.nio.file.Path;
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

class UciTest {

    private static final Path DATA = Path.of(System.getenv("SUITE_DATA")).resolve("uci");

    @TempDir
    Path tmp;

    @Test
    void irisMatchesReadme() throws Exception {
        Uci.Table t = Uci.iris(DATA);
        assertEquals(150, t.rows());
        assertEquals(4, t.numFeatures());
        assertEquals(List.of("setosa", "versicolor", "virginica"), t.classNames());
        assertArrayEquals(new int[] {50, 50, 50}, t.classCounts());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, t.row(0));
        assertEquals(0, t.labels()[0]);
        assertArrayEquals(new float[] {5.9f, 3.0f, 5.1f, 1.8f}, t.row(149));
        assertEquals(2, t.labels()[149]);
        assertEquals(4, t.featureNames().size());
        assertTrue(t.isClassification());
        assertNull(t.targets());
    }

    @Test
    void wineAndBreastCancerMatchReadme() throws Exception {
        Uci.Table w = Uci.wine(DATA);
        assertEquals(178, w.rows());
        assertEquals(13, w.numFeatures());
        assertArrayEquals(new int[] {59, 71, 48}, w.classCounts());
        assertEquals(List.of("class_0", "class_1", "class_2"), w.classNames());
        assertEquals(14.23f, w.feature(0, 0));
        assertEquals(1065f, w.feature(0, 12));
        assertEquals("proline", w.featureNames().get(12));
        Uci.Table b = Uci.breastCancer(DATA);
        assertEquals(569, b.rows());
        assertEquals(30, b.numFeatures());
        assertArrayEquals(new int[] {212, 357}, b.classCounts());
        assertEquals(List.of("malignant", "benign"), b.classNames());
        assertEquals("mean radius", b.featureNames().get(0));
        assertEquals("radius error", b.featureNames().get(10));
        assertEquals("worst fractal dimension", b.featureNames().get(29));
        assertEquals(17.99f, b.feature(0, 0));
    }

    @Test
    void digitsMatchReadme() throws Exception {
        Uci.Table d = Uci.digits(DATA);
        assertEquals(1797, d.rows());
        assertEquals(64, d.numFeatures());
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, d.classCounts());
        assertEquals("pixel_2_3", d.featureNames().get(8 * 2 + 3));
        for (float v : d.features()) {
            assertTrue(v >= 0 && v <= 16 && v == Math.rint(v));
        }
        assertEquals(5f, d.feature(0, 2)); // first row: 0,0,5,13,...
        assertEquals(13f, d.feature(0, 3));
    }

    @Test
    void diabetesIsRawRegression() throws Exception {
        Uci.Table t = Uci.diabetes(DATA);
        assertEquals(442, t.rows());
        assertEquals(10, t.numFeatures());
        assertFalse(t.isClassification());
        assertEquals(0, t.numClasses());
        assertArrayEquals(new float[] {59, 2, 32.1f, 101f, 157, 93.2f, 38f, 4f, 4.8598f, 87}, t.row(0));
        assertEquals(151f, t.targets()[0]);
        assertEquals(75f, t.targets()[1]);
        for (float y : t.targets()) {
            assertTrue(y >= 25 && y <= 346);
        }
        for (int i = 0; i < t.rows(); i++) {
            float sex = t.feature(i, 1);
            assertTrue(sex == 1f || sex == 2f);
        }
    }

    @Test
    void stratifiedSplitIsSeededDisjointAndProportional() throws Exception {
        Uci.Table t = Uci.iris(DATA);
        Uci.Split s = t.split(0.2, 42);
        assertEquals(120, s.train().rows());
        assertEquals(30, s.test().rows());
        assertArrayEquals(new int[] {10, 10, 10}, s.test().classCounts());
        assertArrayEquals(new int[] {40, 40, 40}, s.train().classCounts());
        int[] all = IntStream.concat(Arrays.stream(s.trainIndices()), Arrays.stream(s.testIndices())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 150).toArray(), all);
        assertArrayEquals(s.testIndices(), t.split(0.2, 42).testIndices(), "same seed, same split");
        assertFalse(Arrays.equals(s.testIndices(), t.split(0.2, 43).testIndices()), "other seed, other split");
        assertArrayEquals(t.row(s.testIndices()[3]), s.test().row(3));

        Uci.Table w = Uci.wine(DATA);
        Uci.Split ws = w.split(0.25, 1);
        assertArrayEquals(new int[] {15, 18, 12}, ws.test().classCounts()); // round(59/4, 71/4, 48/4)
        Uci.Table d = Uci.diabetes(DATA);
        Uci.Split ds = d.split(0.2, 1);
        assertEquals(88, ds.test().rows());
        assertEquals(354, ds.train().rows());
        assertEquals(d.targets()[ds.testIndices()[0]], ds.test().targets()[0]);
        assertThrows(IllegalArgumentException.class, () -> t.split(0, 1));
        assertThrows(IllegalArgumentException.class, () -> t.split(1, 1));
    }

    @Test
    void toDatasetHasTheRightShapes() throws Exception {
        Uci.Table t = Uci.iris(DATA);
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            ArrayDataset ds = t.toDataset(m, 16, false);
            assertEquals(150, ds.size());
            Batch b = ds.getData(m).iterator().next();
            assertEquals(16, b.getData().head().getShape().get(0));
            assertEquals(4, b.getData().head().getShape().get(1));
            assertArrayEquals(t.row(0), b.getData().head().get(0).toFloatArray());
            assertEquals(0f, b.getLabels().head().getFloat(0));
            b.close();
            ArrayDataset reg = Uci.diabetes(DATA).toDataset(m, 1000, true);
            assertEquals(442, reg.size());
            assertThrows(IllegalArgumentException.class, () -> t.toDataset(m, 0, false));
        }
    }

    @Test
    void genericReaderHonoursTheSpecialHeader() throws Exception {
        Path f = tmp.resolve("tiny.csv");
        java.nio.file.Files.writeString(f, "2,2,a,b\n1.5,2,1\n-3,4e1,0\n");
        Uci.Table t = Uci.readClassificationCsv(f);
        assertEquals(2, t.rows());
        assertArrayEquals(new float[] {-3, 40}, t.row(1));
        assertEquals(List.of("a", "b"), t.classNames());
        java.nio.file.Files.writeString(f, "2,2,a,b\n1.5,2,2\n-3,4e1,0\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> Uci.readClassificationCsv(f));
        assertTrue(e.getMessage().contains("tiny.csv (line 2"), e.getMessage());
        java.nio.file.Files.writeString(f, "2,2,a,b\n1.5,NaN,1\n-3,4e1,0\n");
        assertThrows(DataFormatException.class, () -> Uci.readClassificationCsv(f));
    }

    // ---- seeded corruption of copies: every case must throw DataFormatException naming the file ----

    private static final String[][] FILES = {
        {"IRIS", "iris.csv"}, {"WINE", "wine_data.csv"}, {"BREAST_CANCER", "breast_cancer.csv"},
        {"DIGITS", "digits.csv.gz"}, {"DIABETES", "diabetes_data_raw.csv.gz"}, {"DIABETES", "diabetes_target.csv.gz"}};

    static Stream<Arguments> corruptions() {
        return Stream.of(FILES).flatMap(f -> Stream.of(Corrupt.Mode.values())
                .filter(m -> m != Corrupt.Mode.CUT_GZIP || f[1].endsWith(".gz"))
                .filter(m -> m != Corrupt.Mode.BREAK_HEADER || !f[1].endsWith(".gz"))
                .flatMap(m -> IntStream.range(0, 6).mapToObj(s -> Arguments.of(f[0], f[1], m, s))));
    }

    /** Replacement first lines for BREAK_HEADER, chosen by seed. */
    private static String brokenHeader(String good, long seed) {
        Random rnd = new Random(seed);
        String[] p = good.split(",");
        return switch (rnd.nextInt(5)) {
            case 0 -> (Integer.parseInt(p[0]) + 1 + rnd.nextInt(5)) + good.substring(p[0].length()); // more rows promised
            case 1 -> (Integer.parseInt(p[0]) - 1 - rnd.nextInt(5)) + good.substring(p[0].length()); // fewer
            case 2 -> p[0] + "," + (Integer.parseInt(p[1]) + 1) + good.substring(p[0].length() + p[1].length() + 1);
            case 3 -> good.substring(0, good.lastIndexOf(',')); // a class name dropped
            default -> Corrupt.garbage(rnd);
        };
    }

    @ParameterizedTest(name = "{1} {2} seed {3}")
    @MethodSource("corruptions")
    void corruptedCopiesFailNamingTheFile(String name, String file, Corrupt.Mode mode, int seed) throws Exception {
        Corrupt.copyFolder(DATA, tmp);
        Path f = tmp.resolve(file);
        String header = null;
        if (mode == Corrupt.Mode.BREAK_HEADER) {
            String s = new String(Corrupt.content(f), java.nio.charset.StandardCharsets.US_ASCII);
            header = brokenHeader(s.substring(0, s.indexOf('\n')), seed);
        }
        Corrupt.apply(f, mode, seed, header);
        DataFormatException e = assertThrows(DataFormatException.class, () -> Uci.load(tmp, Uci.Name.valueOf(name)));
        assertTrue(e.getMessage().contains(file), e.getMessage());
    }
}
