package io.github.djlsuite.cli;

import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.Backends;
import io.github.djlsuite.core.Catalog;
import io.github.djlsuite.core.Reproduction;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.report.Report;
import io.github.djlsuite.core.report.Table;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * The {@code suite} command: list and describe papers, reproduce them, benchmark them, show the
 * engines. Exit codes: 0 ok, 1 the run failed, 2 bad usage. Errors are one line; {@code --verbose}
 * adds the stack trace.
 */
public final class SuiteCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String COMMANDS = String.join("\n",
            "commands:",
            "  list [--markdown]            every paper, its family and status",
            "  info <id>                    what a paper is and what its reproduction compares",
            "  reproduce <id> | --all       train the method and its baselines, write a report",
            "  train <model> --data <name>  train a named architecture on a dataset, save the model",
            "  bench <id>                   ms per training step and peak memory on each engine",
            "  engines                      the engines, their versions and devices",
            "  data list | verify [n] | download <n>  the datasets: where found, checksums, caveats; fetch",
            "  zoo publish | list | load    the model zoo: publish trained models, list them, load through Criteria",
            "run 'suite <command> --help' for a command's options");

    private final PrintStream out;
    private final PrintStream err;
    private boolean verbose;

    SuiteCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command and returns its exit code (tests call this directly). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        quietLogging(Arrays.asList(args).contains("--verbose"));
        Backends.prepareProcess();
        return new SuiteCli(out, err).dispatch(args);
    }

    private int dispatch(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        verbose = rest.remove("--verbose");
        try {
            if (rest.isEmpty() || rest.get(0).equals("--help") || rest.get(0).equals("-h")
                    || rest.get(0).equals("help")) {
                out.println("usage: suite [--verbose] <command> [options]\n" + COMMANDS);
                return rest.isEmpty() ? USAGE : OK;
            }
            String command = rest.remove(0);
            String[] tail = rest.toArray(new String[0]);
            switch (command) {
                case "list":
                    return list(tail);
                case "info":
                    return info(tail);
                case "reproduce":
                    return reproduce(tail);
                case "bench":
                    return new BenchCommand(this).run(tail);
                case "engines":
                    return engines(tail);
                case "data":
                    return new DataCommand(this).run(tail);
                case "train":
                    return new TrainCommand(this).run(tail);
                case "zoo":
                    return new ZooCommand(this).run(tail);
                default:
                    throw new UsageException("unknown command '" + command
                            + "'; commands: list, info, reproduce, train, bench, engines, data, zoo (suite --help explains them)");
            }
        } catch (UsageException | ParseException e) {
            err.println("suite: " + e.getMessage());
            return USAGE;
        } catch (Exception | Error e) {
            err.println("suite: " + oneLine(e));
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            return FAILED;
        }
    }

    /** Parses {@code args} against {@code options}; prints help and returns null on --help. */
    CommandLine parse(String usage, Options options, String[] args) throws ParseException {
        options.addOption(Option.builder("h").longOpt("help").desc("show this help").build());
        CommandLine cl = new DefaultParser().parse(options, args);
        if (cl.hasOption("help")) {
            HelpFormatter f = new HelpFormatter();
            PrintWriter w = new PrintWriter(out, true);
            f.printHelp(w, 100, usage, null, options, 2, 2, null);
            w.flush();
            return null;
        }
        return cl;
    }

    private int list(String[] args) throws ParseException {
        Options o = new Options();
        o.addOption(null, "markdown", false, "print the README's Markdown table");
        CommandLine cl = parse("suite list [--markdown]", o, args);
        if (cl == null) {
            return OK;
        }
        noPositionals(cl, "list");
        Catalog catalog = Catalog.load();
        if (cl.hasOption("markdown")) {
            out.print(catalog.markdownTable());
            return OK;
        }
        Table t = new Table(catalog.implemented().size() + " of " + catalog.entries().size()
                + " papers implemented", List.of("id", "family", "status", "title"));
        for (Catalog.Entry e : catalog.entries()) {
            t.addRow(e.id(), e.family(), e.status(), e.title());
        }
        out.print(t.toText());
        return OK;
    }

    private int info(String[] args) throws ParseException {
        CommandLine cl = parse("suite info <id>", new Options(), args);
        if (cl == null) {
            return OK;
        }
        Catalog.Entry e = entry(Catalog.load(), onePositional(cl, "paper id"));
        out.println(e.id() + ": " + e.title());
        out.println("family:  " + e.family());
        out.println("status:  " + e.status());
        if (e.implemented()) {
            Reproduction r = e.reproduction();
            out.println("paper:   " + r.paper().citation());
            out.println("docs:    docs/papers/" + e.id() + "/README.md");
            out.println();
            out.println(r.describe());
            out.println();
            out.println("run:     bin/suite reproduce " + e.id() + " --scale small");
        } else {
            out.println("spec:    ../shared/papers/" + e.id() + ".md (not implemented yet)");
        }
        return OK;
    }

    private int engines(String[] args) throws ParseException {
        CommandLine cl = parse("suite engines", new Options(), args);
        if (cl == null) {
            return OK;
        }
        noPositionals(cl, "engines");
        Backends.describe().forEach(out::println);
        return OK;
    }

    /** Options shared by reproduce and bench. */
    static Options runOptions() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("engine").hasArg().argName("name")
                .desc("PyTorch or MXNet (default: $SUITE_ENGINE, else PyTorch)").build());
        o.addOption(Option.builder().longOpt("device").hasArg().argName("dev")
                .desc("cpu, gpu or gpu:N (default cpu)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("n").desc("random seed (default 42)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("dir")
                .desc("folder for runs/<id>/<timestamp> (default runs)").build());
        o.addOption(Option.builder().longOpt("data").hasArg().argName("dir")
                .desc("data root (default $SUITE_DATA, else ~/.djl-suite/datasets)").build());
        o.addOption(Option.builder().longOpt("scale").hasArg().argName("s")
                .desc("smoke (seconds), small (minutes, default) or paper").build());
        o.addOption(Option.builder().longOpt("epochs").hasArg().argName("n")
                .desc("override the scale's epoch/step budget").build());
        o.addOption(Option.builder().longOpt("no-progress").desc("no progress bars").build());
        o.addOption(Option.builder().longOpt("resume").hasArg().argName("run-dir")
                .desc("continue an interrupted run in runs/<id>/<timestamp> from its checkpoints").build());
        return o;
    }

    /** Builds the run context from parsed {@link #runOptions()}; bad values are usage errors. */
    RunContext context(CommandLine cl, String id, Scale defaultScale) {
        return context(cl, id, defaultScale, cl.hasOption("data") ? Paths.get(cl.getOptionValue("data")) : null,
                "models", "the checkpoints of an earlier run");
    }

    /**
     * Builds a run context; {@code --resume DIR} must hold {@code resumeMarker} (a file or folder that
     * an interrupted run leaves), described as {@code resumeWhat} in the error.
     */
    RunContext context(CommandLine cl, String id, Scale defaultScale, Path dataDir, String resumeMarker,
            String resumeWhat) {
        Backend backend;
        try {
            backend = Backends.resolve(cl.getOptionValue("engine"), cl.getOptionValue("device"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Backends.makeDefault(backend);
        Scale scale;
        try {
            scale = cl.hasOption("scale") ? Scale.parse(cl.getOptionValue("scale")) : defaultScale;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path dir;
        if (cl.hasOption("resume")) {
            dir = Paths.get(cl.getOptionValue("resume"));
            if (!Files.exists(dir.resolve(resumeMarker))) {
                throw new UsageException("--resume " + dir + ": not a run folder (expected " + dir.resolve(resumeMarker)
                        + " with " + resumeWhat + ")");
            }
        } else {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT));
            dir = Paths.get(cl.getOptionValue("out", "runs")).resolve(id).resolve(stamp);
        }
        return RunContext.builder().setBackend(backend)
                .setOutputDir(dir)
                .optResume(cl.hasOption("resume"))
                .optSeed(longOption(cl, "seed", 42))
                .optScale(scale)
                .optEpochs(cl.hasOption("epochs") ? (int) positive(longOption(cl, "epochs", 0), "epochs") : null)
                .optDataDir(dataDir)
                .optProgress(!cl.hasOption("no-progress"))
                .build();
    }

    private int reproduce(String[] args) throws Exception {
        Options o = runOptions();
        o.addOption(Option.builder().longOpt("all").desc("run every implemented reproduction").build());
        CommandLine cl = parse("suite reproduce <id> | --all [options]", o, args);
        if (cl == null) {
            return OK;
        }
        Catalog catalog = Catalog.load();
        if (cl.hasOption("all")) {
            noPositionals(cl, "reproduce --all");
            return reproduceAll(catalog, cl);
        }
        Catalog.Entry entry = implementedEntry(catalog, onePositional(cl, "paper id (or --all)"));
        RunContext ctx = context(cl, entry.id(), Scale.SMALL);
        out.println("reproducing " + entry.id() + " at scale " + ctx.scale().label() + " on " + ctx.backend());
        Report report = entry.reproduction().run(ctx);
        report.write(ctx.outputDir());
        out.println();
        out.print(report.toText());
        out.println("report: " + ctx.outputDir().resolve(Report.MARKDOWN));
        return OK;
    }

    private int reproduceAll(Catalog catalog, CommandLine cl) throws Exception {
        Table summary = new Table("reproductions", List.of("paper", "result", "seconds", "report"));
        boolean failed = false;
        for (Catalog.Entry e : catalog.implemented()) {
            RunContext ctx = context(cl, e.id(), Scale.SMOKE);
            out.println("== " + e.id() + " (" + ctx.scale().label() + ", " + ctx.backend() + ")");
            long start = System.nanoTime();
            try {
                Report report = e.reproduction().run(ctx);
                report.write(ctx.outputDir());
                out.print(report.toText());
                summary.addRow(e.id(), "ok", (System.nanoTime() - start) / 1e9,
                        ctx.outputDir().resolve(Report.MARKDOWN).toString());
            } catch (Exception ex) {
                failed = true;
                err.println("suite: " + e.id() + " failed: " + oneLine(ex));
                if (verbose) {
                    ex.printStackTrace(err);
                }
                summary.addRow(e.id(), "FAILED: " + oneLine(ex), (System.nanoTime() - start) / 1e9, "-");
            }
        }
        out.println();
        out.print(summary.toText());
        return failed ? FAILED : OK;
    }

    /** The catalogue entry for {@code id}; an unknown id is a usage error naming the closest ids. */
    static Catalog.Entry entry(Catalog catalog, String id) {
        try {
            return catalog.require(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Like {@link #entry} and the paper must be implemented. */
    static Catalog.Entry implementedEntry(Catalog catalog, String id) {
        Catalog.Entry e = entry(catalog, id);
        if (!e.implemented()) {
            List<String> done = catalog.implemented().stream().map(Catalog.Entry::id).toList();
            throw new UsageException(e.id() + " is not implemented yet; implemented: "
                    + (done.isEmpty() ? "none" : String.join(", ", done)));
        }
        return e;
    }

    static long longOption(CommandLine cl, String name, long def) {
        if (!cl.hasOption(name)) {
            return def;
        }
        String v = cl.getOptionValue(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be an integer, got '" + v + "'");
        }
    }

    private static long positive(long v, String name) {
        if (v <= 0) {
            throw new UsageException("--" + name + " must be > 0, got " + v);
        }
        return v;
    }

    static String onePositional(CommandLine cl, String what) {
        List<String> a = cl.getArgList();
        if (a.size() != 1) {
            throw new UsageException("expected one " + what + ", got " + (a.isEmpty() ? "none" : a));
        }
        return a.get(0);
    }

    static void noPositionals(CommandLine cl, String command) {
        if (!cl.getArgList().isEmpty()) {
            throw new UsageException(command + " takes no arguments, got " + cl.getArgList());
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        String text = (m == null || m.isBlank()) ? e.getClass().getSimpleName() : m;
        if (e instanceof RuntimeException && e.getCause() != null && (m == null || m.equals(e.getCause().toString()))) {
            return oneLine(e.getCause());
        }
        int nl = text.indexOf('\n');
        return nl >= 0 ? text.substring(0, nl) : text;
    }

    boolean verbose() {
        return verbose;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    private static void quietLogging(boolean verbose) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        }
        // "Failed to detect GPU count" is DJL probing for CUDA on a CPU-only machine: harmless
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", verbose ? "warn" : "off");
    }
}
