/**
 * Verified file transfer: {@link io.github.djlsuite.core.io.Download} fetches one http(s) URL into
 * place only after its checksum (and size, when known) matched. Datasets and the model zoo share it.
 */
package io.github.djlsuite.core.io;
