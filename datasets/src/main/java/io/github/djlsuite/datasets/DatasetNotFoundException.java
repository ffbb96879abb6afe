package io.github.djlsuite.datasets;

import java.io.IOException;

/** A dataset that is not in any data folder; the message names the files expected and every folder searched. */
public class DatasetNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message one sentence for the user */
    public DatasetNotFoundException(String message) {
        super(message);
    }
}
