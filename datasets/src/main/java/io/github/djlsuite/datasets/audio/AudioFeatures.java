package io.github.djlsuite.datasets.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * A spectral front end written once, in plain Java on {@code float[]}: framing, Hann window, power spectrogram
 * (our radix-2 {@link Fft}), mel filterbank, log-mel and MFCC. Immutable and thread-safe once built.
 *
 * <p><b>Framing.</b> A signal of N samples gives {@code T = 1} frame if {@code N ≤ L} (frame length), else
 * {@code T = 1 + ⌈(N − L) / H⌉} (hop H): frame t covers samples {@code [t·H, t·H + L)}, and samples past the end
 * are zero, so every sample is in some frame (no centring, no reflection padding). Each frame is multiplied by
 * the <i>periodic</i> Hann window {@code w[n] = 0.5 − 0.5·cos(2πn / L)}, zero-padded to the FFT size
 * {@code nfft ≥ L}, and transformed.
 *
 * <p><b>Power spectrogram.</b> {@code P[t, k] = |X_t[k]|²} for bins {@code k = 0 … nfft/2} (no 1/nfft scaling);
 * bin k is at frequency {@code k·sr / nfft}. Shape (T, nfft/2 + 1), row-major.
 *
 * <p><b>Mel filterbank (HTK mel scale, unnormalised triangles).</b> {@code mel(f) = 2595·log10(1 + f/700)}.
 * {@code nMels + 2} points equally spaced in mel between {@code mel(fmin)} and {@code mel(fmax)} give Hz edges
 * {@code e_0 < … < e_{M+1}}; filter m (0-based) is the triangle rising linearly in Hz from 0 at {@code e_m} to 1
 * at its centre {@code e_{m+1}} and falling to 0 at {@code e_{m+2}}: {@code W[m, k] = max(0, min((f_k − e_m)/
 * (e_{m+1} − e_m), (e_{m+2} − f_k)/(e_{m+2} − e_{m+1})))}. Peaks are 1 (no Slaney area normalisation); this is
 * librosa's {@code filters.mel(htk=True, norm=None)}. Between the first and last centres adjacent triangles sum
 * to exactly 1. Shape (nMels, nfft/2 + 1).
 *
 * <p><b>Log-mel.</b> {@code S[t, m] = ln(max(Σ_k W[m, k]·P[t, k], floor))}, natural log; shape (T, nMels).
 *
 * <p><b>MFCC.</b> {@code C[t, j] = Σ_m D[j, m]·S[t, m]} for {@code j < nMfcc}, with the orthonormal DCT-II
 * {@code D[j, m] = s_j·cos(π·j·(2m + 1) / (2M))}, {@code s_0 = √(1/M)}, {@code s_j = √(2/M)} ({@code D·Dᵀ = I});
 * no liftering. Shape (T, nMfcc).
 *
 * <p>Defaults (8 kHz speech, e.g. FSDD): frame 200 samples (25 ms), hop 80 (10 ms), nfft 256, 40 mels over
 * 0 … sr/2, floor 1e−10, 13 MFCCs. Samples are expected in [−1, 1) ({@link Wav#toFloat}).
 */
public final class AudioFeatures {

    private final int sampleRate;
    private final int frameLength;
    private final int hop;
    private final int fftSize;
    private final int nMels;
    private final double fMin;
    private final double fMax;
    private final float logFloor;
    private final int nMfcc;

    private final Fft fft;
    private final double[] window;
    private final double[] edges;
    private final float[] filters;
    private final int[] filterLo;
    private final int[] filterHi;
    private final float[] dct;

    private AudioFeatures(Builder b) {
        sampleRate = b.sampleRate;
        frameLength = b.frameLength;
        hop = b.hop;
        fftSize = b.fftSize;
        nMels = b.nMels;
        fMin = b.fMin;
        fMax = Double.isNaN(b.fMax) ? b.sampleRate / 2.0 : b.fMax;
        logFloor = b.logFloor;
        nMfcc = b.nMfcc;
        if (sampleRate <= 0 || frameLength <= 0 || hop <= 0) {
            throw new IllegalArgumentException("sampleRate, frameLength and hop must be positive");
        }
        if (fftSize < frameLength || Integer.bitCount(fftSize) != 1) {
            throw new IllegalArgumentException("fftSize must be a power of two >= frameLength (" + frameLength
                    + "), got " + fftSize);
        }
        if (!(fMin >= 0 && fMin < fMax && fMax <= sampleRate / 2.0)) {
            throw new IllegalArgumentException("need 0 <= fmin < fmax <= sampleRate/2, got fmin=" + fMin + ", fmax="
                    + fMax);
        }
        if (nMels < 1 || nMfcc < 1 || nMfcc > nMels) {
            throw new IllegalArgumentException("need nMels >= 1 and 1 <= nMfcc <= nMels, got " + nMels + ", " + nMfcc);
        }
        if (!(logFloor > 0) || Float.isInfinite(logFloor)) {
            throw new IllegalArgumentException("logFloor must be positive and finite, got " + logFloor);
        }
        fft = new Fft(fftSize);
        window = new double[frameLength];
        for (int i = 0; i < frameLength; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / frameLength);
        }
        int bins = numBins();
        edges = new double[nMels + 2];
        double lo = hzToMel(fMin);
        double hi = hzToMel(fMax);
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(lo + (hi - lo) * i / (nMels + 1));
        }
        filters = new float[nMels * bins];
        filterLo = new int[nMels];
        filterHi = new int[nMels];
        for (int m = 0; m < nMels; m++) {
            int first = bins;
            int last = -1;
            for (int k = 0; k < bins; k++) {
                double f = (double) k * sampleRate / fftSize;
                double w = Math.max(0, Math.min((f - edges[m]) / (edges[m + 1] - edges[m]),
                        (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1])));
                filters[m * bins + k] = (float) w;
                if (w > 0) {
                    first = Math.min(first, k);
                    last = k;
                }
            }
            filterLo[m] = first;
            filterHi[m] = last + 1;
        }
        dct = dctMatrix(nMfcc, nMels);
    }

    /** A builder with the 8 kHz defaults listed in the class comment. */
    public static Builder builder() {
        return new Builder();
    }

    /** HTK mel: {@code 2595·log10(1 + f/700)}. */
    public static double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    /** Inverse of {@link #hzToMel}: {@code 700·(10^(mel/2595) − 1)}. */
    public static double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /**
     * Rows 0 … k−1 of the n×n orthonormal DCT-II matrix, {@code D[j, m] = s_j·cos(π·j·(2m + 1)/(2n))}.
     *
     * @param k rows kept (1 ≤ k ≤ n)
     * @param n length of the transformed vector
     * @return row-major (k, n)
     */
    public static float[] dctMatrix(int k, int n) {
        if (n < 1 || k < 1 || k > n) {
            throw new IllegalArgumentException("need 1 <= k <= n, got k=" + k + ", n=" + n);
        }
        float[] d = new float[k * n];
        for (int j = 0; j < k; j++) {
            double s = Math.sqrt((j == 0 ? 1.0 : 2.0) / n);
            for (int m = 0; m < n; m++) {
                d[j * n + m] = (float) (s * Math.cos(Math.PI * j * (2 * m + 1) / (2.0 * n)));
            }
        }
        return d;
    }

    /** Number of frames T for a signal of {@code numSamples} samples (see the class comment; ≥ 1). */
    public int numFrames(int numSamples) {
        if (numSamples < 0) {
            throw new IllegalArgumentException("numSamples must be >= 0, got " + numSamples);
        }
        if (numSamples <= frameLength) {
            return 1;
        }
        return 1 + (numSamples - frameLength + hop - 1) / hop;
    }

    /** FFT bins kept, {@code nfft/2 + 1}. */
    public int numBins() {
        return fftSize / 2 + 1;
    }

    /** Frequency of bin k in Hz, {@code k·sr/nfft}. */
    public double binFrequency(int k) {
        return (double) k * sampleRate / fftSize;
    }

    /** The filter centres in Hz, length nMels (edges 1 … nMels of the class comment). */
    public double[] melCentres() {
        return Arrays.copyOfRange(edges, 1, nMels + 1);
    }

    /** A copy of the mel filterbank W, row-major (nMels, nfft/2 + 1). */
    public float[] melFilterbank() {
        return filters.clone();
    }

    /** A copy of the periodic Hann window, length frameLength. */
    public float[] window() {
        float[] w = new float[frameLength];
        for (int i = 0; i < frameLength; i++) {
            w[i] = (float) window[i];
        }
        return w;
    }

    /**
     * The power spectrogram P.
     *
     * @param signal samples (any length; an empty signal gives one all-zero frame)
     * @return row-major (T, nfft/2 + 1)
     */
    public float[] powerSpectrogram(float[] signal) {
        int frames = numFrames(signal.length);
        int bins = numBins();
        float[] out = new float[frames * bins];
        double[] re = new double[fftSize];
        double[] im = new double[fftSize];
        for (int t = 0; t < frames; t++) {
            spectrum(signal, t, re, im);
            for (int k = 0; k < bins; k++) {
                out[t * bins + k] = (float) (re[k] * re[k] + im[k] * im[k]);
            }
        }
        return out;
    }

    /**
     * Log-mel energies S.
     *
     * @param signal samples
     * @return row-major (T, nMels)
     */
    public float[] logMel(float[] signal) {
        int frames = numFrames(signal.length);
        int bins = numBins();
        float[] out = new float[frames * nMels];
        double[] re = new double[fftSize];
        double[] im = new double[fftSize];
        double[] power = new double[bins];
        for (int t = 0; t < frames; t++) {
            spectrum(signal, t, re, im);
            for (int k = 0; k < bins; k++) {
                power[k] = re[k] * re[k] + im[k] * im[k];
            }
            for (int m = 0; m < nMels; m++) {
                double e = 0;
                int row = m * bins;
                for (int k = filterLo[m]; k < filterHi[m]; k++) {
                    e += filters[row + k] * power[k];
                }
                out[t * nMels + m] = (float) Math.log(Math.max(e, logFloor));
            }
        }
        return out;
    }

    /**
     * MFCCs C (orthonormal DCT-II of each log-mel frame, first nMfcc coefficients).
     *
     * @param signal samples
     * @return row-major (T, nMfcc)
     */
    public float[] mfcc(float[] signal) {
        return mfccFromLogMel(logMel(signal));
    }

    /**
     * MFCCs of an already computed log-mel matrix.
     *
     * @param logMel row-major (T, nMels)
     * @return row-major (T, nMfcc)
     */
    public float[] mfccFromLogMel(float[] logMel) {
        if (logMel.length % nMels != 0) {
            throw new IllegalArgumentException("log-mel length " + logMel.length + " is not a multiple of nMels " + nMels);
        }
        int frames = logMel.length / nMels;
        float[] out = new float[frames * nMfcc];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < nMfcc; j++) {
                double s = 0;
                for (int m = 0; m < nMels; m++) {
                    s += dct[j * nMels + m] * logMel[t * nMels + m];
                }
                out[t * nMfcc + j] = (float) s;
            }
        }
        return out;
    }

    private void spectrum(float[] signal, int t, double[] re, double[] im) {
        Arrays.fill(re, 0);
        Arrays.fill(im, 0);
        int start = t * hop;
        int end = Math.min(frameLength, signal.length - start);
        for (int i = 0; i < end; i++) {
            re[i] = signal[start + i] * window[i];
        }
        fft.forward(re, im);
    }

    /** Sample rate in Hz. */
    public int sampleRate() {
        return sampleRate;
    }

    /** Frame length L in samples. */
    public int frameLength() {
        return frameLength;
    }

    /** Hop H in samples. */
    public int hop() {
        return hop;
    }

    /** FFT size nfft. */
    public int fftSize() {
        return fftSize;
    }

    /** Number of mel filters. */
    public int nMels() {
        return nMels;
    }

    /** Lowest filter edge in Hz. */
    public double fMin() {
        return fMin;
    }

    /** Highest filter edge in Hz. */
    public double fMax() {
        return fMax;
    }

    /** Floor applied before the log. */
    public float logFloor() {
        return logFloor;
    }

    /** Number of MFCCs kept. */
    public int nMfcc() {
        return nMfcc;
    }

    @Override
    public String toString() {
        return "AudioFeatures[sr=" + sampleRate + ", frame=" + frameLength + ", hop=" + hop + ", nfft=" + fftSize
                + ", window=hann(periodic), nMels=" + nMels + " (HTK, unnormalised), fmin=" + fMin + ", fmax=" + fMax
                + ", floor=" + logFloor + ", nMfcc=" + nMfcc + "]";
    }

    /** Builder; every setter validates on {@link #build()}. */
    public static final class Builder {
        private int sampleRate = 8000;
        private int frameLength = 200;
        private int hop = 80;
        private int fftSize = 256;
        private int nMels = 40;
        private double fMin = 0;
        private double fMax = Double.NaN;
        private float logFloor = 1e-10f;
        private int nMfcc = 13;

        private Builder() {}

        /** Sample rate in Hz (default 8000); also the default fmax is half of it. */
        public Builder sampleRate(int v) {
            sampleRate = v;
            return this;
        }

        /** Frame (window) length in samples (default 200). */
        public Builder frameLength(int v) {
            frameLength = v;
            return this;
        }

        /** Hop in samples (default 80). */
        public Builder hop(int v) {
            hop = v;
            return this;
        }

        /** FFT size, a power of two ≥ frame length (default 256). */
        public Builder fftSize(int v) {
            fftSize = v;
            return this;
        }

        /** Number of mel filters (default 40). */
        public Builder nMels(int v) {
            nMels = v;
            return this;
        }

        /** Lowest filter edge in Hz (default 0). */
        public Builder fMin(double v) {
            fMin = v;
            return this;
        }

        /** Highest filter edge in Hz (default sampleRate / 2). */
        public Builder fMax(double v) {
            fMax = v;
            return this;
        }

        /** Energy floor before the log (default 1e-10). */
        public Builder logFloor(float v) {
            logFloor = v;
            return this;
        }

        /** Number of MFCCs kept, ≤ nMels (default 13). */
        public Builder nMfcc(int v) {
            nMfcc = v;
            return this;
        }

        /** @return the front end @throws IllegalArgumentException for inconsistent settings */
        public AudioFeatures build() {
            return new AudioFeatures(Objects.requireNonNull(this));
        }
    }
}
