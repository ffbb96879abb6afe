package io.github.djlsuite.datasets.ctr;

import io.github.djlsuite.datasets.ctr.CtrSchema.Field;
import io.github.djlsuite.datasets.ctr.CtrSchema.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Raw rows of a CTR file after reading and validation, before encoding: one {@code String[]} per row
 * holding one value per schema field (in {@link CtrSchema#fields()} order; {@code null} = missing, already
 * trimmed when the schema says so). Every numeric value parses as a finite double, every label is valid and
 * every sequence item is non-empty, so encoding cannot fail.
 *
 * @param file   where the rows came from (null when built in memory)
 * @param schema the schema the rows follow
 * @param rows   the rows
 * @param lines  the 1-based file line of each row
 */
public record CtrTable(Path file, CtrSchema schema, List<String[]> rows, int[] lines) {

    /** Checks the sizes agree. */
    public CtrTable {
        Objects.requireNonNull(schema, "schema");
        rows = List.copyOf(rows);
        if (lines.length != rows.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + lines.length + " line numbers");
        }
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** The rows at {@code idx}, in that order. */
    public CtrTable subset(int[] idx) {
        List<String[]> r = new ArrayList<>(idx.length);
        int[] l = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            r.add(rows.get(idx[i]));
            l[i] = lines[idx[i]];
        }
        return new CtrTable(file, schema, r, l);
    }

    /** The 0/1 values of label {@code task} (T-th label field) for every row. */
    public int[] labels(int task) {
        List<Field> fs = schema.fields();
        Field label = schema.labels().get(task);
        int f = fs.indexOf(label);
        int[] y = new int[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labelValue(label, rows.get(i)[f]);
        }
        return y;
    }

    /** 0/1 of a validated label value. */
    static int labelValue(Field label, String v) {
        if (!label.positive().isEmpty()) {
            return label.positive().contains(v) ? 1 : 0;
        }
        return "1".equals(v) ? 1 : 0;
    }

    /**
     * What is wrong with {@code v} as a value of field {@code f}, or null when it is fine ({@code v} null =
     * missing).
     */
    static String problem(Field f, String v) {
        if (f.role() == Role.LABEL) {
            if (v == null) {
                return "field '" + f.name() + "': the label is missing";
            }
            if (f.positive().isEmpty() && !v.equals("0") && !v.equals("1")) {
                return "field '" + f.name() + "': label must be 0 or 1, got '" + v + "'";
            }
        } else if (v != null && f.role() == Role.NUMERIC) {
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return "field '" + f.name() + "': not a number: '" + v + "'";
            }
            if (!Double.isFinite(d)) {
                return "field '" + f.name() + "': not a finite number: '" + v + "'";
            }
        } else if (v != null && f.role() == Role.SEQUENCE) {
            for (String item : items(v, f.itemSeparator().charAt(0))) {
                if (item.isEmpty()) {
                    return "field '" + f.name() + "': empty item in sequence '" + v + "'";
                }
            }
        }
        return null;
    }

    /** Splits a sequence value at {@code sep} (a literal character, not a regex); keeps empty items. */
    static List<String> items(String v, char sep) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= v.length(); i++) {
            if (i == v.length() || v.charAt(i) == sep) {
                out.add(v.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }
}
