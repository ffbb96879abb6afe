package io.github.djlsuite.core;

import io.github.djlsuite.core.report.Report;

/**
 * One paper's reproduction: trains the paper's method and its baselines on the same data with the
 * same budget in one run and returns a {@link Report}. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.github.djlsuite.core.Reproduction}.
 */
public interface Reproduction {

    /** The paper id as in the catalogue, e.g. {@code skan}. */
    String id();

    /** The paper being reproduced. */
    Paper paper();

    /** A one-paragraph description of what {@link #run} compares, per scale. */
    String describe();

    /**
     * Runs the reproduction at {@code context.scale()}.
     *
     * @throws Exception when the run fails; the CLI reports it as one line
     */
    Report run(RunContext context) throws Exception;

    /**
     * Measures training speed and memory on {@code context.backend()}; reproductions without a
     * benchmark keep this default.
     *
     * @throws UnsupportedOperationException when the paper has no benchmark
     */
    default Report benchmark(RunContext context) throws Exception {
        throw new UnsupportedOperationException("no benchmark for " + id());
    }
}
