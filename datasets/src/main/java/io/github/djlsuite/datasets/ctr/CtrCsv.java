package io.github.djlsuite.datasets.ctr;

import io.github.djlsuite.datasets.DataFormatException;
import io.github.djlsuite.datasets.Splits;
import io.github.djlsuite.datasets.TextFile;
import io.github.djlsuite.datasets.ctr.CtrSchema.Field;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CTR files described by a {@link CtrSchema} and encodes them into a {@link CtrData}.
 *
 * <p>Files are plain ASCII with {@code \n} line ends (optionally gzip, by name), read whole with
 * {@link TextFile}. Each line is split at the schema's separator (honouring double quotes when
 * {@code quote} is on), matched to the fields with {@link CtrSchema#bind}, and every value is checked:
 * the column count, numeric values (finite doubles), labels (0/1, or the {@code positive} list),
 * sequence items (non-empty). Any problem is a {@link DataFormatException} naming the file and the line
 * (1-based, the header is line 1) and the field; nothing half-read is returned. Blank lines are errors.
 *
 * <p><b>Split.</b> {@link #load} fits the {@link CtrEncoder} on the training rows only. When the valid
 * or test file is not given, it is carved out of the training file with {@link Splits#stratified}
 * stratified on the first label: with both missing, 10% of the rows go to test (seed {@code seed}) and
 * then 1/9 of the rest (10% of the whole) to valid (seed {@code seed + 1}), an 80/10/10 split; with one
 * missing, 10% of the training file becomes that part (seed {@code seed}). Row order inside each part
 * is file order.
 */
public final class CtrCsv {

    /** Fraction of the training file taken for each missing valid/test part. */
    public static final double HOLDOUT_FRACTION = 0.1;

    private CtrCsv() {}

    /**
     * Reads and validates one file.
     *
     * @throws DataFormatException naming the file, the line and the field for any bad value or shape
     * @throws java.nio.file.NoSuchFileException if the file is missing
     */
    public static CtrTable read(Path file, CtrSchema schema) throws IOException {
        List<String> lines = TextFile.lines(file, TextFile.readAll(file));
        char sep = schema.separator().charAt(0);
        List<String> header;
        int first;
        if (schema.header()) {
            if (lines.isEmpty()) {
                throw new DataFormatException(file, "line 1", "empty file: no header line");
            }
            header = split(file, 1, lines.get(0), sep, schema.quote());
            first = 1;
        } else {
            header = schema.columns();
            first = 0;
        }
        int[] cols = schema.bind(file, header);
        List<Field> fields = schema.fields();
        List<String[]> rows = new ArrayList<>(lines.size());
        int[] lineNo = new int[lines.size() - first];
        for (int i = first; i < lines.size(); i++) {
            int ln = i + 1;
            List<String> parts = split(file, ln, lines.get(i), sep, schema.quote());
            if (parts.size() != header.size()) {
                throw new DataFormatException(file, "line " + ln, "expected " + header.size() + " columns, found "
                        + parts.size());
            }
            String[] row = new String[fields.size()];
            for (int f = 0; f < row.length; f++) {
                String v = parts.get(cols[f]);
                if (schema.trim()) {
                    v = v.strip();
                }
                row[f] = v.isEmpty() ? null : v;
                String problem = CtrTable.problem(fields.get(f), row[f]);
                if (problem != null) {
                    throw new DataFormatException(file, "line " + ln, problem);
                }
            }
            rows.add(row);
            lineNo[i - first] = ln;
        }
        if (rows.isEmpty()) {
            throw new DataFormatException(file, "line " + (first + 1), "no data rows");
        }
        return new CtrTable(file, schema, rows, lineNo);
    }

    /**
     * Reads the files, splits where needed (class javadoc), fits the encoder on the training part and
     * encodes all three parts.
     *
     * @param trainCsv the training file
     * @param validCsv the validation file, or null to carve it out of the training file
     * @param testCsv  the test file, or null to carve it out of the training file
     * @param schema   the schema every file follows
     * @param seed     seed of the split (unused when both files are given)
     * @throws DataFormatException for any bad file (all files are read before anything is fitted)
     */
    public static CtrData load(Path trainCsv, Path validCsv, Path testCsv, CtrSchema schema, long seed)
            throws IOException {
        return load(read(trainCsv, schema), validCsv == null ? null : read(validCsv, schema),
                testCsv == null ? null : read(testCsv, schema), seed);
    }

    /**
     * {@link #load(Path, Path, Path, CtrSchema, long)} for tables already read (same schema).
     *
     * @throws DataFormatException when a part to carve out would be empty
     */
    public static CtrData load(CtrTable train, CtrTable valid, CtrTable test, long seed) throws DataFormatException {
        for (CtrTable t : new CtrTable[] {valid, test}) {
            if (t != null && !t.schema().equals(train.schema())) {
                throw new IllegalArgumentException(t.file() + " was read with another schema than " + train.file());
            }
        }
        boolean testGiven = test != null;
        if (test == null) {
            CtrTable[] parts = holdOut(train, HOLDOUT_FRACTION, seed);
            train = parts[0];
            test = parts[1];
        }
        if (valid == null) {
            // after a test holdout, 1/9 of the remaining 90% is 10% of the whole file
            double fraction = !testGiven ? HOLDOUT_FRACTION / (1 - HOLDOUT_FRACTION) : HOLDOUT_FRACTION;
            CtrTable[] parts = holdOut(train, fraction, seed + 1);
            train = parts[0];
            valid = parts[1];
        }
        CtrEncoder encoder = CtrEncoder.fit(train);
        return new CtrData(encoder, encoder.encode(train), encoder.encode(valid), encoder.encode(test), null);
    }

    private static CtrTable[] holdOut(CtrTable t, double fraction, long seed) throws DataFormatException {
        int[][] idx;
        try {
            idx = Splits.stratified(t.labels(0), 2, fraction, seed);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(t.file(), "whole file", "too few rows (" + t.size() + ") to split off "
                    + Math.round(fraction * 100) + "%: " + e.getMessage(), e);
        }
        return new CtrTable[] {t.subset(idx[0]), t.subset(idx[1])};
    }

    /**
     * Splits one line at {@code sep}. With {@code quote}, a value that starts with {@code "} runs to the
     * next lone {@code "} ({@code ""} inside is one quote) and must be followed by the separator or the
     * line end; without it quotes are ordinary characters.
     */
    static List<String> split(Path file, int line, String s, char sep, boolean quote) throws DataFormatException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            if (quote && i < n && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        throw new DataFormatException(file, "line " + line + ", character " + (i + 1),
                                "quoted value is not closed");
                    }
                    char c = s.charAt(j);
                    if (c == '"') {
                        if (j + 1 < n && s.charAt(j + 1) == '"') {
                            sb.append('"');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    sb.append(c);
                    j++;
                }
                out.add(sb.toString());
                i = j + 1;
                if (i == n) {
                    return out;
                }
                if (s.charAt(i) != sep) {
                    throw new DataFormatException(file, "line " + line + ", character " + (i + 1),
                            "text after a closing quote");
                }
                i++;
            } else {
                int j = s.indexOf(sep, i);
                if (j < 0) {
                    out.add(s.substring(i));
                    return out;
                }
                out.add(s.substring(i, j));
                i = j + 1;
            }
        }
    }
}
