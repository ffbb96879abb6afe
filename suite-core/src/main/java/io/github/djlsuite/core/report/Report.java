package io.github.djlsuite.core.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.djlsuite.core.Paper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What a reproduction measured: side-by-side tables (method and baselines, same data, same budget,
 * same run), learning curves, free-form metrics, notes and the {@link Environment}.
 * {@link #write} stores it as {@code report.md}, {@code metrics.json} and one PNG per chart.
 */
public final class Report {

    /** File names inside a report folder. */
    public static final String MARKDOWN = "report.md";
    public static final String JSON = "metrics.json";

    private final Paper paper;
    private final String title;
    private final Environment environment;
    private final List<Table> tables = new ArrayList<>();
    private final List<Chart> charts = new ArrayList<>();
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param paper       the paper reproduced
     * @param title       what this report shows, e.g. "Function fitting: test RMSE"
     * @param environment where it was measured
     */
    public Report(Paper paper, String title, Environment environment) {
        this.paper = paper;
        this.title = title;
        this.environment = environment;
    }

    /** Adds a table. */
    public Report addTable(Table table) {
        tables.add(table);
        return this;
    }

    /** Adds a chart, written as {@code <file>.png}. */
    public Report addChart(Chart chart) {
        charts.add(chart);
        return this;
    }

    /** Adds a named value to {@code metrics.json} (numbers, strings, lists or maps of them). */
    public Report putMetric(String key, Object value) {
        metrics.put(key, value);
        return this;
    }

    /** Adds a sentence to the report's notes (what matched the paper, what did not, caveats). */
    public Report addNote(String note) {
        notes.add(note);
        return this;
    }

    public Paper paper() {
        return paper;
    }

    public String title() {
        return title;
    }

    public Environment environment() {
        return environment;
    }

    public List<Table> tables() {
        return List.copyOf(tables);
    }

    public List<Chart> charts() {
        return List.copyOf(charts);
    }

    public Map<String, Object> metrics() {
        return Map.copyOf(metrics);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The report as terminal text: title, tables, notes, environment. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(paper.id()).append(": ").append(title).append('\n').append('\n');
        for (Table t : tables) {
            sb.append(t.toText()).append('\n');
        }
        for (String n : notes) {
            sb.append("* ").append(n).append('\n');
        }
        sb.append("Measured with ").append(environment.summary()).append('\n');
        return sb.toString();
    }

    /** The report as Markdown, linking the chart PNGs. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(paper.id()).append(": ").append(title).append("\n\n");
        sb.append("Paper: ").append(paper.citation()).append("\n\n");
        sb.append("Measured with ").append(environment.summary()).append(".\n\n");
        for (Table t : tables) {
            sb.append("## ").append(t.title()).append("\n\n").append(t.toMarkdown()).append('\n');
        }
        if (!notes.isEmpty()) {
            sb.append("## Notes\n\n");
            for (String n : notes) {
                sb.append("- ").append(n).append('\n');
            }
            sb.append('\n');
        }
        for (Chart c : charts) {
            sb.append("![").append(c.title()).append("](").append(c.file()).append(".png)\n\n");
        }
        sb.append("## Environment\n\n```\n").append(GSON.toJson(environment)).append("\n```\n");
        return sb.toString();
    }

    /**
     * Writes {@code report.md}, {@code metrics.json} and the charts into {@code dir}.
     *
     * @return {@code dir}
     */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKDOWN), toMarkdown(), StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("paper", paper);
        json.put("title", title);
        json.put("environment", environment);
        List<Map<String, Object>> tableJson = new ArrayList<>();
        for (Table t : tables) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (List<Object> row : t.rows()) {
                Map<String, Object> r = new LinkedHashMap<>();
                for (int i = 0; i < row.size(); i++) {
                    r.put(t.columns().get(i), row.get(i));
                }
                rows.add(r);
            }
            tableJson.add(Map.of("title", t.title(), "rows", rows));
        }
        json.put("tables", tableJson);
        json.put("metrics", metrics);
        json.put("notes", notes);
        try (Writer w = Files.newBufferedWriter(dir.resolve(JSON), StandardCharsets.UTF_8)) {
            GSON.toJson(json, w);
        }
        for (Chart c : charts) {
            writePng(c, dir.resolve(c.file() + ".png"));
        }
        return dir;
    }

    private static void writePng(Chart c, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(c.title())
                .xAxisTitle(c.xLabel()).yAxisTitle(c.yLabel()).build();
        chart.getStyler().setYAxisLogarithmic(c.logY());
        chart.getStyler().setMarkerSize(0);
        for (Map.Entry<String, double[][]> s : c.series().entrySet()) {
            double[] x = s.getValue()[0];
            double[] y = s.getValue()[1];
            if (c.logY()) {
                y = y.clone();
                for (int i = 0; i < y.length; i++) {
                    y[i] = Math.max(y[i], 1e-12); // log axis cannot show 0
                }
            }
            chart.addSeries(s.getKey(), x, y).setMarker(SeriesMarkers.NONE);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .create();
}
