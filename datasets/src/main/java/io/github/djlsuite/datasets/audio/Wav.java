package io.github.djlsuite.datasets.audio;

import io.github.djlsuite.datasets.DataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A strict reader (and canonical writer) for RIFF/WAVE files holding 16-bit signed little-endian PCM, mono.
 *
 * <p>Layout read: {@code "RIFF"}, u32 size (= file length − 8), {@code "WAVE"}, then chunks
 * ({@code id[4]}, u32 size, body, one pad byte when the size is odd). Exactly one {@code "fmt "} chunk must come
 * before exactly one {@code "data"} chunk; other chunks (e.g. {@code LIST}) are skipped. The {@code fmt } body
 * must be 16 bytes (or 18 with a zero extension size) and say: format tag 1 (PCM; {@code WAVE_FORMAT_EXTENSIBLE}
 * is rejected), 1 channel, the expected sample rate, byte rate = 2·rate, block align 2, 16 bits per sample. The
 * {@code data} size must be even, non-zero and lie inside the file. Every violation is a
 * {@link DataFormatException} naming the file, the archive entry when there is one, and the byte offset of the
 * offending field.
 *
 * <p>All integers are unsigned little-endian; a chunk size is read as an unsigned 32-bit value, so a huge size
 * is reported as "does not fit" rather than wrapping negative.
 */
public final class Wav {

    /** Length of the canonical header that {@link #encode} writes: RIFF + fmt (16) + data chunk header. */
    public static final int CANONICAL_HEADER = 44;

    private Wav() {}

    /**
     * Parses a whole WAV file.
     *
     * @param bytes              the file's bytes
     * @param expectedSampleRate the sample rate it must declare (Hz, positive)
     * @param file               the file (or archive) named in errors
     * @param entry              the archive entry named in errors, or {@code null} for a plain file
     * @return the samples, one per frame, in file order
     * @throws DataFormatException if anything in the layout above is violated
     */
    public static short[] readPcm16Mono(byte[] bytes, int expectedSampleRate, Path file, String entry)
            throws DataFormatException {
        Objects.requireNonNull(bytes, "bytes");
        if (expectedSampleRate <= 0) {
            throw new IllegalArgumentException("expectedSampleRate must be positive, got " + expectedSampleRate);
        }
        int len = bytes.length;
        if (len < 12) {
            throw fail(file, entry, 0, "only " + len + " bytes; a RIFF/WAVE header needs at least 12");
        }
        if (!tag(bytes, 0).equals("RIFF")) {
            throw fail(file, entry, 0, "magic '" + printable(bytes, 0) + "' is not 'RIFF'");
        }
        long riff = u32(bytes, 4);
        if (riff != len - 8L) {
            throw fail(file, entry, 4, "RIFF size " + riff + " promises a file of " + (riff + 8) + " bytes but it has "
                    + len + ": truncated, padded or a wrong size field");
        }
        if (!tag(bytes, 8).equals("WAVE")) {
            throw fail(file, entry, 8, "form type '" + printable(bytes, 8) + "' is not 'WAVE'");
        }
        int pos = 12;
        boolean fmt = false;
        int dataStart = -1;
        int dataSize = 0;
        while (pos < len) {
            if (len - pos < 8) {
                throw fail(file, entry, pos, "truncated chunk header: " + (len - pos) + " bytes left, need 8");
            }
            for (int k = 0; k < 4; k++) {
                int c = bytes[pos + k] & 0xFF;
                if (c < 0x20 || c > 0x7E) {
                    throw fail(file, entry, pos + k, String.format("chunk id byte 0x%02X is not printable ASCII: "
                            + "garbage or a wrong size in the previous chunk", c));
                }
            }
            String id = tag(bytes, pos);
            long size = u32(bytes, pos + 4);
            long room = (long) len - pos - 8;
            long padded = size + (size & 1);
            if (padded > room) {
                throw fail(file, entry, pos + 4, "chunk '" + id + "' declares " + size + " bytes"
                        + ((size & 1) == 1 ? " (+1 pad byte)" : "") + " but only " + room + " remain");
            }
            int body = pos + 8;
            switch (id) {
                case "fmt " -> {
                    if (fmt) {
                        throw fail(file, entry, pos, "second 'fmt ' chunk");
                    }
                    if (dataStart >= 0) {
                        throw fail(file, entry, pos, "'fmt ' chunk after the 'data' chunk");
                    }
                    checkFormat(bytes, body, size, expectedSampleRate, file, entry, pos);
                    fmt = true;
                }
                case "data" -> {
                    if (!fmt) {
                        throw fail(file, entry, pos, "'data' chunk before any 'fmt ' chunk");
                    }
                    if (dataStart >= 0) {
                        throw fail(file, entry, pos, "second 'data' chunk");
                    }
                    if (size == 0 || (size & 1) == 1) {
                        throw fail(file, entry, pos + 4, "data size " + size
                                + (size == 0 ? " is empty" : " is odd: not whole 16-bit samples"));
                    }
                    dataStart = body;
                    dataSize = (int) size;
                }
                default -> {
                    // other chunks (LIST, fact, ...) carry no samples: skip them
                }
            }
            pos = (int) (body + padded);
        }
        if (!fmt) {
            throw fail(file, entry, 12, "no 'fmt ' chunk");
        }
        if (dataStart < 0) {
            throw fail(file, entry, len, "no 'data' chunk");
        }
        short[] out = new short[dataSize / 2];
        for (int i = 0; i < out.length; i++) {
            int o = dataStart + 2 * i;
            out[i] = (short) ((bytes[o] & 0xFF) | (bytes[o + 1] << 8));
        }
        return out;
    }

