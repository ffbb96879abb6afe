package io.github.djlsuite.core.io;

import java.io.IOException;
import java.net.URI;

/**
 * A {@link Download} that failed: bad HTTP status, a broken or stalled transfer, a size or checksum
 * that does not match. The message names the URL, the expected checksum and size, and what was
 * actually received; when this is thrown nothing is left at the target path and no temporary file
 * remains.
 */
public class DownloadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final URI url;

    /** @param url the URL fetched, @param message the whole message (it already names the URL) */
    public DownloadException(URI url, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
    }

    /** The URL that failed. */
    public URI url() {
        return url;
    }
}
