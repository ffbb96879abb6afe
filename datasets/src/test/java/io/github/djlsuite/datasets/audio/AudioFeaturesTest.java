package io.github.djlsuite.datasets.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AudioFeaturesTest {

    // ---- FFT ----

    @Test
    void fftMatchesANaiveDft() {
        Random rnd = new Random(1);
        for (int n : new int[] {1, 2, 4, 8, 32, 256, 1024}) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = rnd.nextDouble() * 2 - 1;
                im[i] = rnd.nextDouble() * 2 - 1;
            }
            double[] wantRe = new double[n];
            double[] wantIm = new double[n];
            for (int k = 0; k < n; k++) {
                for (int t = 0; t < n; t++) {
                    double a = -2 * Math.PI * ((long) k * t % n) / n;
                    wantRe[k] += re[t] * Math.cos(a) - im[t] * Math.sin(a);
                    wantIm[k] += re[t] * Math.sin(a) + im[t] * Math.cos(a);
                }
            }
            new Fft(n).forward(re, im);
            for (int k = 0; k < n; k++) {
                assertEquals(wantRe[k], re[k], 1e-4, "Re X[" + k + "], n=" + n);
                assertEquals(wantIm[k], im[k], 1e-4, "Im X[" + k + "], n=" + n);
            }
        }
    }

    @Test
    void fftParsevalAndInverse() {
        Random rnd = new Random(2);
        int n = 512;
        double[] re = new double[n];
        double[] im = new double[n];
        double energy = 0;
        for (int i = 0; i < n; i++) {
            re[i] = rnd.nextGaussian();
            im[i] = rnd.nextGaussian();
            energy += re[i] * re[i] + im[i] * im[i];
        }
        double[] re0 = re.clone();
        double[] im0 = im.clone();
        Fft fft = new Fft(n);
        fft.forward(re, im);
        double spec = 0;
        for (int k = 0; k < n; k++) {
            spec += re[k] * re[k] + im[k] * im[k];
        }
        assertEquals(energy, spec / n, 1e-9 * energy, "sum |x|^2 = (1/n) sum |X|^2");
        fft.inverse(re, im);
        for (int i = 0; i < n; i++) {
            assertEquals(re0[i], re[i], 1e-12);
            assertEquals(im0[i], im[i], 1e-12);
        }
    }

    @Test
    void fftOfAnImpulseIsFlatAndOfAConstantIsADelta() {
        int n = 16;
        double[] re = new double[n];
        double[] im = new double[n];
        re[0] = 1;
        new Fft(n).forward(re, im);
        for (int k = 0; k < n; k++) {
            assertEquals(1.0, re[k], 1e-12);
            assertEquals(0.0, im[k], 1e-12);
        }
        java.util.Arrays.fill(re, 1);
        java.util.Arrays.fill(im, 0);
        new Fft(n).forward(re, im);
        assertEquals(n, re[0], 1e-12);
        for (int k = 1; k < n; k++) {
            assertEquals(0.0, Math.hypot(re[k], im[k]), 1e-12);
        }
    }

    @Test
    void fftRejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> new Fft(0));
        assertThrows(IllegalArgumentException.class, () -> new Fft(12));
        assertThrows(IllegalArgumentException.class, () -> new Fft(8).forward(new double[4], new double[4]));
    }

    // ---- spectrogram ----

    @Test
    void framingCoversEverySample() {
        AudioFeatures fe = AudioFeatures.builder().build();
        assertEquals(1, fe.numFrames(0));
        assertEquals(1, fe.numFrames(200));
        assertEquals(2, fe.numFrames(201));
        assertEquals(2, fe.numFrames(280));
        assertEquals(3, fe.numFrames(281));
        assertEquals(227, fe.numFrames(18262), "the longest FSDD recording");
        assertEquals(129, fe.numBins());
        assertEquals(5 * 129, fe.powerSpectrogram(new float[520]).length);
        float[] w = fe.window();
        assertEquals(0f, w[0], 0f);
        assertEquals(1f, w[100], 1e-7f);
        assertEquals(w[50], w[150], 1e-6f, "periodic Hann is symmetric about L/2");
    }

    @Test
    void sinePeaksInTheRightBin() {
        AudioFeatures fe = AudioFeatures.builder().build();
        Random rnd = new Random(3);
        for (int c = 0; c < 60; c++) {
            double f = 100 + rnd.nextDouble() * 3800;
            float[] x = sine(f, 8000, 4000, 0.3 + rnd.nextDouble() * 0.6);
            float[] p = fe.powerSpectrogram(x);
            int bins = fe.numBins();
            int frame = fe.numFrames(x.length) / 2;
            int best = 0;
            for (int k = 1; k < bins; k++) {
                if (p[frame * bins + k] > p[frame * bins + best]) {
                    best = k;
                }
            }
            assertEquals(Math.round(f * fe.fftSize() / 8000.0), best, "f=" + f);
        }
    }

    @Test
    void windowedSineEnergyMatchesParseval() {
        // a full frame: sum_k' P (both halves) / nfft equals the windowed frame's energy
        AudioFeatures fe = AudioFeatures.builder().build();
        float[] x = sine(1000, 8000, 200, 0.5);
        float[] p = fe.powerSpectrogram(x);
        float[] w = fe.window();
        double energy = 0;
        for (int i = 0; i < 200; i++) {
            energy += (x[i] * w[i]) * (x[i] * w[i]);
        }
        double spec = p[0] + p[128];
        for (int k = 1; k < 128; k++) {
            spec += 2 * p[k];
        }
        assertEquals(energy, spec / 256, 1e-5 * energy);
    }

    @Test
    void sinePeaksInTheMelFilterWithTheNearestCentre() {
        // default front end, frequencies above 400 Hz (below that the 40 filters are narrower than the Hann
        // main lobe of a 25 ms frame, 2 * 8000/200 = 80 Hz, and neighbouring filters share the peak)
        check(AudioFeatures.builder().build(), 400, 5);
        // a long frame resolves every filter
        check(AudioFeatures.builder().frameLength(2048).hop(512).fftSize(2048).nMels(40).build(), 0, 6);
        // a band-limited bank
        check(AudioFeatures.builder().fMin(300).fMax(3400).nMels(24).nMfcc(12).build(), 400, 7);
    }

    private static void check(AudioFeatures fe, double above, long seed) {
        double[] centres = fe.melCentres();
        Random rnd = new Random(seed);
        int checked = 0;
        for (int m = 1; m < centres.length - 1; m++) {
            if (centres[m] < above) {
                continue;
            }
            for (double u : new double[] {0, rnd.nextDouble() * 0.35, -rnd.nextDouble() * 0.35}) {
                double f = centres[m] + u * (u > 0 ? centres[m + 1] - centres[m] : centres[m] - centres[m - 1]);
                float[] x = sine(f, fe.sampleRate(), 6000, 0.5);
                float[] s = fe.logMel(x);
                int frame = fe.numFrames(x.length) / 2;
                int best = 0;
                for (int j = 1; j < fe.nMels(); j++) {
                    if (s[frame * fe.nMels() + j] > s[frame * fe.nMels() + best]) {
                        best = j;
                    }
                }
                assertEquals(m, best, "f=" + f + " Hz, centres " + centres[m - 1] + "/" + centres[m] + "/"
                        + centres[m + 1] + ", " + fe);
                checked++;
            }
        }
        assertTrue(checked >= 30, "checked " + checked);
    }

    @Test
    void silenceGivesTheLogFloor() {
        AudioFeatures fe = AudioFeatures.builder().logFloor(1e-6f).build();
        float[] s = fe.logMel(new float[1000]);
        assertEquals(fe.numFrames(1000) * 40, s.length);
        for (float v : s) {
            assertEquals(Math.log(1e-6f), v, 1e-5);
        }
    }

    // ---- mel filterbank ----

    @Test
    void melScaleIsHtk() {
        assertEquals(2595 * Math.log10(2), AudioFeatures.hzToMel(700), 1e-9);
        assertEquals(0, AudioFeatures.hzToMel(0), 0);
        for (double f : new double[] {0, 50, 1000, 3999.5}) {
            assertEquals(f, AudioFeatures.melToHz(AudioFeatures.hzToMel(f)), 1e-9);
        }
    }

    @Test
    void filterbankRowsAreNonNegativeTrianglesAtMelSpacedCentres() {
        AudioFeatures fe = AudioFeatures.builder().fftSize(8192).nMels(40).build();
        float[] w = fe.melFilterbank();
        int bins = fe.numBins();
        double[] c = fe.melCentres();
        assertEquals(40, c.length);
        double step = AudioFeatures.hzToMel(4000) / 41;
        for (int m = 0; m < 40; m++) {
            assertEquals(step * (m + 1), AudioFeatures.hzToMel(c[m]), 1e-9, "centre " + m + " is mel-equispaced");
            int best = 0;
            for (int k = 0; k < bins; k++) {
                float v = w[m * bins + k];
                assertTrue(v >= 0 && v <= 1, "W[" + m + "," + k + "]=" + v);
                if (v > w[m * bins + best]) {
                    best = k;
                }
            }
            assertEquals(c[m], fe.binFrequency(best), fe.binFrequency(1), "row " + m + " peaks at its centre");
            assertTrue(w[m * bins + best] > 0.99, "unnormalised peak ~1");
            double left = m == 0 ? 0 : c[m - 1];
            double right = m == 39 ? 4000 : c[m + 1];
            for (int k = 0; k < bins; k++) {
                double f = fe.binFrequency(k);
                if (f <= left || f >= right) {
                    assertEquals(0f, w[m * bins + k], 0f, "outside its support");
                }
            }
        }
        // adjacent triangles sum to 1 between the first and last centre
        for (int k = 0; k < bins; k++) {
            double f = fe.binFrequency(k);
            if (f >= c[0] && f <= c[39]) {
                double s = 0;
                for (int m = 0; m < 40; m++) {
                    s += w[m * bins + k];
                }
                assertEquals(1.0, s, 1e-5, "partition of unity at " + f + " Hz");
            }
        }
    }

    @Test
    void defaultFilterbankHasNoEmptyRow() {
        AudioFeatures fe = AudioFeatures.builder().build();
        float[] w = fe.melFilterbank();
        for (int m = 0; m < fe.nMels(); m++) {
            double s = 0;
            for (int k = 0; k < fe.numBins(); k++) {
                s += w[m * fe.numBins() + k];
            }
            assertTrue(s > 0, "filter " + m + " covers at least one bin");
        }
    }

    // ---- DCT / MFCC ----

    @Test
    void dctIsOrthonormal() {
        for (int n : new int[] {1, 2, 13, 40}) {
            float[] d = AudioFeatures.dctMatrix(n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int m = 0; m < n; m++) {
                        s += (double) d[i * n + m] * d[j * n + m];
                    }
                    assertEquals(i == j ? 1.0 : 0.0, s, 1e-5, "(D D^T)[" + i + "," + j + "], n=" + n);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> AudioFeatures.dctMatrix(5, 4));
    }

    @Test
    void mfccOfAFlatLogMelIsPureC0AndMatchesAHandDct() {
        AudioFeatures fe = AudioFeatures.builder().nMels(8).nMfcc(4).build();
        float[] flat = new float[2 * 8];
        java.util.Arrays.fill(flat, -3f);
        float[] c = fe.mfccFromLogMel(flat);
        assertEquals(8, c.length);
        assertEquals(-3 * Math.sqrt(8), c[0], 1e-5);
        for (int j = 1; j < 4; j++) {
            assertEquals(0, c[j], 1e-5);
        }
        float[] ramp = {0, 1, 2, 3, 4, 5, 6, 7};
        float[] r = fe.mfccFromLogMel(ramp);
        double c1 = 0;
        for (int m = 0; m < 8; m++) {
            c1 += Math.sqrt(2.0 / 8) * Math.cos(Math.PI * (2 * m + 1) / 16) * m;
        }
        assertEquals(c1, r[1], 1e-5);
        float[] x = sine(700, 8000, 1000, 0.4);
        float[] full = fe.mfcc(x);
        assertEquals(fe.numFrames(1000) * 4, full.length);
    }

    @Test
    void builderValidates() {
        assertThrows(IllegalArgumentException.class, () -> AudioFeatures.builder().fftSize(128).build());
        assertThrows(IllegalArgumentException.class, () -> AudioFeatures.builder().fftSize(300).frameLength(256).build());
        assertThrows(IllegalArgumentException.class, () -> AudioFeatures.builder().fMax(5000).build());
        assertThrows(IllegalArgumentException.class, () -> AudioFeatures.builder().fMin(2000).fMax(1000).build());
        assertThrows(IllegalArgumentException.class, () -> AudioFeatures.builder().nMels(10).nMfcc(11).build());
        assertThrows(IllegalArgumentException.class, () -> AudioFeatures.builder().logFloor(0).build());
        assertThrows(IllegalArgumentException.class, () -> AudioFeatures.builder().hop(0).build());
    }

    static float[] sine(double f, int sr, int n, double amp) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * f * i / sr));
        }
        return x;
    }
}