    private static void checkFormat(byte[] b, int body, long size, int rate, Path file, String entry, int chunk)
            throws DataFormatException {
        if (size != 16 && size != 18) {
            throw fail(file, entry, chunk + 4, "'fmt ' size " + size + " is not 16 (or 18) as PCM requires");
        }
        int tag = u16(b, body);
        if (tag != 1) {
            throw fail(file, entry, body, "format tag " + tag + " is not 1 (integer PCM)"
                    + (tag == 0xFFFE ? "; WAVE_FORMAT_EXTENSIBLE is not supported" : ""));
        }
        int channels = u16(b, body + 2);
        if (channels != 1) {
            throw fail(file, entry, body + 2, channels + " channels; expected mono (1)");
        }
        long sr = u32(b, body + 4);
        if (sr != rate) {
            throw fail(file, entry, body + 4, "sample rate " + sr + " Hz; expected " + rate + " Hz");
        }
        long byteRate = u32(b, body + 8);
        if (byteRate != 2L * rate) {
            throw fail(file, entry, body + 8, "byte rate " + byteRate + " is not 2 x " + rate);
        }
        int align = u16(b, body + 12);
        if (align != 2) {
            throw fail(file, entry, body + 12, "block align " + align + " is not 2");
        }
        int bits = u16(b, body + 14);
        if (bits != 16) {
            throw fail(file, entry, body + 14, bits + " bits per sample; expected 16");
        }
        if (size == 18 && u16(b, body + 16) != 0) {
            throw fail(file, entry, body + 16, "'fmt ' extension size " + u16(b, body + 16) + " is not 0 for PCM");
        }
    }

    /** Samples scaled to [−1, 1): {@code s / 32768}. */
    public static float[] toFloat(short[] pcm) {
        float[] out = new float[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = pcm[i] / 32768f;
        }
        return out;
    }

    /**
     * The canonical 44-byte-header WAV of {@code samples} (RIFF, a 16-byte PCM {@code fmt }, {@code data}), the
     * layout of every FSDD file. Used by tests and to export audio.
     *
     * @param samples    16-bit samples (at least one)
     * @param sampleRate rate in Hz
     * @return the file's bytes
     */
    public static byte[] encode(short[] samples, int sampleRate) {
        int data = 2 * samples.length;
        byte[] b = new byte[CANONICAL_HEADER + data];
        put(b, 0, "RIFF");
        le32(b, 4, b.length - 8);
        put(b, 8, "WAVE");
        put(b, 12, "fmt ");
        le32(b, 16, 16);
        le16(b, 20, 1);
        le16(b, 22, 1);
        le32(b, 24, sampleRate);
        le32(b, 28, 2 * sampleRate);
        le16(b, 32, 2);
        le16(b, 34, 16);
        put(b, 36, "data");
        le32(b, 40, data);
        for (int i = 0; i < samples.length; i++) {
            le16(b, CANONICAL_HEADER + 2 * i, samples[i]);
        }
        return b;
    }

    private static DataFormatException fail(Path file, String entry, int offset, String problem) {
        String where = (entry == null ? "" : "entry " + entry + ", ") + "byte " + offset;
        return new DataFormatException(file, where, problem);
    }

    private static String tag(byte[] b, int o) {
        return new String(b, o, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] b, int o) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            int c = b[o + k] & 0xFF;
            sb.append(c >= 0x20 && c <= 0x7E ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return sb.toString();
    }

    private static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int o) {
        return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
    }

    private static void put(byte[] b, int o, String s) {
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, o, t.length);
    }

    private static void le16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >> 8);
    }

    private static void le32(byte[] b, int o, int v) {
        le16(b, o, v);
        le16(b, o + 2, v >> 16);
    }
}
