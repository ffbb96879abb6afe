package io.github.djlsuite.datasets.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import io.github.djlsuite.datasets.DataFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * MNIST and Fashion-MNIST from their folders in {@code shared/datasets}, as raw arrays or as DJL
 * {@link ArrayDataset}s.
 *
 * <p>Layout (the one layout this class produces): data is float32 of shape (N, 784), each row one
 * 28×28 image flattened row-major, pixel value {@code (b & 0xFF) / 255f} in [0, 1]; labels are
 * float32 class ids 0–9 of shape (N). For convolutions reshape a batch to (B, 1, 28, 28).
 *
 * <p>All NDArrays are created on the manager you pass (never the default engine) and live until
 * that manager is closed.
 */
public final class ImageDatasets {

    /** Which part of a data set to load. */
    public enum Split {
        /** MNIST {@code train-*} (60,000); Fashion-MNIST: 6,000 per class of the seeded split (60,000). */
        TRAIN,
        /** MNIST {@code t10k-*} (10,000); Fashion-MNIST: 1,000 per class of the seeded split (10,000). */
        TEST
    }

    /** Image side in pixels (28). */
    public static final int SIDE = 28;
    /** Pixels per image (784). */
    public static final int PIXELS = SIDE * SIDE;
    /** Number of classes in both data sets (10). */
    public static final int NUM_CLASSES = 10;
    /** Default seed of the Fashion-MNIST split (0). */
    public static final long FASHION_SPLIT_SEED = 0L;
    /** Fashion-MNIST images per class in the file (7,000). */
    public static final int FASHION_PER_CLASS = 7000;
    /** Fashion-MNIST training images per class in the split (6,000); the other 1,000 are test. */
    public static final int FASHION_TRAIN_PER_CLASS = 6000;

    private ImageDatasets() {}

    /**
     * Images and labels as plain Java arrays.
     *
     * @param images N×784 unsigned bytes, image after image, row-major (read as {@code b & 0xFF})
     * @param labels N class ids 0–9; label i belongs to image i
     */
    public record Raw(byte[] images, int[] labels) {
        /** Number of images N. */
        public int count() {
            return labels.length;
        }

