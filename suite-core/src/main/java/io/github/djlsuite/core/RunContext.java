package io.github.djlsuite.core;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything a {@link Reproduction} needs to know about the run it is part of: the backend, the
 * seed, the scale, where to write and where the data lives.
 */
public final class RunContext {

    private final Backend backend;
    private final long seed;
    private final Scale scale;
    private final Path outputDir;
    private final Path dataDir;
    private final Integer epochs;
    private final boolean progress;
    private final boolean resume;

    private RunContext(Builder b) {
        backend = b.backend;
        seed = b.seed;
        scale = b.scale;
        outputDir = b.outputDir;
        dataDir = b.dataDir;
        epochs = b.epochs;
        progress = b.progress;
        resume = b.resume;
    }

    /** The engine and device. */
    public Backend backend() {
        return backend;
    }

    /** The base seed; a reproduction derives every random stream from it. */
    public long seed() {
        return seed;
    }

    /** The scale the run uses. */
    public Scale scale() {
        return scale;
    }

    /** The folder this run writes its report, curves and checkpoints into. */
    public Path outputDir() {
        return outputDir;
    }

    /** The data root ({@code --data}, then {@code SUITE_DATA}, then {@code ~/.djl-suite/datasets}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The {@code --epochs} override, if the user gave one. */
    public OptionalInt epochsOverride() {
        return epochs == null ? OptionalInt.empty() : OptionalInt.of(epochs);
    }

    /** The epoch (or step) budget: the user's override, else the reproduction's default for the scale. */
    public int epochs(int defaultForScale) {
        return epochs == null ? defaultForScale : epochs;
    }

    /** Whether to draw progress bars (off in tests). */
    public boolean progress() {
        return progress;
    }

    /**
     * Whether this run continues an earlier one in the same output folder: reproductions pass it
     * to {@code TrainConfig.optResume}, so finished models are loaded and unfinished ones continue
     * from their last checkpoint.
     */
    public boolean resume() {
        return resume;
    }

    /** A new model on this run's engine and device; the caller closes it. */
    public Model newModel(String name) {
        return Model.newInstance(name, backend.device(), backend.engineName());
    }

    /** A new root manager on this run's engine and device; the caller closes it. */
    public NDManager newManager() {
        return backend.newManager();
    }

    /** The default data root: {@code SUITE_DATA}, else {@code ~/.djl-suite/datasets}. */
    public static Path defaultDataDir() {
        String env = System.getenv("SUITE_DATA");
        if (env == null) {
            env = System.getProperty("SUITE_DATA");
        }
        return env != null && !env.isBlank()
                ? Paths.get(env)
                : Paths.get(System.getProperty("user.home"), ".djl-suite", "datasets");
    }

    /** A builder; {@code setBackend} and {@code setOutputDir} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link RunContext}. */
    public static final class Builder {
        private Backend backend;
        private long seed = 42;
        private Scale scale = Scale.SMALL;
        private Path outputDir;
        private Path dataDir = defaultDataDir();
        private Integer epochs;
        private boolean progress = true;
        private boolean resume;

        /** Engine and device (required). */
        public Builder setBackend(Backend v) {
            backend = v;
            return this;
        }

        /** Output folder (required). */
        public Builder setOutputDir(Path v) {
            outputDir = v;
            return this;
        }

        /** Seed, default 42. */
        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        /** Scale, default {@link Scale#SMALL}. */
        public Builder optScale(Scale v) {
            scale = Objects.requireNonNull(v);
            return this;
        }

        /** Data root, default {@link #defaultDataDir()}. */
        public Builder optDataDir(Path v) {
            if (v != null) {
                dataDir = v;
            }
            return this;
        }

        /** Epoch/step override; null keeps the reproduction's default. */
        public Builder optEpochs(Integer v) {
            if (v != null && v <= 0) {
                throw new IllegalArgumentException("epochs must be > 0, got " + v);
            }
            epochs = v;
            return this;
        }

        /** Progress bars on (default) or off. */
        public Builder optProgress(boolean v) {
            progress = v;
            return this;
        }

        /** Continue the run in the output folder from its checkpoints; default false. */
        public Builder optResume(boolean v) {
            resume = v;
            return this;
        }

        /** Validates and builds. */
        public RunContext build() {
            Objects.requireNonNull(backend, "backend is required");
            Objects.requireNonNull(outputDir, "outputDir is required");
            return new RunContext(this);
        }
    }
}
