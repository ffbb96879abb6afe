/**
 * Metrics for binary prediction tasks as DJL {@link ai.djl.training.evaluator.Evaluator}s:
 * {@link io.github.djlsuite.core.metrics.AucEvaluator} (exact ROC AUC, ties counted ½) and
 * {@link io.github.djlsuite.core.metrics.LogLossEvaluator} (mean binary cross-entropy, clipped).
 * Both accumulate across batches, read one label column of a {@code (B, T)} multi-task layout, and
 * take logits or probabilities. For training use DJL's
 * {@link ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss} on logits: it reshapes the label to the
 * prediction's shape, so it fits {@code (B, T)} labels as is, and it has no scalar multiplication
 * under autograd with the default weight 1.
 */
package io.github.djlsuite.core.metrics;
