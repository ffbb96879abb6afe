package io.github.djlsuite.vision.skan;

import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import io.github.djlsuite.core.train.Harness;
import io.github.djlsuite.core.train.TrainConfig;
import io.github.djlsuite.core.train.TrainingHistory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * S-KAN's three-phase training (spec: design choice following the paper's description), each phase
 * through the suite's {@link Harness}:
 * <ol>
 *   <li>{@link Phase#FULL}: every family and the selection logits alpha train jointly;</li>
 *   <li>{@link Phase#SELECTIVE}: each node keeps its two families with the largest softmax(alpha)
 *       weight, the others are masked (weight exactly 0), training continues;</li>
 *   <li>{@link Phase#PRUNED}: each node keeps only its top family; fine-tuning.</li>
 * </ol>
 * Each phase starts a new DJL {@code Trainer}, so the optimizer state restarts with each phase.
 */
public final class SKanTrainer {

    /** The phases, with the number of families each node keeps (0 = all). */
    public enum Phase {
        FULL("all families", 0), SELECTIVE("top-2 families", 2), PRUNED("pruned", 1);

        private final String label;
        private final int keep;

        Phase(String label, int keep) {
            this.label = label;
            this.keep = keep;
        }

        /** A short description for progress bars and reports. */
        public String label() {
            return label;
        }
    }

    /**
     * One phase's outcome.
     *
     * @param phase      which phase
     * @param history    its training history
     * @param parameters {@link SKan#activeParameterCount} after the phase's selection
     */
    public record PhaseResult(Phase phase, TrainingHistory history, long parameters) {}

    private SKanTrainer() {}

    /**
     * Trains {@code model} (whose block is an S-KAN, e.g. from {@link SKan#builder()}) through the
     * three phases.
     *
     * @param steps  epochs per phase, in phase order (3 values, each > 0)
     * @param config builds each phase's configuration from the phase and its epoch count
     */
    public static List<PhaseResult> train(Model model, Dataset train, Dataset validation, Shape inputShape,
            int[] steps, BiFunction<Phase, Integer, TrainConfig> config) throws IOException, TranslateException {
        return train(model, train, validation, inputShape, steps, config, r -> { });
    }

    /**
     * As {@link #train(Model, Dataset, Dataset, Shape, int[], BiFunction)}, calling
     * {@code afterPhase} when each phase ends (before the next selection), e.g. to evaluate the
     * model at that point.
     */
    public static List<PhaseResult> train(Model model, Dataset train, Dataset validation, Shape inputShape,
            int[] steps, BiFunction<Phase, Integer, TrainConfig> config, Consumer<PhaseResult> afterPhase)
            throws IOException, TranslateException {
        if (steps.length != 3) {
            throw new IllegalArgumentException("S-KAN trains in 3 phases, got " + steps.length + " step counts");
        }
        List<PhaseResult> results = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            if (phase.keep > 0) {
                SKan.keepTopFamilies(model.getBlock(), phase.keep);
            }
            TrainingHistory h = Harness.fit(model, config.apply(phase, steps[phase.ordinal()]), train, validation,
                    inputShape);
            PhaseResult r = new PhaseResult(phase, h, SKan.activeParameterCount(model.getBlock()));
            afterPhase.accept(r);
            results.add(r);
        }
        return results;
    }
}
