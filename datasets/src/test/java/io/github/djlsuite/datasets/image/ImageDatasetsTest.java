package io.github.djlsuite.datasets.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import io.github.djlsuite.core.testing.EngineSupport;
import io.github.djlsuite.datasets.DataFormatException;
import io.github.djlsuite.datasets.image.ImageDatasets.Split;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImageDatasetsTest {

    private static final Path DATA = Path.of(System.getenv("SUITE_DATA"));
    private static final Path MNIST = DATA.resolve("mnist");
    private static final Path FASHION = DATA.resolve("fashion-mnist");

    // Published facts, from shared/datasets/mnist/README.md ("Counts (checked)")
    private static final int[] MNIST_TRAIN_PER_DIGIT = {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949};
    private static final int[] MNIST_TEST_PER_DIGIT = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

    @TempDir
    Path tmp;

    @Test
    void mnistMatchesTheReadme() throws IOException {
        long t0 = System.nanoTime();
        ImageDatasets.Raw train = ImageDatasets.mnistRaw(MNIST, Split.TRAIN);
        ImageDatasets.Raw test = ImageDatasets.mnistRaw(MNIST, Split.TEST);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("MNIST full load (60,000 train + 10,000 test, raw arrays): %.3f s%n", seconds);

        assertEquals(60_000, train.count());
        assertEquals(10_000, test.count());
        assertEquals(60_000 * 784, train.images().length);
        assertEquals(10_000 * 784, test.images().length);
        assertEquals(5, train.labels()[0], "MNIST's first training label is 5");
        assertArrayEquals(MNIST_TRAIN_PER_DIGIT, histogram(train.labels()));
        assertArrayEquals(MNIST_TEST_PER_DIGIT, histogram(test.labels()));
        int min = 255;
        int max = 0;
        for (byte b : train.images()) {
            min = Math.min(min, b & 0xFF);
            max = Math.max(max, b & 0xFF);
        }
        assertEquals(0, min, "background is 0");
        assertEquals(255, max, "full ink is 255");
    }

    @Test
    void mnistTestSetAsArrayDataset() throws Exception {
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            ArrayDataset ds = ImageDatasets.mnist(MNIST, m, Split.TEST, 100, false);
            assertEquals(10_000, ds.size());
            Batch batch = ds.getData(m).iterator().next();
            NDArray x = batch.getData().head();
            NDArray y = batch.getLabels().head();
            assertEquals(new Shape(100, 784), x.getShape());
            assertEquals(DataType.FLOAT32, x.getDataType());
            assertEquals(new Shape(100), y.getShape());
            assertTrue(x.min().getFloat() >= 0f && x.max().getFloat() <= 1f);
            assertEquals(1f, x.max().getFloat(), 0f);
            float[] labels = y.toFloatArray();
            for (float l : labels) {
                assertTrue(l >= 0 && l <= 9 && l == Math.rint(l), "label " + l);
            }
            batch.close();
        }
    }

    /** Exact values on both engines with a miniature folder: pixel b maps to b/255, labels to float ids. */
    @ParameterizedTest
    @MethodSource("io.github.djlsuite.core.testing.EngineSupport#engines")
    void datasetValuesAreExactOnEveryEngine(String engine) throws Exception {
        IdxFiles.writeMiniMnist(tmp, 7, 42);
        ImageDatasets.Raw raw = ImageDatasets.mnistRaw(tmp, Split.TEST);
        try (NDManager m = EngineSupport.manager(engine, 1)) {
            ArrayDataset ds = ImageDatasets.mnist(tmp, m, Split.TEST, 100, false);
            Batch batch = ds.getData(m).iterator().next();
            assertEquals(new Shape(7, 784), batch.getData().head().getShape());
            float[] x = batch.getData().head().toFloatArray();
            for (int i = 0; i < x.length; i++) {
                assertEquals((raw.images()[i] & 0xFF) / 255f, x[i], 1e-7f, "pixel " + i);
            }
            float[] y = batch.getLabels().head().toFloatArray();
            for (int i = 0; i < 7; i++) {
                assertEquals(i % 10, y[i], 0f);
            }
            batch.close();
        }
    }

    @Test
    void badArgumentsAndMissingFiles() throws IOException {
        IdxFiles.writeMiniMnist(tmp, 3, 1);
        ImageDatasets.Raw raw = ImageDatasets.mnistRaw(tmp, Split.TRAIN);
        try (NDManager m = EngineSupport.manager("PyTorch", 1)) {
            assertThrows(IllegalArgumentException.class, () -> raw.toDataset(m, 0, false));
        }
        IOException e = assertThrows(IOException.class, () -> ImageDatasets.mnistRaw(tmp.resolve("nowhere"), Split.TEST));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz"), e.getMessage());
        IOException f = assertThrows(IOException.class, () -> ImageDatasets.fashionMnistRaw(tmp, Split.TEST));
        assertTrue(f.getMessage().contains("all-labels-idx1-ubyte.gz"), f.getMessage());
    }

    @Test
    void labelOutOfRangeAndWrongImageSizeAreFormatErrors() throws IOException {
        IdxFiles.writeMiniMnist(tmp, 4, 1);
        IdxFiles.writeGz(tmp.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.labels(4, new byte[] {1, 2, 10, 3}));
        DataFormatException e = assertThrows(DataFormatException.class, () -> ImageDatasets.mnistRaw(tmp, Split.TRAIN));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz (byte 10)"), e.getMessage());
        IdxFiles.writeGz(tmp.resolve("t10k-images-idx3-ubyte.gz"), IdxFiles.images(4, 14, 56, new byte[4 * 784]));
        e = assertThrows(DataFormatException.class, () -> ImageDatasets.mnistRaw(tmp, Split.TEST));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz") && e.getMessage().contains("14x56"),
                e.getMessage());
    }

    @Test
    void fashionSplitIsStratifiedDisjointCompleteAndRepeatable() throws IOException {
        int[] labels = labelsOf(IdxReader.readLabels(FASHION.resolve("all-labels-idx1-ubyte.gz")));
        assertEquals(70_000, labels.length);
        // README: images 7000c .. 7000c+6999 are class c
        for (int i = 0; i < labels.length; i++) {
            assertEquals(i / 7000, labels[i]);
        }
        int[] train = ImageDatasets.fashionSplitIndices(labels, Split.TRAIN, ImageDatasets.FASHION_SPLIT_SEED);
        int[] test = ImageDatasets.fashionSplitIndices(labels, Split.TEST, ImageDatasets.FASHION_SPLIT_SEED);
        assertEquals(60_000, train.length);
        assertEquals(10_000, test.length);
        int[] trainPerClass = new int[10];
        int[] testPerClass = new int[10];
        boolean[] seen = new boolean[70_000];
        for (int i : train) {
            trainPerClass[labels[i]]++;
            assertFalse(seen[i], "duplicate index " + i);
            seen[i] = true;
        }
        for (int i : test) {
            testPerClass[labels[i]]++;
            assertFalse(seen[i], "index " + i + " is in train and test");
            seen[i] = true;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, trainPerClass[c]);
            assertEquals(1000, testPerClass[c]);
        }
        for (boolean s : seen) {
            assertTrue(s, "split does not cover all 70,000 images");
        }
        assertArrayEquals(train, ImageDatasets.fashionSplitIndices(labels, Split.TRAIN, 0L), "same seed, same split");
        assertFalse(Arrays.equals(test, ImageDatasets.fashionSplitIndices(labels, Split.TEST, 1L)), "seed matters");
        // the split is really shuffled within each class, not the first 6,000
        assertFalse(Arrays.equals(Arrays.copyOf(train, 6000), java.util.stream.IntStream.range(0, 6000).toArray()));
        // pin the published algorithm: java.util.Random(0) + Fisher-Yates; first 1,000-of-class-0 test indices
        assertArrayEquals(expectedFirstTestIndices(), Arrays.copyOf(test, 5));
    }

    @Test
    void fashionRawTestSideMatchesTheIndices() throws IOException {
        ImageDatasets.Raw all = new ImageDatasets.Raw(
                IdxReader.readImages(FASHION.resolve("all-images-idx3-ubyte.gz")).pixels(),
                labelsOf(IdxReader.readLabels(FASHION.resolve("all-labels-idx1-ubyte.gz"))));
        ImageDatasets.Raw test = ImageDatasets.fashionMnistRaw(FASHION, Split.TEST);
        int[] idx = ImageDatasets.fashionSplitIndices(all.labels(), Split.TEST, 0L);
        assertEquals(10_000, test.count());
        for (int k = 0; k < idx.length; k += 997) {
            assertEquals(all.labels()[idx[k]], test.labels()[k]);
            assertArrayEquals(Arrays.copyOfRange(all.images(), idx[k] * 784, idx[k] * 784 + 784),
                    Arrays.copyOfRange(test.images(), k * 784, k * 784 + 784));
        }
        ImageDatasets.Raw again = ImageDatasets.fashionMnistRaw(FASHION, Split.TEST);
        assertArrayEquals(test.images(), again.images(), "two calls, same images");
    }

    /** An independent re-implementation of the documented algorithm, for class 0 only. */
    private static int[] expectedFirstTestIndices() {
        java.util.Random r = new java.util.Random(0);
        int[] a = java.util.stream.IntStream.range(0, 7000).toArray();
        for (int k = a.length - 1; k > 0; k--) {
            int j = r.nextInt(k + 1);
            int t = a[k];
            a[k] = a[j];
            a[j] = t;
        }
        int[] testSide = Arrays.copyOfRange(a, 6000, 7000);
        Arrays.sort(testSide);
        return Arrays.copyOf(testSide, 5);
    }

    private static int[] labelsOf(IdxReader.Labels l) {
        int[] out = new int[l.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.labels()[i] & 0xFF;
        }
        return out;
    }

    private static int[] histogram(int[] labels) {
        int[] h = new int[10];
        for (int l : labels) {
            h[l]++;
        }
        return h;
    }
}
