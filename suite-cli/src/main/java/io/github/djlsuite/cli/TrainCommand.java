package io.github.djlsuite.cli;

import com.google.gson.JsonObject;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.Architectures;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.train.Checkpoint;
import io.github.djlsuite.datasets.Tasks;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code suite train <model> --data <dataset>}: trains a named architecture on a dataset through the
 * suite's harness and saves the model ({@link SavedModel}) in the run folder; {@code suite train
 * --list} shows which architectures and datasets fit together.
 */
final class TrainCommand {

    private final SuiteCli cli;

    TrainCommand(SuiteCli cli) {
        this.cli = cli;
    }

    int run(String[] args) throws Exception {
        Options o = SuiteCli.runOptions();
        o.addOption(Option.builder().longOpt("list").desc("the architectures and the datasets each can train on").build());
        o.addOption(Option.builder().longOpt("data-dir").hasArg().argName("dir")
                .desc("data root (default $SUITE_DATA, else ~/.djl-suite/datasets)").build());
        o.addOption(Option.builder().longOpt("set").hasArg().argName("key=value")
                .desc("change one setting of the architecture (repeatable), e.g. --set hidden=512,512").build());
        o.addOption(Option.builder().longOpt("schema").hasArg().argName("file")
                .desc("your own CTR data: --data is then a CSV, or train.csv,valid.csv,test.csv, described by this"
                        + " schema (format: datasets/README.md)").build());
        o.getOption("data").setArgName("dataset");
        o.getOption("data").setDescription("the dataset to train on (suite train --list names them), or CSV file(s)"
                + " with --schema");
        o.getOption("out").setDescription("folder for runs/train-<model>/<timestamp> (default runs)");
        o.getOption("epochs").setDescription("override the architecture's epoch count");
        o.getOption("resume").setDescription("continue an interrupted training run from its checkpoint");
        CommandLine cl = cli.parse("suite train <model> --data <dataset> [options] | suite train --list", o, args);
        if (cl == null) {
            return SuiteCli.OK;
        }
        if (cl.hasOption("list")) {
            SuiteCli.noPositionals(cl, "train --list");
            list(cli.out());
            return SuiteCli.OK;
        }
        if (cl.hasOption("scale")) {
            throw new UsageException("train has no --scale: use --epochs and --set to size a run");
        }
        Architecture arch;
        try {
            arch = Architectures.require(SuiteCli.onePositional(cl, "model (suite train --list names them)"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!cl.hasOption("data")) {
            throw new UsageException("train needs --data <dataset>; datasets: " + String.join(", ", Tasks.names().keySet()));
        }
        Map<String, String> overrides = overrides(cl.getOptionValues("set"));
        Path dataDir = cl.hasOption("data-dir") ? Paths.get(cl.getOptionValue("data-dir")) : null;
        String dataset = cl.getOptionValue("data");
        DataKind kind;
        String known = null;
        if (cl.hasOption("schema")) {
            kind = DataKind.CTR;
        } else {
            known = Tasks.names().keySet().stream().filter(n -> n.equalsIgnoreCase(dataset)).findFirst().orElse(null);
            if (known == null) {
                throw new UsageException("unknown dataset '" + dataset + "'; datasets: "
                        + String.join(", ", Tasks.names().keySet()) + " (or CSV files with --schema)");
            }
            kind = Tasks.names().get(known);
        }
        String shown = known == null ? dataset : known;
        if (!arch.dataKinds().contains(kind)) {
            throw new UsageException(arch.id() + " trains on " + kinds(arch) + ", but " + shown + " is "
                    + kind.description() + "; for " + shown + " use: " + fitting(kind));
        }
        RunContext ctx = cli.context(cl, "train-" + arch.id(), Scale.SMALL, dataDir, Checkpoint.FILE,
                "the checkpoint of an interrupted suite train run");
        PrintStream out = cli.out();
        TaskData data = known != null ? Tasks.load(known, dataDir)
                : Tasks.ctrFiles(Arrays.stream(dataset.split(",")).map(String::trim).map(Paths::get).toList(),
                        Paths.get(cl.getOptionValue("schema")));
        JsonObject config;
        try {
            config = arch.configure(data, overrides);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        data.caveats().forEach(c -> out.println("caveat: " + c));
        out.println("training " + arch.id() + " on " + data.name() + " (" + data.kind().description() + ") on "
                + ctx.backend() + (ctx.resume() ? ", resuming " + ctx.outputDir() : ""));
        JsonObject settings = config.deepCopy();
        settings.remove("layout"); // the data's field layout, stored for rebuilding; too long to print
        out.println("settings: " + settings);
        SavedModel saved = arch.train(ctx, data, config);
        out.println();
        saved.metrics().entrySet().forEach(e -> out.printf(Locale.ROOT, "  %-22s %.4g%n", e.getKey(),
                e.getValue().getAsDouble()));
        out.println("model: " + saved.dir() + " (" + SavedModel.INFO_FILE + " + " + saved.parameters().getFileName() + ")");
        return SuiteCli.OK;
    }

    static Map<String, String> overrides(String[] sets) {
        Map<String, String> map = new LinkedHashMap<>();
        if (sets == null) {
            return map;
        }
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set expects key=value, got '" + s + "'");
            }
            map.put(s.substring(0, eq).trim(), s.substring(eq + 1));
        }
        return map;
    }

    private static String kinds(Architecture arch) {
        return arch.dataKinds().stream().map(DataKind::description).sorted().collect(Collectors.joining(" or "));
    }

    private static String fitting(DataKind kind) {
        List<String> ids = Architectures.all().stream().filter(a -> a.dataKinds().contains(kind)).map(Architecture::id)
                .toList();
        return ids.isEmpty() ? "no architecture yet" : String.join(", ", ids);
    }

    private static void list(PrintStream out) {
        out.println("architectures:");
        for (Architecture a : Architectures.all()) {
            out.printf(Locale.ROOT, "  %-12s %s%n  %-12s datasets: %s%n", a.id(), a.description(), "",
                    Tasks.names().entrySet().stream().filter(e -> a.dataKinds().contains(e.getValue()))
                            .map(Map.Entry::getKey).collect(Collectors.joining(", ")));
        }
        out.println("datasets:");
        for (Map.Entry<String, DataKind> e : Tasks.names().entrySet()) {
            out.printf(Locale.ROOT, "  %-18s %s; models: %s%n", e.getKey(), e.getValue().description(),
                    fitting(e.getValue()));
        }
    }
}
