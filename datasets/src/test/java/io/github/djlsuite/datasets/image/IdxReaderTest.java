package io.github.djlsuite.datasets.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.datasets.DataFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdxReaderTest {

    private static final int N = 12;

    @TempDir
    Path dir;

    @Test
    void roundTripsSyntheticFiles() throws IOException {
        byte[] pixels = IdxFiles.randomPixels(N, 1);
        byte[] labels = IdxFiles.cyclingLabels(N);
        Path img = dir.resolve("img.gz");
        Path lab = dir.resolve("lab.gz");
        IdxFiles.writeGz(img, IdxFiles.images(N, 28, 28, pixels));
        IdxFiles.writeGz(lab, IdxFiles.labels(N, labels));
        IdxReader.Pair pair = IdxReader.readPair(img, lab);
        assertEquals(N, pair.images().count());
        assertEquals(28, pair.images().rows());
        assertEquals(784, pair.images().imageSize());
        assertArrayEquals(pixels, pair.images().pixels());
        assertArrayEquals(labels, pair.labels().labels());
    }

    @Test
    void emptyAndNonSquareFilesAreFine() throws IOException {
        Path img = dir.resolve("empty.gz");
        IdxFiles.writeGz(img, IdxFiles.images(0, 3, 5, new byte[0]));
        assertEquals(0, IdxReader.readImages(img).pixels().length);
        IdxFiles.writeGz(img, IdxFiles.images(2, 3, 5, new byte[30]));
        assertEquals(5, IdxReader.readImages(img).cols());
    }

    @Test
    void missingFileIsNoSuchFileNamingIt() {
        Path missing = dir.resolve("nope-images.gz");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxReader.readImages(missing));
        assertTrue(e.getMessage().contains("nope-images.gz"), e.getMessage());
    }

    @Test
    void wrongMagicNamesFileAndOffset() throws IOException {
        Path lab = dir.resolve("lab.gz");
        IdxFiles.writeGz(lab, IdxFiles.labels(N, IdxFiles.cyclingLabels(N)));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(lab));
        assertTrue(e.getMessage().contains("lab.gz") && e.getMessage().contains("byte 0")
                && e.getMessage().contains("0x00000801"), e.getMessage());
    }

    @Test
    void truncatedAndTrailingMessagesGiveOffsets() throws IOException {
        Path img = dir.resolve("img.gz");
        byte[] full = IdxFiles.images(N, 28, 28, IdxFiles.randomPixels(N, 2));
        IdxFiles.writeGz(img, Arrays.copyOf(full, 16 + 100));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(img));
        assertTrue(e.getMessage().contains("img.gz (byte 116)") && e.getMessage().contains("truncated"), e.getMessage());
        IdxFiles.writeGz(img, Arrays.copyOf(full, full.length + 3));
        e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(img));
        assertTrue(e.getMessage().contains("img.gz (byte " + full.length + ")")
                && e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void countMismatchBetweenPairIsRejected() throws IOException {
        Path img = dir.resolve("img.gz");
        Path lab = dir.resolve("lab.gz");
        IdxFiles.writeGz(img, IdxFiles.images(N, 28, 28, IdxFiles.randomPixels(N, 3)));
        IdxFiles.writeGz(lab, IdxFiles.labels(N - 1, IdxFiles.cyclingLabels(N - 1)));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readPair(img, lab));
        assertTrue(e.getMessage().contains("lab.gz") && e.getMessage().contains("disagrees"), e.getMessage());
    }

    @Test
    void hugeHeaderCountsFailWithoutHugeAllocation() throws IOException {
        Path img = dir.resolve("img.gz");
        IdxFiles.writeGz(img, IdxFiles.images(Integer.MAX_VALUE, 28, 28, new byte[784]));
        assertThrows(DataFormatException.class, () -> IdxReader.readImages(img));
        IdxFiles.writeGz(img, IdxFiles.images(2_000_000, 28, 28, new byte[784])); // 1.5 GB promised, 784 B present
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.readImages(img));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        IdxFiles.writeGz(img, IdxFiles.images(-1, 28, 28, new byte[0]));
        assertThrows(DataFormatException.class, () -> IdxReader.readImages(img));
    }

    // ---- property-style corruption: many seeded random cases, every one must fail cleanly ----

    enum Corruption { CUT_GZIP, CUT_DATA, TRAILING_GARBAGE, GARBAGE_HEADER, WRONG_MAGIC, COUNT_MISMATCH, NOT_GZIP, FLIP_GZIP_BYTE }

    static Stream<Arguments> corruptions() {
        return Stream.of(Corruption.values()).flatMap(c -> IntStream.range(0, 25).mapToObj(s -> Arguments.of(c, s)));
    }

    /**
     * Writes a miniature MNIST folder, corrupts one file of the train pair in a seeded random way, and
     * requires {@link ImageDatasets#mnistRaw} to throw a DataFormatException naming that file. The only
     * other allowed outcome, for byte flips that gzip cannot notice (its header's time stamp), is a
     * result identical to the uncorrupted data: never a half-loaded or altered one.
     */
    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("corruptions")
    void corruptedFilesFailNamingTheFile(Corruption kind, int seed) throws IOException {
        Random rnd = new Random(1000L * kind.ordinal() + seed);
        int n = 5 + rnd.nextInt(20);
        IdxFiles.writeMiniMnist(dir, n, seed);
        ImageDatasets.Raw original = ImageDatasets.mnistRaw(dir, ImageDatasets.Split.TRAIN);
        boolean imagesFile = rnd.nextBoolean();
        Path target = dir.resolve(imagesFile ? "train-images-idx3-ubyte.gz" : "train-labels-idx1-ubyte.gz");
        byte[] plain = imagesFile ? IdxFiles.images(n, 28, 28, IdxFiles.randomPixels(n, seed))
                : IdxFiles.labels(n, IdxFiles.cyclingLabels(n));
        int headerLength = imagesFile ? 16 : 8;
        switch (kind) {
            case CUT_GZIP -> {
                byte[] gz = Files.readAllBytes(target);
                Files.write(target, Arrays.copyOf(gz, rnd.nextInt(gz.length)));
            }
            case CUT_DATA -> IdxFiles.writeGz(target, Arrays.copyOf(plain, rnd.nextInt(plain.length)));
            case TRAILING_GARBAGE -> {
                byte[] more = Arrays.copyOf(plain, plain.length + 1 + rnd.nextInt(100));
                for (int i = plain.length; i < more.length; i++) {
                    more[i] = (byte) rnd.nextInt(256);
                }
                IdxFiles.writeGz(target, more);
            }
            case GARBAGE_HEADER -> {
                // overwrite 1-4 random header bytes with different random values
                int k = 1 + rnd.nextInt(4);
                for (int i = 0; i < k; i++) {
                    int at = rnd.nextInt(headerLength);
                    plain[at] = (byte) (plain[at] + 1 + rnd.nextInt(255));
                }
                IdxFiles.writeGz(target, plain);
            }
            case WRONG_MAGIC -> {
                ByteBuffer.wrap(plain).putInt(0, imagesFile ? IdxReader.LABELS_MAGIC : rnd.nextInt());
                IdxFiles.writeGz(target, plain);
            }
            case COUNT_MISMATCH -> {
                int other = n + 1 + rnd.nextInt(10);
                if (imagesFile) {
                    IdxFiles.writeGz(target, IdxFiles.images(other, 28, 28, IdxFiles.randomPixels(other, seed)));
                } else {
                    IdxFiles.writeGz(target, IdxFiles.labels(other, IdxFiles.cyclingLabels(other)));
                }
            }
            case NOT_GZIP -> {
                byte[] junk = new byte[rnd.nextInt(200)];
                rnd.nextBytes(junk);
                Files.write(target, rnd.nextBoolean() ? junk : plain); // random bytes, or an uncompressed IDX
            }
            case FLIP_GZIP_BYTE -> {
                byte[] gz = Files.readAllBytes(target);
                int k = 1 + rnd.nextInt(3);
                for (int i = 0; i < k; i++) {
                    int at = rnd.nextInt(gz.length);
                    gz[at] = (byte) (gz[at] ^ (1 + rnd.nextInt(255)));
                }
                Files.write(target, gz);
            }
            default -> throw new AssertionError(kind);
        }
        ImageDatasets.Raw result;
        try {
            result = ImageDatasets.mnistRaw(dir, ImageDatasets.Split.TRAIN);
        } catch (DataFormatException e) {
            assertTrue(e.getMessage().contains(target.getFileName().toString()), e.getMessage());
            return;
        }
        // Only undetectable gzip-header flips may load, and then the data must be exactly the original.
        assertEquals(Corruption.FLIP_GZIP_BYTE, kind, "corruption " + kind + " was not detected");
        assertArrayEquals(original.images(), result.images());
        assertArrayEquals(original.labels(), result.labels());
    }
}
