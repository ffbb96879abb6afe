package io.github.djlsuite.core.report;

import io.github.djlsuite.core.RunContext;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a result was measured: engine and version, device, threads (and glibc malloc settings when set),
 * seed, scale, date, JVM and OS.
 * Every report and every number copied into the docs carries it.
 */
public record Environment(String engine, String engineVersion, String device, int cpus, String threads,
        long seed, String scale, String date, String java, String os) {

    /** Captures the environment of {@code context}'s run, now. */
    public static Environment capture(RunContext context) {
        String engine = context.backend().engineName();
        String threads = engine.equals("PyTorch")
                ? "intra-op " + System.getProperty("ai.djl.pytorch.num_threads", "default")
                        + ", inter-op " + System.getProperty("ai.djl.pytorch.num_interop_threads", "default")
                : "OMP_NUM_THREADS=" + System.getenv().getOrDefault("OMP_NUM_THREADS", "default");
        // the allocator settings bin/suite exports change native training speed severalfold (docs/engines.md)
        for (String v : new String[] {"MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_"}) {
            if (System.getenv(v) != null) {
                threads += ", " + v + "=" + System.getenv(v);
            }
        }
        return new Environment(engine, context.backend().engine().getVersion(),
                context.backend().device().toString(), Runtime.getRuntime().availableProcessors(), threads,
                context.seed(), context.scale().label(),
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    /** One line for a docs table caption. */
    public String summary() {
        return engine + " " + engineVersion + ", " + device + ", " + cpus + " CPUs (" + threads + "), seed " + seed
                + ", scale " + scale + ", " + date.substring(0, Math.min(10, date.length()));
    }
}
