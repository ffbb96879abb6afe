package io.github.djlsuite.core.report;

/** Summaries of a metric over seeds, as reproductions report them ("mean ± std"). */
public final class Stats {

    private Stats() {}

    /** The arithmetic mean; NaN for no values. */
    public static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The sample standard deviation (n − 1 in the denominator); 0 for fewer than two values. */
    public static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
