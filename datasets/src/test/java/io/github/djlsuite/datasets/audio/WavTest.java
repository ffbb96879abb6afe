package io.github.djlsuite.datasets.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.datasets.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WavTest {

    private static final Path FILE = Path.of("some/recordings.tar.gz");
    private static final String ENTRY = "recordings/3_theo_7.wav";

    @Test
    void roundTripsTheCanonicalLayout() throws Exception {
        short[] s = {0, 1, -1, 32767, -32768, 1234, -4321};
        byte[] b = Wav.encode(s, 8000);
        assertEquals(44 + 14, b.length);
        assertEquals("RIFF", new String(b, 0, 4, StandardCharsets.US_ASCII));
        assertArrayEquals(s, Wav.readPcm16Mono(b, 8000, FILE, ENTRY));
        float[] f = Wav.toFloat(s);
        assertEquals(-1f, f[4], 0f);
        assertEquals(32767 / 32768f, f[3], 0f);
    }

    @Test
    void skipsOtherChunksWithTheirPadByte() throws Exception {
        short[] s = {5, -6, 7};
        byte[] canon = Wav.encode(s, 8000);
        // RIFF WAVE | fmt (16) | LIST (3 bytes + pad) | data
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(canon, 0, 36);
        out.write("LIST".getBytes(StandardCharsets.US_ASCII));
        out.write(le32(3));
        out.write(new byte[] {'a', 'b', 'c', 0});
        out.write(canon, 36, canon.length - 36);
        byte[] b = out.toByteArray();
        System.arraycopy(le32(b.length - 8), 0, b, 4, 4);
        assertArrayEquals(s, Wav.readPcm16Mono(b, 8000, FILE, ENTRY));
    }

    @Test
    void acceptsAnEighteenByteFmtWithZeroExtension() throws Exception {
        short[] s = {42, -42};
        byte[] canon = Wav.encode(s, 8000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(canon, 0, 16);
        out.write(le32(18));
        out.write(canon, 20, 16);
        out.write(new byte[] {0, 0});
        out.write(canon, 36, canon.length - 36);
        byte[] b = out.toByteArray();
        System.arraycopy(le32(b.length - 8), 0, b, 4, 4);
        assertArrayEquals(s, Wav.readPcm16Mono(b, 8000, FILE, ENTRY));
    }

    @Test
    void namedErrorsForEachField() {
        byte[] ok = Wav.encode(new short[] {1, 2, 3, 4}, 8000);
        assertMessage(set16(ok, 20, 3), "byte 20", "format tag 3");
        assertMessage(set16(ok, 20, 0xFFFE), "byte 20", "EXTENSIBLE");
        assertMessage(set16(ok, 22, 2), "byte 22", "channels");
        assertMessage(set32(ok, 24, 16000), "byte 24", "16000 Hz");
        assertMessage(set32(ok, 28, 8000), "byte 28", "byte rate");
        assertMessage(set16(ok, 32, 4), "byte 32", "block align");
        assertMessage(set16(ok, 34, 8), "byte 34", "8 bits");
        assertMessage(set32(ok, 4, 99), "byte 4", "RIFF size");
        assertMessage(set32(ok, 40, 9), "byte 40", "declares 9 bytes");
        assertMessage(set32(ok, 40, 0x7FFFFFFF), "byte 40", "declares");
        assertMessage(set32(ok, 16, 14), "byte 16", "'fmt ' size 14");
        assertMessage(Arrays.copyOf(ok, 10), "byte 0", "only 10 bytes");
        byte[] wave = ok.clone();
        wave[8] = 'A';
        assertMessage(wave, "byte 8", "is not 'WAVE'");
        byte[] dataFirst = ok.clone();
        System.arraycopy("junk".getBytes(StandardCharsets.US_ASCII), 0, dataFirst, 12, 4);
        assertMessage(dataFirst, "byte 36", "before any 'fmt '");
        assertThrows(IllegalArgumentException.class, () -> Wav.readPcm16Mono(ok, 0, FILE, ENTRY));
    }

    @Test
    void oddOrEmptyDataIsRejected() throws Exception {
        byte[] canon = Wav.encode(new short[] {1}, 8000);
        // data chunk of 3 bytes + pad byte: odd, not whole samples
        byte[] odd = Arrays.copyOf(canon, 44 + 4);
        System.arraycopy(le32(3), 0, odd, 40, 4);
        System.arraycopy(le32(odd.length - 8), 0, odd, 4, 4);
        assertMessage(odd, "byte 40", "odd");
        byte[] empty = Arrays.copyOf(canon, 44);
        System.arraycopy(le32(0), 0, empty, 40, 4);
        System.arraycopy(le32(36), 0, empty, 4, 4);
        assertMessage(empty, "byte 40", "empty");
        byte[] noData = Arrays.copyOf(canon, 36);
        System.arraycopy(le32(28), 0, noData, 4, 4);
        assertMessage(noData, "byte 36", "no 'data'");
    }

    /** Seeded random corruptions of valid files: every one is a DataFormatException naming entry and offset. */
    @Test
    void everyCorruptionIsADataFormatException() {
        Random rnd = new Random(20240501);
        int cases = 0;
        for (int c = 0; c < 120; c++) {
            int n = 1 + rnd.nextInt(400);
            short[] s = new short[n];
            for (int i = 0; i < n; i++) {
                s[i] = (short) (2000 * Math.sin(i * 0.3) + rnd.nextGaussian() * 50);
            }
            byte[] ok = Wav.encode(s, 8000);
            byte[] bad;
            String kind;
            switch (c % 10) {
                case 0 -> {
                    kind = "truncated";
                    bad = Arrays.copyOf(ok, rnd.nextInt(ok.length));
                }
                case 1 -> {
                    kind = "extended";
                    bad = Arrays.copyOf(ok, ok.length + 1 + rnd.nextInt(20));
                }
                case 2 -> {
                    kind = "riff size";
                    bad = set32(ok, 4, (ok.length - 8) + (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(1000)));
                }
                case 3 -> {
                    kind = "data size too big";
                    bad = set32(ok, 40, 2 * n + 2 * (1 + rnd.nextInt(1000)));
                }
                case 4 -> {
                    kind = "data size too small";
                    int smaller = rnd.nextInt(2 * n + 1) / 2 * 2;
                    bad = set32(ok, 40, smaller == 2 * n ? 0 : smaller);
                }
                case 5 -> {
                    kind = "fmt size";
                    int v;
                    do {
                        v = rnd.nextInt(64);
                    } while (v == 16);
                    bad = set32(ok, 16, v);
                }
                case 6 -> {
                    kind = "format tag";
                    int v;
                    do {
                        v = rnd.nextInt(0x10000);
                    } while (v == 1);
                    bad = set16(ok, 20, v);
                }
                case 7 -> {
                    kind = "garbage";
                    bad = new byte[rnd.nextInt(200)];
                    rnd.nextBytes(bad);
                }
                case 8 -> {
                    kind = "garbage after a RIFF/WAVE header";
                    bad = new byte[12 + rnd.nextInt(200)];
                    rnd.nextBytes(bad);
                    System.arraycopy(ok, 0, bad, 0, 12);
                    System.arraycopy(le32(bad.length - 8), 0, bad, 4, 4);
                }
                default -> {
                    kind = "random header byte";
                    bad = ok.clone();
                    int pos = rnd.nextInt(44);
                    byte old = bad[pos];
                    do {
                        bad[pos] = (byte) rnd.nextInt(256);
                    } while (bad[pos] == old);
                    // a changed high byte of a size, or of fields that must be exact, always breaks the file
                }
            }
            final byte[] input = bad;
            DataFormatException e = assertThrows(DataFormatException.class,
                    () -> Wav.readPcm16Mono(input, 8000, FILE, ENTRY), "case " + c + " (" + kind + ")");
            assertTrue(e.getMessage().contains(FILE.toString()) && e.getMessage().contains("entry " + ENTRY)
                    && e.getMessage().matches("(?s).*byte \\d+.*"), e.getMessage());
            cases++;
        }
        assertEquals(120, cases);
    }

    private static void assertMessage(byte[] b, String position, String text) {
        DataFormatException e = assertThrows(DataFormatException.class, () -> Wav.readPcm16Mono(b, 8000, FILE, ENTRY));
        assertTrue(e.getMessage().contains("entry " + ENTRY + ", " + position + ")"), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    private static byte[] set16(byte[] b, int at, int v) {
        byte[] c = b.clone();
        c[at] = (byte) v;
        c[at + 1] = (byte) (v >> 8);
        return c;
    }

    private static byte[] set32(byte[] b, int at, int v) {
        byte[] c = b.clone();
        System.arraycopy(le32(v), 0, c, at, 4);
        return c;
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
