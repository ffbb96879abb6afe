package io.github.djlsuite.ctr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One raw CTR row for serving, the input type of {@link CtrTranslator}: values by column name, as
 * in the training file (before trimming, bucketing or scaling), e.g.
 * {@code CtrRow.of("I1", "3", "C1", "68fd1e64", ...)}. A column left out, or an empty value, is a
 * missing value (PAD, or 0 after scaling); a value never seen in training maps to OOV. Label columns
 * may be left out. A key that is no column of the model's schema is rejected when the row is
 * translated, naming the key.
 */
public final class CtrRow {

    private final Map<String, String> values;

    private CtrRow(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A row from column name to raw value (copied; null values are missing values). */
    public static CtrRow of(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        values.keySet().forEach(k -> Objects.requireNonNull(k, "column name"));
        return new CtrRow(values);
    }

    /**
     * A row from alternating column names and values: {@code of("C1", "a", "C2", "b")}.
     *
     * @throws IllegalArgumentException for an odd count or a repeated column
     */
    public static CtrRow of(String... columnsAndValues) {
        if (columnsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected column, value pairs, got " + columnsAndValues.length
                    + " strings");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            String column = Objects.requireNonNull(columnsAndValues[i], "column name at position " + i);
            if (m.containsKey(column)) {
                throw new IllegalArgumentException("column '" + column + "' is given twice");
            }
            m.put(column, columnsAndValues[i + 1]);
        }
        return new CtrRow(m);
    }

    /** The values by column name (unmodifiable, in the order given). */
    public Map<String, String> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CtrRow r && values.equals(r.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "CtrRow" + values;
    }
}
