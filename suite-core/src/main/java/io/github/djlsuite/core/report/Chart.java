package io.github.djlsuite.core.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A line chart of learning curves: one series per model, drawn to PNG by {@link Report#write}.
 */
public final class Chart {

    private final String file;
    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logY;
    private final Map<String, double[][]> series = new LinkedHashMap<>();

    /**
     * @param file   PNG file name without extension, e.g. {@code curves-f2}
     * @param title  chart title
     * @param xLabel x-axis label
     * @param yLabel y-axis label
     * @param logY   logarithmic y axis (for losses spanning decades)
     */
    public Chart(String file, String title, String xLabel, String yLabel, boolean logY) {
        if (!file.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("chart file name must be letters, digits, '.', '_' or '-', got " + file);
        }
        this.file = file;
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    /** Adds a series with x and y values of equal length. */
    public Chart addSeries(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x values, " + y.length + " y");
        }
        series.put(name, new double[][] {x.clone(), y.clone()});
        return this;
    }

    public String file() {
        return file;
    }

    public String title() {
        return title;
    }

    public String xLabel() {
        return xLabel;
    }

    public String yLabel() {
        return yLabel;
    }

    public boolean logY() {
        return logY;
    }

    /** Series name to {x[], y[]}. */
    public Map<String, double[][]> series() {
        return series;
    }
}
