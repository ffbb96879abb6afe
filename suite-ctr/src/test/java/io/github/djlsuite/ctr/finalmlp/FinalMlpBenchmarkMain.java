package io.github.djlsuite.ctr.finalmlp;

import io.github.djlsuite.core.Backends;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.report.Report;
import java.nio.file.Files;

/**
 * Runs {@link FinalMlpBenchmark} once, outside the test suite (not a JUnit class):
 * {@code java -cp <test classpath> io.github.djlsuite.ctr.finalmlp.FinalMlpBenchmarkMain [engine] [smoke|small]}.
 */
public final class FinalMlpBenchmarkMain {

    private FinalMlpBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        Backends.prepareProcess();
        String engine = args.length > 0 ? args[0] : "PyTorch";
        Scale scale = args.length > 1 && args[1].equals("smoke") ? Scale.SMOKE : Scale.SMALL;
        RunContext ctx = RunContext.builder().setBackend(Backends.resolve(engine, "cpu"))
                .setOutputDir(Files.createTempDirectory("finalmlp-bench")).optScale(scale).optProgress(false).build();
        Report report = new FinalMlpReproduction().benchmark(ctx);
        System.out.println(report.toText());
    }
}
