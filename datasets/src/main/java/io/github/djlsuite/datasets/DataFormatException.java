package io.github.djlsuite.datasets;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be read as its format says: bad magic number, wrong counts, a truncated
 * stream, an unparsable CSV row, a checksum that does not match. The message names the file and the
 * position (byte offset, record or line) so the user can look; nothing half-loaded is returned.
 */
public class DataFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param file the file, @param position where in it ("byte 16", "line 42", "record 7"), @param problem what is wrong */
    public DataFormatException(Path file, String position, String problem) {
        super(file + " (" + position + "): " + problem);
    }

    /** As above, keeping the low-level cause. */
    public DataFormatException(Path file, String position, String problem, Throwable cause) {
        super(file + " (" + position + "): " + problem, cause);
    }
}
