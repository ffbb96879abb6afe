package io.github.djlsuite.datasets.synthetic;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;

/**
 * Discrete 2-D Poisson problems {@code -Δu = f} on the unit square with {@code u = 0} on the boundary.
 *
 * <p>Grid: n × n points {@code (x_i, y_j) = (i·h, j·h)}, {@code h = 1/(n-1)}, {@code i, j = 0..n-1},
 * stored row-major with index {@code i·n + j} for {@code (x_i, y_j)}.
 * The unknowns are the {@code (n-2)²} interior points; boundary values of u are 0 and boundary values
 * of f do not enter. The operator is the 5-point stencil
 * {@code (A u)_{ij} = (4u_{ij} - u_{i-1,j} - u_{i+1,j} - u_{i,j-1} - u_{i,j+1}) / h²}, symmetric positive
 * definite, and the solution is computed by conjugate gradient until the relative residual
 * {@code ||f - A u||_2 / ||f||_2} (interior points) is at most the stated tolerance.
 *
 * <p>Random sources: {@code f(x, y) = Σ_{k,l=1..modes} c_{kl} sin(kπx) sin(lπy)} with
 * {@code c_{kl}} i.i.d. standard normal drawn from {@code new Random(seed)} (k outer, l inner loop), one
 * set per sample. Since these sines are exact eigenvectors of A, the exact discrete solution is
 * {@code Σ c_{kl} sin(kπx) sin(lπy) / λ_{kl}} with {@code λ_{kl} = (4/h²)(sin²(kπh/2) + sin²(lπh/2))}
 * (see {@link #discreteEigenvalue(int, int, int)}), and the continuous one has {@code λ = π²(k² + l²)}.
 */
public final class Poisson2d {

