package io.github.djlsuite.core;

import java.util.Arrays;
import java.util.Locale;

/** How big a reproduction runs. */
public enum Scale {
    /** Seconds: what the tests run. */
    SMOKE,
    /** Minutes on a 2-core CPU: what the docs' tables come from. */
    SMALL,
    /** The paper's own protocol, for real hardware. */
    PAPER;

    /** Parses {@code smoke|small|paper}, case-insensitive. */
    public static Scale parse(String text) {
        for (Scale s : values()) {
            if (s.name().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scale '" + text + "': choose one of "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }

    /** Lower-case name as written on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
