package io.github.djlsuite.core.train;

import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Harness#fit} needs besides the model and the data: loss, optimizer, budget,
 * schedules, safety nets and where to write. Build with {@link #builder()}.
 */
public final class TrainConfig {

    final String name;
    final Loss loss;
    final Optimizer optimizer;
    final Tracker learningRate;
    final int epochs;
    final List<Evaluator> evaluators;
    final List<TrainingListener> listeners;
    final float clipGradNorm;
    final int patience;
    final int validateEvery;
    final Long seed;
    final Path outputDir;
    final int checkpointEvery;
    final boolean resume;
    final boolean progress;

    private TrainConfig(Builder b) {
        name = b.name;
        loss = b.loss;
        learningRate = b.learningRate;
        optimizer = b.optimizer != null ? b.optimizer
                : Optimizer.adam().optLearningRateTracker(b.learningRate).build();
        epochs = b.epochs;
        evaluators = List.copyOf(b.evaluators);
        listeners = List.copyOf(b.listeners);
        clipGradNorm = b.clipGradNorm;
        patience = b.patience;
        validateEvery = b.validateEvery;
        seed = b.seed;
        outputDir = b.outputDir;
        checkpointEvery = b.checkpointEvery;
        resume = b.resume;
        progress = b.progress;
    }

    /** The label shown in progress bars and errors. */
    public String name() {
        return name;
    }

    /** The epoch budget. */
    public int epochs() {
        return epochs;
    }

    /** The folder for {@code metrics.csv} and {@code checkpoint.params}, or null for none. */
    public Path outputDir() {
        return outputDir;
    }

    /** A builder; {@code setLoss} and {@code setEpochs} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link TrainConfig}. */
    public static final class Builder {
        private String name = "model";
        private Loss loss;
        private Optimizer optimizer;
        private Tracker learningRate = Tracker.fixed(1e-3f);
        private int epochs;
        private final List<Evaluator> evaluators = new ArrayList<>();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private float clipGradNorm;
        private int patience;
        private int validateEvery = 1;
        private Long seed;
        private Path outputDir;
        private int checkpointEvery = 1;
        private boolean resume;
        private boolean progress;

        /** The training loss (required). */
        public Builder setLoss(Loss v) {
            loss = v;
            return this;
        }

        /** Number of epochs (required, > 0). */
        public Builder setEpochs(int v) {
            epochs = v;
            return this;
        }

        /** Label for progress bars, file names and errors; default "model". */
        public Builder optName(String v) {
            name = Objects.requireNonNull(v);
            return this;
        }

        /** A fully built DJL optimizer; overrides {@link #optLearningRate}. Default: Adam. */
        public Builder optOptimizer(Optimizer v) {
            optimizer = v;
            return this;
        }

        /** Constant learning rate for the default Adam optimizer; default 1e-3. */
        public Builder optLearningRate(float v) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + v);
            }
            return optLearningRate(Tracker.fixed(v));
        }

        /**
         * A learning-rate schedule for the default Adam optimizer, e.g. DJL's
         * {@code Tracker.cosine()}, {@code Tracker.warmUp()} or {@code Tracker.factor()}; it is
         * evaluated per optimizer step and logged per epoch.
         */
        public Builder optLearningRate(Tracker v) {
            learningRate = Objects.requireNonNull(v);
            return this;
        }

        /** Adds a metric, computed on training and validation data each epoch. */
        public Builder addEvaluator(Evaluator v) {
            evaluators.add(v);
            return this;
        }

        /**
         * Adds a DJL listener, called after the harness's own (epoch counter, evaluators, clipping,
         * early stopping); papers use it for per-epoch hooks such as pruning schedules.
         */
        public Builder addTrainingListener(TrainingListener v) {
            listeners.add(Objects.requireNonNull(v));
            return this;
        }

        /** Rescales gradients so their global L2 norm is at most {@code v}; 0 (default) disables. */
        public Builder optClipGradNorm(float v) {
            if (v < 0) {
                throw new IllegalArgumentException("clipGradNorm must be >= 0, got " + v);
            }
            clipGradNorm = v;
            return this;
        }

        /** Stops after {@code v} epochs without validation-loss improvement; 0 (default) disables. */
        public Builder optEarlyStopping(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("patience must be >= 0, got " + v);
            }
            patience = v;
            return this;
        }

        /** Validates every {@code v} epochs (and after the last); default 1. */
        public Builder optValidateEvery(int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("validateEvery must be > 0, got " + v);
            }
            validateEvery = v;
            return this;
        }

        /** Seeds the engine and DJL's sampler before initialisation, so a run repeats exactly. */
        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        /** Writes {@code metrics.csv} and checkpoints there; default none. */
        public Builder optOutputDir(Path v) {
            outputDir = v;
            return this;
        }

        /** Checkpoints every {@code v} epochs (and after the last); default 1. Needs an output folder. */
        public Builder optCheckpointEvery(int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("checkpointEvery must be > 0, got " + v);
            }
            checkpointEvery = v;
            return this;
        }

        /** Continues from the output folder's checkpoint when there is one; default false. */
        public Builder optResume(boolean v) {
            resume = v;
            return this;
        }

        /** Draws a progress bar with loss and throughput on standard output; default false. */
        public Builder optProgress(boolean v) {
            progress = v;
            return this;
        }

        /** Validates and builds. */
        public TrainConfig build() {
            Objects.requireNonNull(loss, "loss is required");
            if (epochs <= 0) {
                throw new IllegalArgumentException("epochs must be > 0, got " + epochs);
            }
            if (patience > 0 && validateEvery != 1) {
                throw new IllegalArgumentException(
                        "early stopping needs validation every epoch, got validateEvery=" + validateEvery);
            }
            if (resume && outputDir == null) {
                throw new IllegalArgumentException("resume needs an output folder holding the checkpoint");
            }
            return new TrainConfig(this);
        }
    }
}
