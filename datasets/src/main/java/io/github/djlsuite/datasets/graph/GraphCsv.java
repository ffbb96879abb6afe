package io.github.djlsuite.datasets.graph;

import io.github.djlsuite.datasets.DataFormatException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A strict streaming reader of one gzip CSV file (one header line, comma separators, no quoting) that
 * knows its line number: every problem is a {@link DataFormatException} naming the file and line (the
 * header is line 1). Used by {@link GnnBenchmark} and {@link HeCo}.
 */
final class GraphCsv implements AutoCloseable {
    private final Path file;
    private final BufferedReader reader;
    private final int columns;
    private final String[] fields;
    private int line;

    GraphCsv(Path file, String header) throws IOException {
        this.file = file;
        this.columns = header.split(",", -1).length;
        this.fields = new String[columns];
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16),
                    StandardCharsets.UTF_8), 1 << 16);
        } catch (ZipException | EOFException ex) {
            raw.close();
            throw new DataFormatException(file, "byte 0", "not a gzip file: " + ex.getMessage(), ex);
        }
        String first = readLine();
        if (first == null) {
            close();
            throw new DataFormatException(file, "line 1", "empty file; expected the header '" + header + "'");
        }
        if (!first.equals(header)) {
            close();
            throw new DataFormatException(file, "line 1", "header is '" + abbreviate(first) + "', expected '"
                    + header + "'");
        }
    }

    /** Advances to the next row and splits it; false at end of file. */
    boolean next() throws IOException {
        String s = readLine();
        if (s == null) {
            return false;
        }
        int start = 0;
        for (int c = 0; c < columns; c++) {
            int comma = s.indexOf(',', start);
            if (c == columns - 1) {
                if (comma >= 0) {
                    throw error("more than " + columns + " columns in '" + abbreviate(s) + "'");
                }
                fields[c] = s.substring(start);
            } else {
                if (comma < 0) {
                    throw error("only " + (c + 1) + " of " + columns + " columns in '" + abbreviate(s) + "'");
                }
                fields[c] = s.substring(start, comma);
                start = comma + 1;
            }
        }
        return true;
    }

    /** The current line number (header = 1). */
    int line() {
        return line;
    }

    Path file() {
        return file;
    }

    String field(int i) {
        return fields[i];
    }

    int intField(int i) throws DataFormatException {
        String s = fields[i];
        try {
            if (s.isEmpty() || s.charAt(0) == '+') {
                throw new NumberFormatException();
            }
            return Integer.parseInt(s);
        } catch (NumberFormatException ex) {
            throw error("column " + (i + 1) + " '" + abbreviate(s) + "' is not an integer");
        }
    }

    /** An integer in {@code 0 … bound-1}, else an error naming {@code what}. */
    int index(int i, int bound, String what) throws DataFormatException {
        int v = intField(i);
        if (v < 0 || v >= bound) {
            throw error(what + " " + v + " out of range 0.." + (bound - 1));
        }
        return v;
    }

    /** A finite decimal number (rejects "NaN", "1f", " 1", "1e999"). */
    float floatField(int i) throws DataFormatException {
        String s = fields[i];
        if (s.isEmpty() || !Character.isDigit(s.charAt(s.length() - 1)) || s.charAt(0) == ' ') {
            throw error("column " + (i + 1) + " '" + abbreviate(s) + "' is not a decimal number");
        }
        float v;
        try {
            v = Float.parseFloat(s);
        } catch (NumberFormatException ex) {
            throw error("column " + (i + 1) + " '" + abbreviate(s) + "' is not a decimal number");
        }
        if (!Float.isFinite(v)) {
            throw error("column " + (i + 1) + " '" + abbreviate(s) + "' is not a finite float");
        }
        return v;
    }

    DataFormatException error(String problem) {
        return new DataFormatException(file, "line " + line, problem);
    }

    private String readLine() throws IOException {
        try {
            String s = reader.readLine();
            if (s != null) {
                line++;
            }
            return s;
        } catch (ZipException | EOFException ex) {
            throw new DataFormatException(file, "line " + (line + 1), "corrupt or truncated gzip stream: "
                    + ex.getMessage(), ex);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    /** Grows int arrays by doubling. */
    static int[] grow(int[] a, int n) {
        return n < a.length ? a : java.util.Arrays.copyOf(a, Math.max(16, 2 * a.length));
    }

    static float[] grow(float[] a, int n) {
        return n < a.length ? a : java.util.Arrays.copyOf(a, Math.max(16, 2 * a.length));
    }

    /**
     * Reads a {@code node,feature,value} file sorted by (node, feature) into CSR.
     *
     * @param expectedNnz the published number of rows, or −1 to skip the check
     */
    static SparseFeatures readFeatures(Path file, int rows, int cols, int expectedNnz) throws IOException {
        int[] ptr = new int[rows + 1];
        int[] col = new int[1024];
        float[] val = new float[1024];
        int k = 0;
        try (GraphCsv csv = new GraphCsv(file, "node,feature,value")) {
            int lastNode = 0;
            int lastCol = -1;
            while (csv.next()) {
                int node = csv.index(0, rows, "node id");
                int f = csv.index(1, cols, "feature index");
                if (node < lastNode || (node == lastNode && f <= lastCol)) {
                    throw csv.error("row (" + node + "," + f + ") is a duplicate or out of (node, feature) order");
                }
                for (int r = lastNode + 1; r <= node; r++) {
                    ptr[r] = k;
                }
                float v = csv.floatField(2);
                if (v == 0f) {
                    throw csv.error("value " + csv.field(2) + " is zero; only non-zeros are stored");
                }
                col = grow(col, k);
                val = grow(val, k);
                col[k] = f;
                val[k] = v;
                k++;
                lastNode = node;
                lastCol = f;
            }
            for (int r = lastNode + 1; r <= rows; r++) {
                ptr[r] = k;
            }
            if (expectedNnz >= 0 && k != expectedNnz) {
                throw csv.error("file has " + k + " non-zero entries, expected " + expectedNnz);
            }
        }
        return SparseFeatures.wrap(rows, cols, ptr, java.util.Arrays.copyOf(col, k), java.util.Arrays.copyOf(val, k));
    }
}