    /**
     * Source/solution pairs.
     *
     * @param n         grid points per side (including the boundary)
     * @param count     number of samples
     * @param sources   row-major (count, n, n) source fields f
     * @param solutions row-major (count, n, n) discrete solutions u (zero on the boundary)
     * @param coefficients row-major (count, modes, modes) sine coefficients {@code c_{kl}} of each source
     * @param modes     sine modes per direction
     * @param tolerance the relative-residual tolerance the solver met
     */
    public record Sample(int n, int count, double[] sources, double[] solutions, double[] coefficients, int modes,
            double tolerance) {

        /** Grid spacing {@code h = 1/(n-1)}. */
        public double h() {
            return 1.0 / (n - 1);
        }

        /** The source field of sample {@code s} (n·n, row-major), a copy. */
        public double[] source(int s) {
            return java.util.Arrays.copyOfRange(sources, s * n * n, (s + 1) * n * n);
        }

        /** The solution of sample {@code s} (n·n, row-major), a copy. */
        public double[] solution(int s) {
            return java.util.Arrays.copyOfRange(solutions, s * n * n, (s + 1) * n * n);
        }

        /**
         * As a DJL dataset: data f and labels u, both (count, 1, n, n) FLOAT32 (channel-first images).
         * Batch size capped at count.
         */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            float[] x = new float[sources.length];
            float[] y = new float[solutions.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) sources[i];
                y[i] = (float) solutions[i];
            }
            Shape s = new Shape(count, 1, n, n);
            return new ArrayDataset.Builder()
                    .setData(manager.create(x, s))
                    .optLabels(manager.create(y, s))
                    .setSampling(Math.max(1, Math.min(batchSize, count)), shuffle)
                    .build();
        }
    }

    private Poisson2d() {}

    /**
     * {@code count} random problems on an n × n grid (sources as in the class javadoc), each solved to
     * relative residual ≤ {@code tolerance}.
     *
     * @param count     number of samples (≥ 1)
     * @param n         grid points per side including the boundary (≥ 3)
     * @param modes     sine modes per direction in the source (≥ 1)
     * @param tolerance relative residual tolerance for CG (&gt; 0), e.g. 1e-10
     * @param seed      random seed; same arguments give identical output
     */
    public static Sample generate(int count, int n, int modes, double tolerance, long seed) {
        if (count < 1 || n < 3 || modes < 1 || !(tolerance > 0)) {
            throw new IllegalArgumentException("need count >= 1, n >= 3, modes >= 1, tolerance > 0");
        }
        Random r = new Random(seed);
        int nn = n * n;
        double h = 1.0 / (n - 1);
        double[] f = new double[count * nn];
        double[] u = new double[count * nn];
        double[] c = new double[count * modes * modes];
        double[][] sx = new double[modes][n];
        for (int k = 0; k < modes; k++) {
            for (int i = 0; i < n; i++) {
                sx[k][i] = Math.sin((k + 1) * Math.PI * i * h);
            }
        }
        for (int s = 0; s < count; s++) {
            for (int k = 0; k < modes * modes; k++) {
                c[s * modes * modes + k] = r.nextGaussian();
            }
            double[] fs = new double[nn];
            for (int k = 0; k < modes; k++) {
                for (int l = 0; l < modes; l++) {
                    double ckl = c[s * modes * modes + k * modes + l];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            fs[i * n + j] += ckl * sx[k][i] * sx[l][j];
                        }
                    }
                }
            }
            double[] us = solve(fs, n, tolerance);
            System.arraycopy(fs, 0, f, s * nn, nn);
            System.arraycopy(us, 0, u, s * nn, nn);
        }
        return new Sample(n, count, f, u, c, modes, tolerance);
    }

    /** Samples {@code g(x, y)} on the n × n grid (row-major, index {@code i·n + j} for {@code (i·h, j·h)}). */
    public static double[] grid(int n, DoubleBinaryOperator g) {
        double h = 1.0 / (n - 1);
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i * n + j] = g.applyAsDouble(i * h, j * h);
            }
        }
        return out;
    }

    /**
     * Eigenvalue of the 5-point operator A for the mode {@code sin(kπx) sin(lπy)} on an n × n grid:
     * {@code (4/h²)(sin²(kπh/2) + sin²(lπh/2))}.
     */
    public static double discreteEigenvalue(int k, int l, int n) {
        double h = 1.0 / (n - 1);
        double a = Math.sin(k * Math.PI * h / 2);
        double b = Math.sin(l * Math.PI * h / 2);
        return 4 / (h * h) * (a * a + b * b);
    }

    /** {@code A u} at interior points, 0 on the boundary (u's boundary values are treated as 0). */
    public static double[] applyOperator(double[] u, int n) {
        double h2 = 1.0 / ((n - 1.0) * (n - 1.0));
        double[] out = new double[n * n];
        for (int i = 1; i < n - 1; i++) {
            for (int j = 1; j < n - 1; j++) {
                int p = i * n + j;
                double nb = (i > 1 ? u[p - n] : 0) + (i < n - 2 ? u[p + n] : 0)
                        + (j > 1 ? u[p - 1] : 0) + (j < n - 2 ? u[p + 1] : 0);
                out[p] = (4 * u[p] - nb) / h2;
            }
        }
        return out;
    }

    /**
     * Solves {@code A u = f} at the interior by conjugate gradient from {@code u = 0} until
     * {@code ||f - A u||_2 <= tolerance · ||f||_2} over interior points (at most {@code 10·n²} iterations,
     * then throws). Returns u (n·n) with zero boundary.
     *
     * @throws IllegalStateException if CG does not reach the tolerance
     */
    public static double[] solve(double[] f, int n, double tolerance) {
        int nn = n * n;
        double[] u = new double[nn];
        double[] res = new double[nn];
        for (int i = 1; i < n - 1; i++) {
            for (int j = 1; j < n - 1; j++) {
                res[i * n + j] = f[i * n + j];
            }
        }
        double fNorm = Math.sqrt(dot(res, res));
        if (fNorm == 0) {
            return u;
        }
        double[] d = res.clone();
        double rr = dot(res, res);
        int maxIt = 10 * nn;
        for (int it = 0; it < maxIt; it++) {
            if (Math.sqrt(rr) <= tolerance * fNorm) {
                return u;
            }
            double[] ad = applyOperator(d, n);
            double alpha = rr / dot(d, ad);
            for (int p = 0; p < nn; p++) {
                u[p] += alpha * d[p];
                res[p] -= alpha * ad[p];
            }
            double rrNew = dot(res, res);
            double beta = rrNew / rr;
            rr = rrNew;
            for (int p = 0; p < nn; p++) {
                d[p] = res[p] + beta * d[p];
            }
        }
        throw new IllegalStateException("CG did not reach relative residual " + tolerance);
    }

    /** Relative residual {@code ||f - A u||_2 / ||f||_2} over interior points. */
    public static double relativeResidual(double[] u, double[] f, int n) {
        double[] au = applyOperator(u, n);
        double num = 0;
        double den = 0;
        for (int i = 1; i < n - 1; i++) {
            for (int j = 1; j < n - 1; j++) {
                int p = i * n + j;
                num += (f[p] - au[p]) * (f[p] - au[p]);
                den += f[p] * f[p];
            }
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
