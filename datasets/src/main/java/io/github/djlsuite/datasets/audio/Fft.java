package io.github.djlsuite.datasets.audio;

/**
 * In-place iterative radix-2 (Cooley–Tukey, decimation in time) complex FFT of a fixed power-of-two size n:
 *
 * <pre>  X_k = Σ_{t=0}^{n−1} x_t · exp(−2πi·k·t / n),   k = 0 … n−1</pre>
 *
 * <p>No normalisation in the forward direction ({@link #inverse} divides by n), so Parseval reads
 * {@code Σ|x_t|² = (1/n)·Σ|X_k|²}. Twiddle factors and the bit-reversal permutation are computed once per
 * instance in double precision; an instance is immutable and may be shared between threads (the arrays passed
 * in are the only state touched). Cost O(n log n).
 */
public final class Fft {

    private final int n;
    private final int[] reversed;
    private final double[] cos;
    private final double[] sin;

    /**
     * @param n transform size, a power of two ≥ 1
     * @throws IllegalArgumentException otherwise
     */
    public Fft(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two >= 1, got " + n);
        }
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        reversed = new int[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            double a = -2 * Math.PI * k / n;
            cos[k] = Math.cos(a);
            sin[k] = Math.sin(a);
        }
    }

    /** The transform size n. */
    public int size() {
        return n;
    }

    /**
     * Forward transform in place.
     *
     * @param re real parts, length n (overwritten by Re X)
     * @param im imaginary parts, length n (overwritten by Im X)
     */
    public void forward(double[] re, double[] im) {
        if (re.length != n || im.length != n) {
            throw new IllegalArgumentException("arrays must have length " + n + ", got " + re.length + " and " + im.length);
        }
        for (int i = 0; i < n; i++) {
            int j = reversed[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int step = n / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    /** Inverse transform in place, {@code x_t = (1/n) Σ_k X_k exp(+2πi·k·t/n)}, via conjugation. */
    public void inverse(double[] re, double[] im) {
        for (int i = 0; i < im.length; i++) {
            im[i] = -im[i];
        }
        forward(re, im);
        for (int i = 0; i < n; i++) {
            re[i] /= n;
            im[i] = -im[i] / n;
        }
    }
}
