package io.github.djlsuite.vision.skan;

import java.util.Arrays;
import java.util.Random;

/**
 * Independent double-precision references for the tests: the textbook formulas of each basis and
 * of a KAN layer, written with plain Java loops (no NDArray, no shared code with the blocks).
 */
final class ReferenceBases {

    private ReferenceBases() {}

    /** Textbook Cox-de Boor B_{m,p}(x) over arbitrary knots t (with the general denominators). */
    static double bspline(double x, double[] t, int m, int p) {
        if (p == 0) {
            return t[m] <= x && x < t[m + 1] ? 1 : 0;
        }
        double left = (x - t[m]) / (t[m + p] - t[m]) * bspline(x, t, m, p - 1);
        double right = (t[m + p + 1] - x) / (t[m + p + 1] - t[m + 1]) * bspline(x, t, m + 1, p - 1);
        return left + right;
    }

    /** The G = grid + k B-splines of order k on [lo, hi] extended by k knots each side. */
    static double[] bspline(double x, int grid, int k, double lo, double hi) {
        double h = (hi - lo) / grid;
        double[] t = new double[grid + 2 * k + 1];
        for (int m = 0; m < t.length; m++) {
            t[m] = lo + (m - k) * h;
        }
        double[] out = new double[grid + k];
        for (int m = 0; m < out.length; m++) {
            out[m] = bspline(x, t, m, k);
        }
        return out;
    }

    /** T_n(tanh x) = cos(n · acos(tanh x)), n = 0..degree. */
    static double[] chebyshev(double x, int degree) {
        double theta = Math.acos(Math.tanh(x));
        double[] out = new double[degree + 1];
        for (int n = 0; n <= degree; n++) {
            out[n] = Math.cos(n * theta);
        }
        return out;
    }

    /** exp(-((x - mu_g) / h)^2) with G centres evenly spaced on [lo, hi]. */
    static double[] rbf(double x, int size, double lo, double hi) {
        double h = (hi - lo) / (size - 1);
        double[] out = new double[size];
        for (int g = 0; g < size; g++) {
            double z = (x - (lo + g * h)) / h;
            out[g] = Math.exp(-z * z);
        }
        return out;
    }

    /** [cos(1x)..cos(Kx), sin(1x)..sin(Kx)]. */
    static double[] fourier(double x, int frequencies) {
        double[] out = new double[2 * frequencies];
        for (int k = 1; k <= frequencies; k++) {
            out[k - 1] = Math.cos(k * x);
            out[frequencies + k - 1] = Math.sin(k * x);
        }
        return out;
    }

    /** (1 - t^2) exp(-t^2 / 2), t = (x - b_g) / a_g, for one feature's rows a, b of length G. */
    static double[] wavelet(double x, float[] a, float[] b) {
        double[] out = new double[a.length];
        for (int g = 0; g < a.length; g++) {
            double t = (x - b[g]) / a[g];
            out[g] = (1 - t * t) * Math.exp(-t * t / 2);
        }
        return out;
    }

    /** The spec's default basis of {@code family} at x, for feature i (wavelet parameters (D, G) row-major). */
    static double[] defaultBasis(BasisFamily family, double x, int i, float[] scale, float[] shift) {
        switch (family) {
            case BSPLINE:
                return bspline(x, 5, 3, -1, 1);
            case CHEBYSHEV:
                return chebyshev(x, 4);
            case RBF:
                return rbf(x, 8, -2, 2);
            case FOURIER:
                return fourier(x, 4);
            case WAVELET:
                return wavelet(x, Arrays.copyOfRange(scale, i * 8, i * 8 + 8),
                        Arrays.copyOfRange(shift, i * 8, i * 8 + 8));
            default:
                throw new AssertionError(family);
        }
    }

    /**
     * y[b, j] = sum_i W[j, i] silu(x[b, i]) + sum_{i, g} C[j, i, g] B_g(x[b, i]) + bias[j], with W
     * (out, D), C (out, D, G), all row-major.
     */
    static float[] kanLinear(BasisFamily family, float[] x, int batch, int d, int out, int g,
            float[] w, float[] c, float[] bias, float[] scale, float[] shift) {
        float[] y = new float[batch * out];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < out; j++) {
                double sum = bias == null ? 0 : bias[j];
                for (int i = 0; i < d; i++) {
                    double xi = x[b * d + i];
                    sum += w[j * d + i] * xi / (1 + Math.exp(-xi));
                    double[] phi = defaultBasis(family, xi, i, scale, shift);
                    for (int q = 0; q < g; q++) {
                        sum += c[(j * d + i) * g + q] * phi[q];
                    }
                }
                y[b * out + j] = (float) sum;
            }
        }
        return y;
    }

    /** n values uniform in [lo, hi), reproducible. */
    static float[] uniform(long seed, int n, double lo, double hi) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return v;
    }
}
