package io.github.djlsuite.datasets;

import io.github.djlsuite.datasets.DataFormatException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Whole-file reading of small ASCII text files (optionally gzip), with strict line splitting. */
public final class TextFile {
    private static final int BUFFER = 1 << 16;

    private TextFile() {}

    /** All (decompressed, if the name ends in {@code .gz}) bytes; gzip problems become DataFormatException. */
    public static byte[] readAll(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        GZIPInputStream in;
        try {
            in = new GZIPInputStream(raw, BUFFER);
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new DataFormatException(file, "byte 0 of the gzip stream", "not a gzip file: " + e.getMessage(), e);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(BUFFER);
        byte[] buf = new byte[BUFFER];
        try (in) {
            int r;
            while ((r = in.read(buf)) >= 0) {
                out.write(buf, 0, r);
            }
        } catch (ZipException | EOFException e) {
            throw new DataFormatException(file, "about byte " + out.size() + " of the decompressed data",
                    "corrupt or truncated gzip stream: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Splits ASCII bytes into lines. Every line must end in {@code \n} (a missing final newline means a
     * truncated file); {@code \r} and bytes above 127 are rejected with their line and byte position.
     */
    public static List<String> lines(Path file, byte[] bytes) throws DataFormatException {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\n') {
                lines.add(new String(bytes, start, i - start, StandardCharsets.US_ASCII));
                start = i + 1;
            } else if (b == '\r' || b > 127) {
                throw new DataFormatException(file, "line " + (lines.size() + 1) + ", byte " + i,
                        String.format("unexpected byte 0x%02X; the file is plain ASCII with \\n line ends", b));
            }
        }
        if (start != bytes.length) {
            throw new DataFormatException(file, "line " + (lines.size() + 1) + ", byte " + bytes.length,
                    "last line has no final newline: the file is truncated");
        }
        return lines;
    }
}
