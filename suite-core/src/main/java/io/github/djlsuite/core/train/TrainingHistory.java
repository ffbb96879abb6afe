package io.github.djlsuite.core.train;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link Harness#fit}: every epoch's record and why training ended.
 *
 * @param epochs     one record per epoch trained (including epochs restored from a checkpoint)
 * @param stopReason null when the budget was used up, else the early-stopping reason
 * @param resumedFrom the epoch training resumed at, or -1 for a fresh run
 */
public record TrainingHistory(List<EpochRecord> epochs, String stopReason, int resumedFrom) {

    /** The last epoch's record. */
    public EpochRecord last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch was trained");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The last finite validation loss, if any epoch validated. */
    public Optional<Double> lastValidationLoss() {
        for (int i = epochs.size() - 1; i >= 0; i--) {
            if (Double.isFinite(epochs.get(i).validationLoss())) {
                return Optional.of(epochs.get(i).validationLoss());
            }
        }
        return Optional.empty();
    }
}
