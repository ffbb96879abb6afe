package io.github.djlsuite.core.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process memory as the operating system sees it (native engine memory included). */
public final class Memory {

    private Memory() {}

    /** Peak resident set size of this process in MiB (Linux {@code VmHWM}), or NaN where unknown. */
    public static double peakRssMiB() {
        return statusField("VmHWM:");
    }

    /** Current resident set size of this process in MiB (Linux {@code VmRSS}), or NaN where unknown. */
    public static double rssMiB() {
        return statusField("VmRSS:");
    }

    private static double statusField(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    String[] parts = line.trim().split("\\s+");
                    return Double.parseDouble(parts[1]) / 1024.0; // kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
