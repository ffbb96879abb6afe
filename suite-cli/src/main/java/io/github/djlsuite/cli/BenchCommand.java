package io.github.djlsuite.cli;

import io.github.djlsuite.core.Backends;
import io.github.djlsuite.core.Catalog;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.report.Report;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code suite bench <id>}: the paper's benchmark. Without {@code --engine} each engine runs in its
 * own child JVM, so the peak memory it reports belongs to that engine alone.
 */
final class BenchCommand {

    private final SuiteCli cli;

    BenchCommand(SuiteCli cli) {
        this.cli = cli;
    }

    int run(String[] args) throws Exception {
        Options o = SuiteCli.runOptions();
        CommandLine cl = cli.parse("suite bench <id> [--engine name] [options]", o, args);
        if (cl == null) {
            return SuiteCli.OK;
        }
        Catalog.Entry entry = SuiteCli.implementedEntry(Catalog.load(), SuiteCli.onePositional(cl, "paper id"));
        if (!cl.hasOption("engine")) {
            return forEachEngine(args);
        }
        RunContext ctx = cli.context(cl, entry.id(), Scale.SMALL);
        Path dir = ctx.outputDir().resolveSibling(ctx.outputDir().getFileName() + "-bench-" + ctx.backend().engineName());
        RunContext benchCtx = RunContext.builder().setBackend(ctx.backend()).setOutputDir(dir).optSeed(ctx.seed())
                .optScale(ctx.scale()).optEpochs(ctx.epochsOverride().isPresent()
                        ? ctx.epochsOverride().getAsInt() : null)
                .optDataDir(ctx.dataDir()).optProgress(ctx.progress()).build();
        cli.out().println("benchmarking " + entry.id() + " on " + ctx.backend());
        Report report = entry.reproduction().benchmark(benchCtx);
        report.write(dir);
        cli.out().print(report.toText());
        cli.out().println("report: " + dir.resolve(Report.MARKDOWN));
        return SuiteCli.OK;
    }

    private int forEachEngine(String[] args) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        int worst = SuiteCli.OK;
        for (String engine : Backends.SUPPORTED) {
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
            for (String key : List.of("ai.djl.offline", "ai.djl.pytorch.num_interop_threads",
                    "ai.djl.pytorch.num_threads")) {
                if (System.getProperty(key) != null) {
                    cmd.add("-D" + key + "=" + System.getProperty(key));
                }
            }
            cmd.add(SuiteCli.class.getName());
            if (cli.verbose()) {
                cmd.add("--verbose");
            }
            cmd.add("bench");
            cmd.addAll(List.of(args));
            cmd.addAll(List.of("--engine", engine));
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            int code = p.waitFor();
            worst = Math.max(worst, code);
        }
        return worst;
    }
}
