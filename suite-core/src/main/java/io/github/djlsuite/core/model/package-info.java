/**
 * Named architectures that the CLI ({@code suite train}) and the model zoo know by id.
 *
 * <p>An {@link io.github.djlsuite.core.model.Architecture} (found with {@code ServiceLoader}) turns a
 * JSON configuration (its builder's arguments) into a Block, says which {@link
 * io.github.djlsuite.core.model.DataKind}s it trains on, and trains itself through the suite's
 * harness. A trained model is a folder written by {@link io.github.djlsuite.core.model.SavedModel}:
 * parameters in DJL's {@code .params} format plus {@code model.json} (architecture, configuration,
 * dataset, input/output description, metrics, environment).
 */
package io.github.djlsuite.core.model;
