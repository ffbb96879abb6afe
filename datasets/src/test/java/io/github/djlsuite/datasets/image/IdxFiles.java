package io.github.djlsuite.datasets.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Builds small synthetic IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {}

    /** Decompressed IDX images: magic, count, rows, cols, then the pixels. */
    static byte[] images(int count, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    /** Decompressed IDX labels: magic, count, then the labels. */
    static byte[] labels(int count, byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(count).put(labels);
        return b.array();
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    static void writeGz(Path file, byte[] plain) throws IOException {
        Files.write(file, gzip(plain));
    }

    /** Random pixels for {@code n} 28×28 images. */
    static byte[] randomPixels(int n, long seed) {
        byte[] p = new byte[n * ImageDatasets.PIXELS];
        new Random(seed).nextBytes(p);
        return p;
    }

    /** Labels 0..9 cycling. */
    static byte[] cyclingLabels(int n) {
        byte[] l = new byte[n];
        for (int i = 0; i < n; i++) {
            l[i] = (byte) (i % 10);
        }
        return l;
    }

    /** Writes a miniature MNIST folder (train and t10k) with {@code n} images per split. */
    static void writeMiniMnist(Path dir, int n, long seed) throws IOException {
        for (String prefix : new String[] {"train", "t10k"}) {
            writeGz(dir.resolve(prefix + "-images-idx3-ubyte.gz"), images(n, 28, 28, randomPixels(n, seed)));
            writeGz(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels(n, cyclingLabels(n)));
        }
    }
}
