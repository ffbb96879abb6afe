package io.github.djlsuite.datasets.audio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import io.github.djlsuite.datasets.DataFormatException;
import io.github.djlsuite.datasets.DataRoot;
import io.github.djlsuite.datasets.DatasetManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Free Spoken Digit Dataset as fixed-size feature sequences with the official split: test = takes 0–4
 * (300 recordings), train = takes 5–49 (2,700); every speaker has 45 train and 5 test takes per digit, so the
 * same split serves digit and speaker recognition. FSDD defines no validation set.
 *
 * <p><b>Features.</b> Each recording ({@link Wav#toFloat}, samples in [−1, 1)) goes through one
 * {@link AudioFeatures} front end to log-mel (F = nMels) or MFCC (F = nMfcc) frames; a recording of N samples has
 * {@code T_true = features.numFrames(N)} frames (1 … 227 with the defaults). Every example is then brought to
 * exactly {@code maxFrames} frames: the first {@code maxFrames} are kept (cropping the end of long recordings)
 * and shorter ones are padded <i>after</i> their last frame with zeros. {@link Part#lengths()} holds
 * {@code min(T_true, maxFrames)}, the number of real frames. With the defaults (hop 10 ms, maxFrames 100, i.e.
 * 1.0 s plus one frame length) about 0.5 % of the recordings are cropped.
 *
 * <p><b>Optional standardisation</b> ({@link Options.Builder#standardize}): per feature dimension, mean and
 * standard deviation over all real (unpadded) train frames; applied to the real frames of both parts (padding stays
 * 0, which is then the train mean). Statistics from train only, so nothing leaks from test.
 *
 * <p><b>Labels.</b> Digit 0–9; speaker id 0–5 in the sorted order of {@code speakers.csv} (george, jackson, lucas,
 * nicolas, theo, yweweler; {@link #speakerNames()}).
 *
 * <p>Layout of {@link Part#features()}: row-major (N, maxFrames, F), float32. Within a part, examples are in
 * {@code index.csv} order (sorted by file name).
 */
public final class Fsdd {

    /** Which feature the examples carry. */
    public enum Kind {
        /** Log-mel energies, F = nMels. */
        LOG_MEL,
        /** MFCCs, F = nMfcc. */
        MFCC
    }

    /** Which label a DJL dataset carries. */
    public enum Target {
        /** Spoken digit 0–9 (10 classes). */
        DIGIT,
        /** Speaker id 0–5 (6 classes). */
        SPEAKER
    }

    /**
     * Loading options.
     *
     * @param features        the front end (its sample rate must be 8000)
     * @param kind            log-mel or MFCC
     * @param maxFrames       frames per example after padding/cropping (≥ 1)
     * @param standardize     standardise each feature dimension with train statistics
     * @param verifyChecksums check the three files' sizes and sha256 against the bundled manifest first
     */
    public record Options(AudioFeatures features, Kind kind, int maxFrames, boolean standardize,
            boolean verifyChecksums) {

        /** Validates. */
        public Options {
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(kind, "kind");
            if (maxFrames < 1) {
                throw new IllegalArgumentException("maxFrames must be >= 1, got " + maxFrames);
            }
            if (features.sampleRate() != FsddArchive.SAMPLE_RATE) {
                throw new IllegalArgumentException("FSDD is sampled at 8000 Hz; the front end says "
                        + features.sampleRate());
            }
        }

        /** The defaults: default {@link AudioFeatures}, log-mel, 100 frames, raw values, checksums verified. */
        public static Options defaults() {
            return builder().build();
        }

        /** A builder starting from the defaults. */
        public static Builder builder() {
            return new Builder();
        }

        /** Feature dimension F. */
        public int featureSize() {
            return kind == Kind.LOG_MEL ? features.nMels() : features.nMfcc();
        }

        /** Builder for {@link Options}. */
        public static final class Builder {
            private AudioFeatures features = AudioFeatures.builder().build();
            private Kind kind = Kind.LOG_MEL;
            private int maxFrames = 100;
            private boolean standardize;
            private boolean verifyChecksums = true;

            private Builder() {}

            /** The front end (default {@code AudioFeatures.builder().build()}). */
            public Builder features(AudioFeatures v) {
                features = v;
                return this;
            }

            /** Log-mel (default) or MFCC. */
            public Builder kind(Kind v) {
                kind = v;
                return this;
            }

            /** Frames per example (default 100). */
            public Builder maxFrames(int v) {
                maxFrames = v;
                return this;
            }

            /** Standardise with train statistics (default false). */
            public Builder standardize(boolean v) {
                standardize = v;
                return this;
            }

            /** Verify sizes and sha256 before reading (default true; about 0.1 s). */
            public Builder verifyChecksums(boolean v) {
                verifyChecksums = v;
                return this;
            }

            /** @return the options */
            public Options build() {
                return new Options(features, kind, maxFrames, standardize, verifyChecksums);
            }
        }
    }

    /**
     * One split.
     *
     * @param features  row-major (N, frames, featureSize), zero-padded after {@code lengths[i]} frames
     * @param lengths   real frames per example, 1 … frames
     * @param digits    digit labels 0–9
     * @param speakers  speaker ids 0–5
     * @param takes     take numbers (0–4 test, 5–49 train)
     * @param files     file names, in index order
     * @param frames    frames per example (the options' maxFrames)
     * @param featureSize F
     */
    public record Part(float[] features, int[] lengths, int[] digits, int[] speakers, int[] takes, List<String> files,
            int frames, int featureSize) {

        /** Number of examples N. */
        public int size() {
            return lengths.length;
        }

        /** Feature {@code f} of frame {@code t} of example {@code i}. */
        public float feature(int i, int t, int f) {
            Objects.checkIndex(t, frames);
            Objects.checkIndex(f, featureSize);
            return features[(Objects.checkIndex(i, size()) * frames + t) * featureSize + f];
        }

        /**
         * A DJL dataset. Data: features (N, frames, F) float32, and with {@code withLengths} also the lengths (N)
         * float32 as a second data array; labels: the target (N) float32 (class id, DJL's convention for
         * {@code SoftmaxCrossEntropyLoss}).
         *
         * @param manager     owns the created arrays
         * @param batchSize   batch size, capped at N
         * @param shuffle     random batch order
         * @param target      digit or speaker
         * @param withLengths add the lengths as a second data array
         */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle, Target target,
                boolean withLengths) {
            Objects.requireNonNull(manager, "manager");
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
            }
            int n = size();
            NDArray x = manager.create(features, new Shape(n, frames, featureSize));
            int[] y = target == Target.DIGIT ? digits : speakers;
            float[] yf = new float[n];
            float[] lf = new float[n];
            for (int i = 0; i < n; i++) {
                yf[i] = y[i];
                lf[i] = lengths[i];
            }
            ArrayDataset.Builder b = new ArrayDataset.Builder();
            if (withLengths) {
                b.setData(x, manager.create(lf, new Shape(n)));
            } else {
                b.setData(x);
            }
            return b.optLabels(manager.create(yf, new Shape(n)))
                    .setSampling(Math.min(batchSize, n), shuffle)
                    .build();
        }
    }

    private final Part train;
    private final Part test;
    private final List<FsddArchive.Speaker> speakers;
    private final Options options;

    private Fsdd(Part train, Part test, List<FsddArchive.Speaker> speakers, Options options) {
        this.train = train;
        this.test = test;
        this.speakers = speakers;
        this.options = options;
    }

    /**
     * Finds the {@code fsdd} folder ({@link DataRoot#locate(String, Path)}: {@code --data}, then
     * {@code SUITE_DATA}, then the cache) and loads it.
     *
     * @param dataOption the {@code --data} folder, or null
     * @param options    see {@link Options}
     * @throws io.github.djlsuite.datasets.DatasetNotFoundException if no folder has the three files
     * @throws DataFormatException                                 for any corrupt or inconsistent file
     */
    public static Fsdd load(Path dataOption, Options options) throws IOException {
        return loadFrom(DataRoot.locate("fsdd", dataOption), options);
    }

    /**
     * Loads from a given {@code fsdd} folder.
     *
     * @param dir     the folder with {@code recordings.tar.gz}, {@code index.csv}, {@code speakers.csv}
     * @param options see {@link Options}
     */
    public static Fsdd loadFrom(Path dir, Options options) throws IOException {
        Objects.requireNonNull(options, "options");
        if (options.verifyChecksums()) {
            for (DatasetManifest.Check c : DatasetManifest.load().verify("fsdd", dir)) {
                switch (c.status()) {
                    case OK -> { }
                    case MISSING -> throw new java.nio.file.NoSuchFileException(c.detail());
                    default -> throw new DataFormatException(dir.resolve(c.entry().file()), "whole file", c.detail());
                }
            }
        }
        List<FsddArchive.Speaker> speakers = FsddArchive.readSpeakers(dir.resolve(FsddArchive.SPEAKERS));
        List<String> names = speakers.stream().map(FsddArchive.Speaker::name).toList();
        List<FsddArchive.Entry> index = FsddArchive.readIndex(dir.resolve(FsddArchive.INDEX), names);
        int testCount = (int) index.stream().filter(FsddArchive.Entry::test).count();
        int frames = options.maxFrames();
        int dim = options.featureSize();
        Builder tr = new Builder(index.size() - testCount, frames, dim);
        Builder te = new Builder(testCount, frames, dim);
        AudioFeatures fe = options.features();
        FsddArchive.forEach(dir.resolve(FsddArchive.ARCHIVE), index, (row, pcm) -> {
            float[] f = fe.logMel(Wav.toFloat(pcm));
            if (options.kind() == Kind.MFCC) {
                f = fe.mfccFromLogMel(f);
            }
            (row.test() ? te : tr).add(row, names.indexOf(row.speaker()), f, dim);
        });
        Part trainPart = tr.build();
        Part testPart = te.build();
        if (options.standardize()) {
            standardize(trainPart, testPart);
        }
        return new Fsdd(trainPart, testPart, speakers, options);
    }

    private static void standardize(Part train, Part test) {
        int dim = train.featureSize();
        double[] sum = new double[dim];
        double[] sq = new double[dim];
        long count = 0;
        for (int i = 0; i < train.size(); i++) {
            for (int t = 0; t < train.lengths()[i]; t++) {
                int o = (i * train.frames() + t) * dim;
                for (int f = 0; f < dim; f++) {
                    double v = train.features()[o + f];
                    sum[f] += v;
                    sq[f] += v * v;
                }
            }
            count += train.lengths()[i];
        }
        float[] mean = new float[dim];
        float[] inv = new float[dim];
        for (int f = 0; f < dim; f++) {
            double m = sum[f] / count;
            double var = Math.max(0, sq[f] / count - m * m);
            mean[f] = (float) m;
            inv[f] = (float) (1.0 / Math.sqrt(var + 1e-12));
        }
        for (Part p : List.of(train, test)) {
            for (int i = 0; i < p.size(); i++) {
                for (int t = 0; t < p.lengths()[i]; t++) {
                    int o = (i * p.frames() + t) * dim;
                    for (int f = 0; f < dim; f++) {
                        p.features()[o + f] = (p.features()[o + f] - mean[f]) * inv[f];
                    }
                }
            }
        }
    }

    /** Train part: takes 5–49, 2,700 examples. */
    public Part train() {
        return train;
    }

    /** Test part: takes 0–4, 300 examples. */
    public Part test() {
        return test;
    }

    /** {@code train().toDataset(manager, batchSize, shuffle, target, false)}. */
    public ArrayDataset trainDataset(NDManager manager, int batchSize, boolean shuffle, Target target) {
        return train.toDataset(manager, batchSize, shuffle, target, false);
    }

    /** {@code test().toDataset(manager, batchSize, shuffle, target, false)}. */
    public ArrayDataset testDataset(NDManager manager, int batchSize, boolean shuffle, Target target) {
        return test.toDataset(manager, batchSize, shuffle, target, false);
    }

    /** Speaker names by id (sorted, as in {@code speakers.csv}). */
    public List<String> speakerNames() {
        return speakers.stream().map(FsddArchive.Speaker::name).toList();
    }

    /** The {@code speakers.csv} rows by id. */
    public List<FsddArchive.Speaker> speakers() {
        return speakers;
    }

    /** The options used. */
    public Options options() {
        return options;
    }

    private static final class Builder {
        final float[] features;
        final int[] lengths;
        final int[] digits;
        final int[] speakers;
        final int[] takes;
        final List<String> files = new ArrayList<>();
        final int frames;
        final int dim;
        int n;

        Builder(int capacity, int frames, int dim) {
            features = new float[capacity * frames * dim];
            lengths = new int[capacity];
            digits = new int[capacity];
            speakers = new int[capacity];
            takes = new int[capacity];
            this.frames = frames;
            this.dim = dim;
        }

        void add(FsddArchive.Entry row, int speaker, float[] f, int fdim) {
            int t = Math.min(frames, f.length / fdim);
            System.arraycopy(f, 0, features, n * frames * dim, t * dim);
            lengths[n] = t;
            digits[n] = row.digit();
            speakers[n] = speaker;
            takes[n] = row.take();
            files.add(row.file());
            n++;
        }

        Part build() {
            if (n != lengths.length) {
                throw new IllegalStateException("expected " + lengths.length + " examples, got " + n);
            }
            return new Part(features, lengths, digits, speakers, takes, List.copyOf(files), frames, dim);
        }
    }
}
