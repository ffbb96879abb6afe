package io.github.djlsuite.core.zoo;

import java.io.IOException;

/**
 * A model-zoo operation that failed for a reason the user must see: a repository that cannot be
 * read, a {@code metadata.json} that is malformed (the message names the file and field), an
 * artifact whose size or sha256 does not match its metadata (the message names the artifact,
 * version, file, expected and actual digest), or a publish over an existing version.
 *
 * <p>It is an {@link IOException}, so DJL's {@code Criteria.loadModel()} passes it through unchanged
 * rather than folding it into a generic "model not found".
 */
public class ZooException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the whole message, naming what failed and where */
    public ZooException(String message) {
        super(message);
    }

    /** @param message the whole message, @param cause what went wrong underneath */
    public ZooException(String message, Throwable cause) {
        super(message, cause);
    }
}
