package io.github.djlsuite.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A results table: one row per task or setting, one column per model, so the method and its
 * baselines sit side by side.
 */
public final class Table {

    private final String title;
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    /** A table with a title and column headers. */
    public Table(String title, List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    /** Adds a row; its length must match the columns. Numbers are formatted with 4 significant digits. */
    public Table addRow(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table '" + title + "' has "
                    + columns.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** The title. */
    public String title() {
        return title;
    }

    /** The column headers. */
    public List<String> columns() {
        return columns;
    }

    /** The rows as given. */
    public List<List<Object>> rows() {
        return List.copyOf(rows);
    }

    /** A cell formatted for display. */
    public static String format(Object cell) {
        if (cell instanceof Double || cell instanceof Float) {
            double v = ((Number) cell).doubleValue();
            if (Double.isNaN(v)) {
                return "n/a";
            }
            if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) {
                return String.format(Locale.ROOT, "%.3e", v);
            }
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return String.valueOf(cell);
    }

    /** GitHub Markdown. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", columns)).append(" |\n|");
        sb.append("---|".repeat(columns.size())).append('\n');
        for (List<Object> row : rows) {
            sb.append("| ");
            for (int i = 0; i < row.size(); i++) {
                sb.append(i > 0 ? " | " : "").append(format(row.get(i)));
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    /** Aligned plain text for the terminal. */
    public String toText() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = columns.get(i).length();
            for (List<Object> row : rows) {
                widths[i] = Math.max(widths[i], format(row.get(i)).length());
            }
        }
        boolean[] numeric = new boolean[columns.size()];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = !rows.isEmpty();
            for (List<Object> row : rows) {
                numeric[i] &= row.get(i) instanceof Number;
            }
        }
        StringBuilder sb = new StringBuilder(title).append('\n');
        appendLine(sb, columns.stream().map(Object.class::cast).toList(), widths, numeric);
        int total = 0;
        for (int w : widths) {
            total += w + 2;
        }
        sb.append("-".repeat(Math.max(0, total - 2))).append('\n');
        for (List<Object> row : rows) {
            appendLine(sb, row, widths, numeric);
        }
        return sb.toString();
    }

    /** Numbers right-aligned, text left-aligned, two spaces between columns. */
    private static void appendLine(StringBuilder sb, List<Object> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String s = format(cells.get(i));
            line.append(i == 0 ? "" : "  ").append(String.format("%" + (numeric[i] ? "" : "-") + widths[i] + "s", s));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