        /**
         * Builds a DJL dataset: data (N, 784) float32 in [0, 1], labels (N) float32.
         *
         * @param manager   creates (and owns) the arrays
         * @param batchSize batch size (clamped to N)
         * @param shuffle   draw batches in random order (needed for Fashion-MNIST and any class-sorted data)
         */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            return ImageDatasets.toDataset(this, manager, batchSize, shuffle);
        }
    }

    /**
     * MNIST as raw arrays: TRAIN = {@code train-*} (60,000), TEST = {@code t10k-*} (10,000), the official split.
     *
     * @param dir the {@code mnist} folder holding the four {@code *-idx?-ubyte.gz} files
     * @throws DataFormatException if a file is malformed, the counts disagree, an image is not 28×28 or a label is not 0–9
     * @throws IOException         if a file is missing or unreadable
     */
    public static Raw mnistRaw(Path dir, Split split) throws IOException {
        String prefix = Objects.requireNonNull(split, "split") == Split.TRAIN ? "train" : "t10k";
        return readChecked(dir.resolve(prefix + "-images-idx3-ubyte.gz"), dir.resolve(prefix + "-labels-idx1-ubyte.gz"));
    }

    /**
     * MNIST as a DJL dataset (layout in the class javadoc).
     *
     * @param dir       the {@code mnist} folder
     * @param manager   creates (and owns) the arrays
     * @param split     TRAIN (60,000) or TEST (10,000)
     * @param batchSize batch size
     * @param shuffle   draw batches in random order
     * @throws IOException as {@link #mnistRaw}
     */
    public static ArrayDataset mnist(Path dir, NDManager manager, Split split, int batchSize, boolean shuffle)
            throws IOException {
        return toDataset(mnistRaw(dir, split), manager, batchSize, shuffle);
    }

    /**
     * Fashion-MNIST as raw arrays, with the seeded split of {@link #fashionSplitIndices} and seed {@link #FASHION_SPLIT_SEED}.
     *
     * <p><b>Caveat:</b> the folder holds all 70,000 images in one {@code all-*} pair sorted by class, and the
     * official Fashion-MNIST train/test split cannot be recovered from it. This split is the suite's own:
     * accuracies on it are <b>not</b> comparable with published Fashion-MNIST test results.
     *
     * @param dir the {@code fashion-mnist} folder holding {@code all-images-idx3-ubyte.gz} and {@code all-labels-idx1-ubyte.gz}
     * @throws DataFormatException if a file is malformed, or the file does not hold 7,000 images of every class 0–9
     * @throws IOException         if a file is missing or unreadable
     */
    public static Raw fashionMnistRaw(Path dir, Split split) throws IOException {
        return fashionMnistRaw(dir, split, FASHION_SPLIT_SEED);
    }

    /**
     * As {@link #fashionMnistRaw(Path, Split)} with another split seed; images come in ascending file order
     * (so sorted by class: shuffle when training).
     */
    public static Raw fashionMnistRaw(Path dir, Split split, long seed) throws IOException {
        Path labelsFile = dir.resolve("all-labels-idx1-ubyte.gz");
        Raw all = readChecked(dir.resolve("all-images-idx3-ubyte.gz"), labelsFile);
        int[] perClass = new int[NUM_CLASSES];
        for (int label : all.labels()) {
            perClass[label]++;
        }
        for (int c = 0; c < NUM_CLASSES; c++) {
            if (perClass[c] != FASHION_PER_CLASS) {
                throw new DataFormatException(labelsFile, "byte 8", "expected " + FASHION_PER_CLASS
                        + " images of every class, but class " + c + " has " + perClass[c]);
            }
        }
        int[] idx = fashionSplitIndices(all.labels(), split, seed);
        byte[] images = new byte[idx.length * PIXELS];
        int[] labels = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(all.images(), idx[i] * PIXELS, images, i * PIXELS, PIXELS);
            labels[i] = all.labels()[idx[i]];
        }
        return new Raw(images, labels);
    }

    /**
     * Fashion-MNIST as a DJL dataset (layout in the class javadoc) on the seeded split with seed
     * {@link #FASHION_SPLIT_SEED}: TRAIN 60,000 (6,000 per class), TEST 10,000 (1,000 per class).
     * Same caveat as {@link #fashionMnistRaw(Path, Split)}: not the official split.
     *
     * @param dir       the {@code fashion-mnist} folder
     * @param manager   creates (and owns) the arrays
     * @param split     TRAIN or TEST
     * @param batchSize batch size
     * @param shuffle   draw batches in random order (do, for training: the split is in class order)
     * @throws IOException as {@link #fashionMnistRaw(Path, Split)}
     */
    public static ArrayDataset fashionMnist(Path dir, NDManager manager, Split split, int batchSize, boolean shuffle)
            throws IOException {
        return toDataset(fashionMnistRaw(dir, split), manager, batchSize, shuffle);
    }

    /**
     * The indices of a seeded, class-stratified split, identical on every machine and JVM.
     *
     * <p>Algorithm: one {@code new java.util.Random(seed)}; for each class c = 0, 1, …, 9 in turn, take
     * the indices i with {@code labels[i] == c} in ascending order, shuffle them with Fisher–Yates
     * ({@code for k = n-1 down to 1: j = random.nextInt(k + 1); swap(k, j)}), and put the first
     * {@link #FASHION_TRAIN_PER_CLASS} (6,000) into TRAIN and the rest into TEST. The returned indices
     * are sorted ascending. With 7,000 images per class this gives 60,000 / 10,000, disjoint and
     * together covering every index.
     *
     * @param labels class ids 0–9, each class with more than 6,000 images
     * @param split  which side to return
     * @param seed   the seed ({@link #FASHION_SPLIT_SEED} by default)
     * @return ascending indices into {@code labels}
     * @throws IllegalArgumentException if a label is outside 0–9 or a class has at most 6,000 images
     */
    public static int[] fashionSplitIndices(int[] labels, Split split, long seed) {
        Objects.requireNonNull(split, "split");
        Random random = new Random(seed);
        int[] out = new int[labels.length];
        int size = 0;
        for (int c = 0; c < NUM_CLASSES; c++) {
            int n = 0;
            int[] members = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= NUM_CLASSES) {
                    throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is not 0-9");
                }
                if (labels[i] == c) {
                    members[n++] = i;
                }
            }
            if (n <= FASHION_TRAIN_PER_CLASS) {
                throw new IllegalArgumentException("class " + c + " has " + n + " images; the split needs more than "
                        + FASHION_TRAIN_PER_CLASS);
            }
            for (int k = n - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int t = members[k];
                members[k] = members[j];
                members[j] = t;
            }
            int from = split == Split.TRAIN ? 0 : FASHION_TRAIN_PER_CLASS;
            int to = split == Split.TRAIN ? FASHION_TRAIN_PER_CLASS : n;
            System.arraycopy(members, from, out, size, to - from);
            size += to - from;
        }
        int[] result = Arrays.copyOf(out, size);
        Arrays.sort(result);
        return result;
    }

    /**
     * Turns raw images into a DJL dataset: data (N, 784) float32 in [0, 1], labels (N) float32.
     *
     * @param raw       images and labels
     * @param manager   creates (and owns) the two arrays; intermediate arrays are closed
     * @param batchSize batch size, clamped to N; must be positive
     * @param shuffle   draw batches in random order
     * @throws IllegalArgumentException if {@code batchSize <= 0} or {@code raw} is empty
     */
    public static ArrayDataset toDataset(Raw raw, NDManager manager, int batchSize, boolean shuffle) {
        Objects.requireNonNull(manager, "manager");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        int n = raw.count();
        if (n == 0) {
            throw new IllegalArgumentException("no images");
        }
        NDArray data;
        try (NDArray bytes = manager.create(ByteBuffer.wrap(raw.images()), new Shape(n, PIXELS), DataType.UINT8);
                NDArray floats = bytes.toType(DataType.FLOAT32, false)) {
            data = floats.div(255f);
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = raw.labels()[i];
        }
        NDArray labels = manager.create(y, new Shape(n));
        return new ArrayDataset.Builder()
                .setData(data)
                .optLabels(labels)
                .setSampling(Math.min(batchSize, n), shuffle)
                .build();
    }

    /** Reads a pair, requires 28×28 images and labels 0–9, and widens the labels to int. */
    private static Raw readChecked(Path imagesFile, Path labelsFile) throws IOException {
        IdxReader.Pair pair = IdxReader.readPair(imagesFile, labelsFile);
        IdxReader.Images images = pair.images();
        if (images.rows() != SIDE || images.cols() != SIDE) {
            throw new DataFormatException(imagesFile, "byte 8", "images are " + images.rows() + "x" + images.cols()
                    + ", expected " + SIDE + "x" + SIDE);
        }
        byte[] raw = pair.labels().labels();
        int[] labels = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            labels[i] = raw[i] & 0xFF;
            if (labels[i] >= NUM_CLASSES) {
                throw new DataFormatException(labelsFile, "byte " + (8 + i), "label " + labels[i] + " of record " + i
                        + " is not a class id 0-" + (NUM_CLASSES - 1));
            }
        }
        return new Raw(images.pixels(), labels);
    }
}
