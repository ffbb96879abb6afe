package io.github.djlsuite.core.train;

import java.util.Map;

/**
 * One epoch's numbers, as written to {@code metrics.csv}.
 *
 * @param epoch          0-based epoch index
 * @param trainLoss      mean training loss over the epoch
 * @param validationLoss mean validation loss, NaN when the epoch did not validate
 * @param metrics        evaluator values keyed {@code train_<name>} and {@code validate_<name>}
 * @param learningRate   the learning rate at the epoch's last step
 * @param seconds        wall time of the epoch's training
 * @param samplesPerSecond training throughput
 */
public record EpochRecord(int epoch, double trainLoss, double validationLoss, Map<String, Double> metrics,
        double learningRate, double seconds, double samplesPerSecond) {}
