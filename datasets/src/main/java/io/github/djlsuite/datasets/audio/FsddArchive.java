package io.github.djlsuite.datasets.audio;

import io.github.djlsuite.datasets.DataFormatException;
import io.github.djlsuite.datasets.TextFile;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The raw Free Spoken Digit Dataset folder ({@code shared/datasets/fsdd}, see its README): {@code index.csv},
 * {@code speakers.csv} and the WAV files read straight out of {@code recordings.tar.gz} (gzip + ustar, through
 * commons-compress; nothing is unpacked to disk).
 *
 * <p>Facts checked (the README's "Counts (checked)"): 3,000 recordings = 6 speakers × 10 digits × 50 takes
 * (0–49), 500 per speaker, 300 per digit; file names {@code {digit}_{speaker}_{take}.wav}; every WAV is 8 kHz mono
 * 16-bit PCM ({@link Wav}). The archive is cross-checked against the index: entry i must be
 * {@code recordings/<index row i file>} (both sorted by name), a regular file whose sample count equals the
 * row's {@code frames}, and the archive must hold nothing else. Labels come from the index, whose digit, speaker
 * and take columns are checked against the file name and whose {@code split} must be {@code test} exactly for
 * takes 0–4 (the FSDD convention). Every violation, and any gzip/tar corruption, is a
 * {@link DataFormatException} naming the file, the entry or line, and the (about) byte offset.
 */
public final class FsddArchive {

    /** The archive's file name. */
    public static final String ARCHIVE = "recordings.tar.gz";
    /** The index's file name. */
    public static final String INDEX = "index.csv";
    /** The speaker table's file name. */
    public static final String SPEAKERS = "speakers.csv";
    /** Sample rate of every recording, Hz. */
    public static final int SAMPLE_RATE = 8000;
    /** Published number of recordings. */
    public static final int RECORDINGS = 3000;
    /** Published number of speakers. */
    public static final int NUM_SPEAKERS = 6;
    /** Digits 0–9. */
    public static final int NUM_DIGITS = 10;
    /** Takes per (speaker, digit): 0–49. */
    public static final int TAKES = 50;
    /** Takes 0 … TEST_TAKES−1 are the official test set. */
    public static final int TEST_TAKES = 5;

    private static final String INDEX_HEADER = "file,digit,speaker,take,split,frames";
    private static final String SPEAKERS_HEADER = "speaker,gender,accent,language";
    private static final Pattern NAME = Pattern.compile("([0-9])_([a-z]+)_([0-9]{1,2})\\.wav");
    private static final long MAX_ENTRY = 1 << 20;

    private FsddArchive() {}

    /** One row of {@code speakers.csv}. */
    public record Speaker(String name, String gender, String accent, String language) {}

    /**
     * One row of {@code index.csv}.
     *
     * @param file    file name inside {@code recordings/}
     * @param digit   spoken digit 0–9
     * @param speaker speaker name
     * @param take    take 0–49
     * @param test    true for the official test split (takes 0–4)
     * @param samples number of 16-bit samples (the index's {@code frames} column)
     */
    public record Entry(String file, int digit, String speaker, int take, boolean test, int samples) {}

    /** A recording and its samples. */
    public record Recording(Entry entry, short[] pcm) {}

    /** Receives each recording, in archive order. */
    @FunctionalInterface
    public interface Visitor {
        /** @param entry the index row @param pcm its samples (length {@code entry.samples()}) */
        void accept(Entry entry, short[] pcm) throws IOException;
    }

    /**
     * Reads {@code speakers.csv}: header {@code speaker,gender,accent,language}, 6 rows sorted by name.
     *
     * @throws DataFormatException for a wrong header, field count, order or count
     */
    public static List<Speaker> readSpeakers(Path file) throws IOException {
        List<String> lines = TextFile.lines(file, TextFile.readAll(file));
        if (lines.isEmpty() || !lines.get(0).equals(SPEAKERS_HEADER)) {
            throw new DataFormatException(file, "line 1", "header is not '" + SPEAKERS_HEADER + "'");
        }
        List<Speaker> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split(",", -1);
            if (p.length != 4 || p[0].isEmpty()) {
                throw new DataFormatException(file, "line " + (i + 1), "expected 4 fields speaker,gender,accent,language,"
                        + " got '" + lines.get(i) + "'");
            }
            if (!out.isEmpty() && out.get(out.size() - 1).name().compareTo(p[0]) >= 0) {
                throw new DataFormatException(file, "line " + (i + 1), "speaker '" + p[0] + "' is not in sorted order");
            }
            out.add(new Speaker(p[0], p[1], p[2], p[3]));
        }
        if (out.size() != NUM_SPEAKERS) {
            throw new DataFormatException(file, "line " + lines.size(), out.size() + " speakers; FSDD has " + NUM_SPEAKERS);
        }
        return List.copyOf(out);
    }

    /**
     * Reads and checks {@code index.csv} against the file names, the split rule and the published counts.
     *
     * @param file     the index
     * @param speakers the known speaker names (from {@link #readSpeakers})
     * @return the 3,000 rows in file order (sorted by file name)
     * @throws DataFormatException naming the line of the first problem
     */
    public static List<Entry> readIndex(Path file, List<String> speakers) throws IOException {
        List<String> lines = TextFile.lines(file, TextFile.readAll(file));
        if (lines.isEmpty() || !lines.get(0).equals(INDEX_HEADER)) {
            throw new DataFormatException(file, "line 1", "header is not '" + INDEX_HEADER + "'");
        }
        List<Entry> out = new ArrayList<>(RECORDINGS);
        Map<String, Integer> perSpeaker = new HashMap<>();
        int[] perDigit = new int[NUM_DIGITS];
        boolean[][][] seen = new boolean[speakers.size()][NUM_DIGITS][TAKES];
        String prev = null;
        for (int i = 1; i < lines.size(); i++) {
            String where = "line " + (i + 1);
            String[] p = lines.get(i).split(",", -1);
            if (p.length != 6) {
                throw new DataFormatException(file, where, p.length + " fields; expected 6 (" + INDEX_HEADER + ")");
            }
            Matcher m = NAME.matcher(p[0]);
            if (!m.matches()) {
                throw new DataFormatException(file, where, "file '" + p[0] + "' is not {digit}_{speaker}_{take}.wav");
            }
            if (prev != null && prev.compareTo(p[0]) >= 0) {
                throw new DataFormatException(file, where, "file '" + p[0] + "' is out of order or repeated");
            }
            prev = p[0];
            int digit = Integer.parseInt(m.group(1));
            String speaker = m.group(2);
            int take = Integer.parseInt(m.group(3));
            if (!p[1].equals(Integer.toString(digit)) || !p[2].equals(speaker) || !p[3].equals(Integer.toString(take))) {
                throw new DataFormatException(file, where, "digit/speaker/take '" + p[1] + "," + p[2] + "," + p[3]
                        + "' disagree with the file name " + p[0]);
            }
            int s = speakers.indexOf(speaker);
            if (s < 0) {
                throw new DataFormatException(file, where, "speaker '" + speaker + "' is not in speakers.csv " + speakers);
            }
            if (take >= TAKES) {
                throw new DataFormatException(file, where, "take " + take + " is not 0.." + (TAKES - 1));
            }
            boolean test = take < TEST_TAKES;
            if (!p[4].equals(test ? "test" : "train")) {
                throw new DataFormatException(file, where, "split '" + p[4] + "' but take " + take + " belongs to "
                        + (test ? "test" : "train") + " (takes 0-4 are test)");
            }
            if (!p[5].matches("[1-9][0-9]{0,6}")) {
                throw new DataFormatException(file, where, "frames '" + p[5] + "' is not a positive integer");
            }
            seen[s][digit][take] = true;
            perSpeaker.merge(speaker, 1, Integer::sum);
            perDigit[digit]++;
            out.add(new Entry(p[0], digit, speaker, take, test, Integer.parseInt(p[5])));
        }
        if (out.size() != RECORDINGS) {
            throw new DataFormatException(file, "line " + lines.size(), out.size() + " recordings; FSDD has "
                    + RECORDINGS + " (6 speakers x 10 digits x 50 takes)");
        }
        for (String sp : speakers) {
            if (perSpeaker.getOrDefault(sp, 0) != NUM_DIGITS * TAKES) {
                throw new DataFormatException(file, "whole file", "speaker " + sp + " has " + perSpeaker.getOrDefault(sp, 0)
                        + " recordings, expected 500");
            }
        }
        for (int d = 0; d < NUM_DIGITS; d++) {
            if (perDigit[d] != NUM_SPEAKERS * TAKES) {
                throw new DataFormatException(file, "whole file", "digit " + d + " has " + perDigit[d]
                        + " recordings, expected 300");
            }
        }
        return List.copyOf(out);
    }

    /**
     * Streams every WAV of the archive, in order, to {@code visitor}, checking it against {@code index}.
     *
     * @param archive {@code recordings.tar.gz}
     * @param index   the rows of {@link #readIndex}, in file order
     * @param visitor receives each (row, samples)
     * @throws DataFormatException for corrupt gzip/tar data, a missing, extra, misnamed or mis-sized entry, or a
     *                             bad WAV; the message names the archive, the entry and the byte offset
     * @throws NoSuchFileException if the archive is missing
     */
    public static void forEach(Path archive, List<Entry> index, Visitor visitor) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new NoSuchFileException(archive.toString());
        }
        Counting raw = new Counting(Files.newInputStream(archive));
        String current = "before the first entry";
        int i = 0;
        try (InputStream buffered = new BufferedInputStream(raw, 1 << 16)) {
            GzipCompressorInputStream gz;
            try {
                gz = new GzipCompressorInputStream(buffered);
            } catch (IOException e) {
                throw new DataFormatException(archive, "byte 0", "not a gzip file: " + e.getMessage(), e);
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    current = e.getName();
                    String where = "entry " + current + ", tar byte " + tar.getBytesRead();
                    if (i >= index.size()) {
                        throw new DataFormatException(archive, where, "extra entry: index.csv lists only " + index.size());
                    }
                    Entry row = index.get(i);
                    String expected = "recordings/" + row.file();
                    if (!current.equals(expected)) {
                        throw new DataFormatException(archive, where, "entry " + (i + 1) + " is '" + current
                                + "' but index.csv row " + (i + 1) + " is '" + expected + "'");
                    }
                    if (!e.isFile() || e.getSize() <= 0 || e.getSize() > MAX_ENTRY) {
                        throw new DataFormatException(archive, where, "not a regular file of 1 byte .. 1 MiB (size "
                                + e.getSize() + ")");
                    }
                    byte[] bytes = tar.readNBytes((int) e.getSize());
                    if (bytes.length != e.getSize()) {
                        throw new DataFormatException(archive, "entry " + current + ", byte " + bytes.length,
                                "entry truncated: " + bytes.length + " of " + e.getSize() + " bytes (about compressed byte "
                                        + raw.count + ")");
                    }
                    short[] pcm = Wav.readPcm16Mono(bytes, SAMPLE_RATE, archive, current);
                    if (pcm.length != row.samples()) {
                        throw new DataFormatException(archive, "entry " + current + ", byte 40", pcm.length
                                + " samples but index.csv says " + row.samples());
                    }
                    visitor.accept(row, pcm);
                    i++;
                }
                current = "after the last entry";
                // read the rest (tar end blocks, gzip trailer) so a damaged CRC-32/ISIZE trailer is noticed too
                gz.transferTo(OutputStream.nullOutputStream());
            }
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new DataFormatException(archive, "entry " + current + ", about compressed byte " + raw.count,
                    "corrupt or truncated gzip/tar stream: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // commons-compress reports some malformed header fields this way
            throw new DataFormatException(archive, "entry " + current + ", about compressed byte " + raw.count,
                    "malformed tar header: " + e.getMessage(), e);
        }
        if (i != index.size()) {
            throw new DataFormatException(archive, "end of archive after " + i + " entries, about compressed byte "
                    + raw.count, "archive is missing " + (index.size() - i) + " entries from '"
                    + index.get(i).file() + "' on (truncated?)");
        }
    }

    /**
     * All recordings with their samples, in file order (about 21 MB of {@code short}).
     *
     * @param dir the {@code fsdd} folder
     */
    public static List<Recording> readAll(Path dir) throws IOException {
        List<String> speakers = readSpeakers(dir.resolve(SPEAKERS)).stream().map(Speaker::name).toList();
        List<Entry> index = readIndex(dir.resolve(INDEX), speakers);
        List<Recording> out = new ArrayList<>(index.size());
        forEach(dir.resolve(ARCHIVE), index, (row, pcm) -> out.add(new Recording(row, pcm)));
        return out;
    }

    /** Counts the compressed bytes consumed, for error positions. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }
}
