package io.github.djlsuite.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Seeded corruptions of a copied data folder (test helper). */
public final class Corrupt {

    /** What to do to the file. */
    public enum Mode { TRUNCATE, CUT_GZIP, GARBAGE_LINE, BREAK_HEADER }

    private Corrupt() {}

    /** Copies every regular file of {@code src} into {@code dst}. */
    public static void copyFolder(Path src, Path dst) throws IOException {
        try (Stream<Path> s = Files.list(src)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    Files.copy(p, dst.resolve(p.getFileName()));
                }
            }
        }
    }

    public static byte[] content(Path file) throws IOException {
        if (!file.toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    public static void write(Path file, byte[] content) throws IOException {
        if (!file.toString().endsWith(".gz")) {
            Files.write(file, content);
            return;
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    /** A line that is never valid data: it always has a letter or symbol outside any number or token. */
    public static String garbage(Random rnd) {
        String alphabet = "qxzw#@~%^&*|QXZ";
        StringBuilder sb = new StringBuilder();
        int len = 1 + rnd.nextInt(30);
        for (int i = 0; i < len; i++) {
            sb.append(rnd.nextInt(3) == 0 ? ',' : alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        sb.setCharAt(rnd.nextInt(len), alphabet.charAt(rnd.nextInt(alphabet.length())));
        return sb.toString();
    }

    /**
     * Applies {@code mode} to {@code file} in place; {@code brokenHeader} gives the replacement first line for
     * BREAK_HEADER.
     */
    public static void apply(Path file, Mode mode, long seed, String brokenHeader) throws IOException {
        Random rnd = new Random(seed);
        byte[] c = content(file);
        switch (mode) {
            case TRUNCATE -> write(file, Arrays.copyOf(c, rnd.nextInt(c.length - 1)));
            case CUT_GZIP -> {
                byte[] raw = Files.readAllBytes(file);
                Files.write(file, Arrays.copyOf(raw, rnd.nextInt(raw.length - 1)));
            }
            case GARBAGE_LINE -> {
                List<String> lines = new ArrayList<>(List.of(new String(c, StandardCharsets.US_ASCII).split("\n", -1)));
                lines.remove(lines.size() - 1); // after the final newline
                lines.add(rnd.nextInt(lines.size() + 1), garbage(rnd));
                write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            case BREAK_HEADER -> {
                String s = new String(c, StandardCharsets.US_ASCII);
                write(file, (brokenHeader + s.substring(s.indexOf('\n'))).getBytes(StandardCharsets.US_ASCII));
            }
            default -> throw new AssertionError(mode);
        }
    }
}
