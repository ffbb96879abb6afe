package io.github.djlsuite.cli;

import ai.djl.modality.Classifications;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.util.ProgressBar;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.Backend;
import io.github.djlsuite.core.Backends;
import io.github.djlsuite.core.RunContext;
import io.github.djlsuite.core.Scale;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.Architectures;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.datasets.graph.Graph;
import io.github.djlsuite.graph.NodePredictions;
import io.github.djlsuite.core.model.TokenData;
import io.github.djlsuite.core.model.SavedModel;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.model.VectorData;
import io.github.djlsuite.core.report.Table;
import io.github.djlsuite.core.train.Checkpoint;
import io.github.djlsuite.core.zoo.SuiteModelZoo;
import io.github.djlsuite.core.zoo.ZooException;
import io.github.djlsuite.core.zoo.ZooMetadata;
import io.github.djlsuite.core.zoo.ZooRepository;
import io.github.djlsuite.ctr.CtrRow;
import io.github.djlsuite.datasets.Tasks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code suite zoo publish|list|load}: puts trained models into a repository in DJL's layout
 * ({@link ZooRepository}), shows what a repository holds, and loads a model back through DJL's
 * {@code Criteria} to run one prediction.
 * <ul>
 *   <li>{@code suite zoo publish --from <saved-model-dir> [--zoo DIR] [--version V]}</li>
 *   <li>{@code suite zoo publish <architecture> [--data D] [--epochs N] [--zoo DIR] [--version V]}: trains
 *       on the architecture's default dataset (or {@code --data}) as {@code suite train} does, then publishes</li>
 *   <li>{@code suite zoo list [--zoo DIR|URL]}</li>
 *   <li>{@code suite zoo load <id> [--version V] [--zoo DIR|URL] [--engine E]}</li>
 * </ul>
 * The repository: {@code --zoo}, else {@code SUITE_ZOO}, else {@code ~/.djl-suite/zoo}.
 */
final class ZooCommand {

    private static final String USAGE = "suite zoo publish --from <model-dir> | publish <model> [--data D] | list | load <id>";

    private final SuiteCli cli;

    ZooCommand(SuiteCli cli) {
        this.cli = cli;
    }

    int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            cli.out().println("usage: " + USAGE + "\n"
                    + "  publish --from DIR      publish a model saved by suite train (--zoo DIR, --version V)\n"
                    + "  publish <model>         train <model> on its default dataset (or --data), then publish\n"
                    + "  list                    artifacts, versions, dataset and key metric (--zoo DIR|URL)\n"
                    + "  load <id>               load through DJL Criteria and predict one sample (--version, --engine)\n"
                    + "repository: --zoo DIR|URL, else $SUITE_ZOO, else ~/.djl-suite/zoo;"
                    + " 'suite zoo <sub> --help' lists a subcommand's options");
            if (args.length == 0) {
                throw new UsageException("zoo needs a subcommand: publish, list or load");
            }
            return SuiteCli.OK;
        }
        String[] tail = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "publish" -> publish(tail);
            case "list" -> list(tail);
            case "load" -> load(tail);
            default -> throw new UsageException("unknown zoo subcommand '" + args[0] + "'; use publish, list or load");
        };
    }

    private static Option zooOption() {
        return Option.builder().longOpt("zoo").hasArg().argName("dir|url")
                .desc("the repository: a folder or http(s) URL (default $SUITE_ZOO, else ~/.djl-suite/zoo)").build();
    }

    private static ZooRepository repository(CommandLine cl) {
        try {
            return cl.hasOption("zoo") ? ZooRepository.of(cl.getOptionValue("zoo")) : ZooRepository.fromEnvironment();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--zoo: " + e.getMessage());
        }
    }

    private static Architecture architecture(String id) {
        try {
            return Architectures.require(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int publish(String[] args) throws Exception {
        Options o = SuiteCli.runOptions();
        o.addOption(zooOption());
        o.addOption(Option.builder().longOpt("from").hasArg().argName("dir")
                .desc("a model folder written by suite train (model.json + .params)").build());
        o.addOption(Option.builder().longOpt("version").hasArg().argName("v")
                .desc("version to publish, e.g. 1.0.0 (default: the next patch version; 0.1.0 first)").build());
        o.addOption(Option.builder().longOpt("data-dir").hasArg().argName("dir")
                .desc("data root (default $SUITE_DATA, else ~/.djl-suite/datasets)").build());
        o.getOption("data").setArgName("dataset");
        o.getOption("data").setDescription("dataset to train on (default: the architecture's default)");
        o.getOption("out").setDescription("folder for runs/train-<model>/<timestamp> (default runs)");
        o.getOption("epochs").setDescription("override the architecture's epoch count");
        CommandLine cl = cli.parse("suite zoo publish --from <dir> | <model> [options]", o, args);
        if (cl == null) {
            return SuiteCli.OK;
        }
        ZooRepository repo = repository(cl);
        if (repo.isRemote()) {
            throw new UsageException("--zoo " + repo + ": publishing needs a folder; serve that folder over http(s)");
        }
        PrintStream out = cli.out();
        SavedModel saved;
        if (cl.hasOption("from")) {
            if (!cl.getArgList().isEmpty()) {
                throw new UsageException("publish takes --from <dir> or a model id, not both (got " + cl.getArgList() + ")");
            }
            for (String train : List.of("data", "epochs", "resume", "engine", "scale", "data-dir")) {
                if (cl.hasOption(train)) {
                    throw new UsageException("--" + train + " trains a new model; with --from the saved model is published as is");
                }
            }
            saved = SavedModel.read(Paths.get(cl.getOptionValue("from")));
        } else {
            saved = train(cl, architecture(SuiteCli.onePositional(cl, "model id (or --from <dir>)")));
        }
        ZooMetadata.Entry v = repo.publish(saved, cl.getOptionValue("version"));
        out.println("published " + saved.architecture() + " " + v.version() + " (" + v.property("dataset") + ", "
                + ZooRepository.keyMetric(v) + ") to " + repo);
        for (ZooMetadata.FileEntry f : v.files()) {
            out.printf(Locale.ROOT, "  %-10s %-24s %,9d bytes  sha256 %s%n", f.key(), f.uri(), f.size(), f.sha256());
        }
        out.println("load it with: suite zoo load " + saved.architecture() + " --version " + v.version() + " --zoo " + repo);
        return SuiteCli.OK;
    }

    /** Trains as {@code suite train} does, on the architecture's default dataset unless --data names one. */
    private SavedModel train(CommandLine cl, Architecture arch) throws Exception {
        if (cl.hasOption("scale")) {
            throw new UsageException("zoo publish has no --scale: use --epochs to size the run");
        }
        String dataset = cl.hasOption("data") ? cl.getOptionValue("data") : arch.defaultDataset();
        if (dataset == null) {
            throw new UsageException(arch.id() + " has no default dataset; name one with --data (suite train --list)");
        }
        String known = Tasks.names().keySet().stream().filter(n -> n.equalsIgnoreCase(dataset)).findFirst().orElse(null);
        if (known == null) {
            throw new UsageException("unknown dataset '" + dataset + "'; datasets: " + String.join(", ", Tasks.names().keySet()));
        }
        DataKind kind = Tasks.names().get(known);
        if (!arch.dataKinds().contains(kind)) {
            throw new UsageException(arch.id() + " does not train on " + known + " (" + kind.description() + ")");
        }
        Path dataDir = cl.hasOption("data-dir") ? Paths.get(cl.getOptionValue("data-dir")) : null;
        RunContext ctx = cli.context(cl, "train-" + arch.id(), Scale.SMALL, dataDir, Checkpoint.FILE,
                "the checkpoint of an interrupted suite train run");
        TaskData data = Tasks.load(known, dataDir);
        JsonObject config = arch.configure(data, Map.of());
        data.caveats().forEach(c -> cli.out().println("caveat: " + c));
        cli.out().println("training " + arch.id() + " on " + data.name() + " on " + ctx.backend() + " into "
                + ctx.outputDir());
        return arch.train(ctx, data, config);
    }

    private int list(String[] args) throws Exception {
        Options o = new Options();
        o.addOption(zooOption());
        CommandLine cl = cli.parse("suite zoo list [--zoo DIR|URL]", o, args);
        if (cl == null) {
            return SuiteCli.OK;
        }
        SuiteCli.noPositionals(cl, "zoo list");
        ZooRepository repo = repository(cl);
        List<ZooMetadata> all = repo.list();
        if (all.isEmpty()) {
            cli.out().println("no models in " + repo + " (publish one with: suite zoo publish <model> --zoo " + repo + ")");
            return SuiteCli.OK;
        }
        Table t = new Table("models in " + repo, List.of("artifact", "version", "dataset", "key metric", "trained on",
                "published"));
        for (ZooMetadata m : all) {
            for (ZooMetadata.Entry v : m.versions()) {
                t.addRow(m.artifactId(), v.version(), v.property("dataset"), ZooRepository.keyMetric(v),
                        v.property("trainedOn"), v.property("published"));
            }
        }
        cli.out().print(t.toText());
        return SuiteCli.OK;
    }

    private int load(String[] args) throws Exception {
        Options o = new Options();
        o.addOption(zooOption());
        o.addOption(Option.builder().longOpt("version").hasArg().argName("v").desc("version (default: the newest)").build());
        o.addOption(Option.builder().longOpt("engine").hasArg().argName("name")
                .desc("PyTorch or MXNet (default: $SUITE_ENGINE, else PyTorch)").build());
        o.addOption(Option.builder().longOpt("data-dir").hasArg().argName("dir")
                .desc("data root for the sample (default $SUITE_DATA, else ~/.djl-suite/datasets)").build());
        o.addOption(Option.builder().longOpt("no-progress").desc("no progress bar while downloading").build());
        CommandLine cl = cli.parse("suite zoo load <id> [--version V] [--zoo DIR|URL] [--engine E]", o, args);
        if (cl == null) {
            return SuiteCli.OK;
        }
        Architecture arch = architecture(SuiteCli.onePositional(cl, "model id"));
        ZooRepository repo = repository(cl);
        Backend backend;
        try {
            backend = Backends.resolve(cl.getOptionValue("engine"), null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String version = cl.getOptionValue("version");
        ZooMetadata meta = repo.metadata(arch.id()).orElseThrow(() -> new ZooException(repo + " has no " + arch.id()
                + " (suite zoo list --zoo " + repo + " shows what it has)"));
        ZooMetadata.Entry entry = version == null ? meta.versions().get(meta.versions().size() - 1)
                : meta.version(version).orElseThrow(() -> new ZooException(repo + " has no " + arch.id() + " " + version
                        + "; versions: " + meta.versions().stream().map(ZooMetadata.Entry::version).toList()));
        if (DataKind.CTR.name().equals(entry.property("kind"))) {
            return loadCtr(cl, arch, repo, backend, entry);
        }
        if (DataKind.TOKENS.name().equals(entry.property("kind"))) {
            return loadTokens(cl, arch, repo, backend, entry);
        }
        if (DataKind.GRAPH.name().equals(entry.property("kind"))) {
            return loadGraph(cl, arch, repo, backend, entry);
        }
        if (!DataKind.VECTORS.name().equals(entry.property("kind"))) {
            throw new ZooException(arch.id() + " " + entry.version() + " was trained on " + entry.property("kind")
                    + " data; the suite has no translator for that kind yet (docs/zoo.md)");
        }
        Criteria.Builder<float[], Classifications> b = Criteria.builder().setTypes(float[].class, Classifications.class)
                .optModelZoo(new SuiteModelZoo(repo)).optGroupId(ZooRepository.GROUP_ID).optArtifactId(arch.id())
                .optEngine(backend.engineName()).optFilter("version", entry.version());
        if (!cl.hasOption("no-progress")) {
            b.optProgress(new ProgressBar());
        }
        Path dataDir = cl.hasOption("data-dir") ? Paths.get(cl.getOptionValue("data-dir")) : null;
        PrintStream out = cli.out();
        try (ZooModel<float[], Classifications> model = b.build().loadModel();
                Predictor<float[], Classifications> predictor = model.newPredictor()) {
            out.println("loaded " + arch.id() + " " + entry.version() + " (" + entry.property("dataset") + ", "
                    + ZooRepository.keyMetric(entry) + ") on " + backend + " from " + repo);
            String shape = entry.property("inputShape");
            int inputs = Integer.parseInt(shape.substring(shape.lastIndexOf(',') + 1));
            float[] x = new float[inputs];
            String what = "zeros of the stored input shape (" + shape + ")";
            String dataset = entry.property("dataset");
            if (dataset != null && Tasks.names().containsKey(dataset)) {
                try {
                    VectorData v = Tasks.load(dataset, dataDir).payload(VectorData.class, arch.id());
                    if (v.inputs() == inputs && v.size(VectorData.Part.TEST) > 0) {
                        x = v.rawTestExample(0);
                        what = dataset + " test example 0 (label " + v.classNames().get(v.testY()[0]) + ")"
                                + (v.standardised() ? ", raw features " + raw(x) : "");
                    }
                } catch (IOException | IllegalArgumentException e) {
                    what += "; " + dataset + " is not available here: " + SuiteCli.oneLine(e);
                }
            } else if (dataset != null) {
                what += "; dataset " + dataset + " is not one suite train knows";
            }
            Classifications c = predictor.predict(x);
            out.println("sample: " + what);
            out.println("prediction: " + c.topK(Math.min(5, c.getClassNames().size())).stream()
                    .map(i -> String.format(Locale.ROOT, "%s %.4f", i.getClassName(), i.getProbability()))
                    .collect(Collectors.joining(", ")));
        } catch (ModelNotFoundException e) {
            Throwable t = e;
            while (t.getCause() != null) {
                t = t.getCause();
            }
            throw new ZooException(t.getMessage(), e);
        }
        return SuiteCli.OK;
    }

    /**
     * A CTR model: loaded through {@code Criteria<CtrRow, float[]>} with its published encoder, and asked
     * for the click probability of a row whose fields are all missing (the encoder maps them to PAD), the
     * one row that exists for every schema.
     */
    private int loadCtr(CommandLine cl, Architecture arch, ZooRepository repo, Backend backend,
            ZooMetadata.Entry entry) throws Exception {
        Criteria.Builder<CtrRow, float[]> b = Criteria.builder().setTypes(CtrRow.class, float[].class)
                .optModelZoo(new SuiteModelZoo(repo)).optGroupId(ZooRepository.GROUP_ID).optArtifactId(arch.id())
                .optEngine(backend.engineName()).optFilter("version", entry.version());
        if (!cl.hasOption("no-progress")) {
            b.optProgress(new ProgressBar());
        }
        try (ZooModel<CtrRow, float[]> model = b.build().loadModel();
                Predictor<CtrRow, float[]> predictor = model.newPredictor()) {
            cli.out().println("loaded " + arch.id() + " " + entry.version() + " (" + entry.property("dataset") + ", "
                    + ZooRepository.keyMetric(entry) + ") on " + backend + " from " + repo);
            float[] p = predictor.predict(CtrRow.of(java.util.Map.of()));
            cli.out().println("sample: a row with every field missing");
            cli.out().println("prediction: click probability per label " + Arrays.toString(p));
        }
        return SuiteCli.OK;
    }

    /** A token model: loaded through {@code Criteria<int[], Classifications>}, asked about test row 0 of its dataset. */
    private int loadTokens(CommandLine cl, Architecture arch, ZooRepository repo, Backend backend,
            ZooMetadata.Entry entry) throws Exception {
        String dataset = entry.property("dataset");
        Path dataDir = cl.hasOption("data-dir") ? Paths.get(cl.getOptionValue("data-dir")) : null;
        TokenData tokens = Tasks.load(dataset, dataDir).payload(TokenData.class, arch.id());
        int[] row = tokens.ids(TokenData.Part.TEST);
        int length = 0;
        while (length < tokens.maxLength() && row[length] != TokenData.PAD) {
            length++;
        }
        int[] ids = Arrays.copyOf(row, length);
        Criteria.Builder<int[], Classifications> b = Criteria.builder().setTypes(int[].class, Classifications.class)
                .optModelZoo(new SuiteModelZoo(repo)).optGroupId(ZooRepository.GROUP_ID).optArtifactId(arch.id())
                .optEngine(backend.engineName()).optFilter("version", entry.version());
        if (!cl.hasOption("no-progress")) {
            b.optProgress(new ProgressBar());
        }
        try (ZooModel<int[], Classifications> model = b.build().loadModel();
                Predictor<int[], Classifications> predictor = model.newPredictor()) {
            cli.out().println("loaded " + arch.id() + " " + entry.version() + " (" + dataset + ", "
                    + ZooRepository.keyMetric(entry) + ") on " + backend + " from " + repo);
            Classifications c = predictor.predict(ids);
            cli.out().println("sample: " + dataset + " test example 0 (" + length + " tokens, label "
                    + tokens.classNames().get(tokens.labels(TokenData.Part.TEST)[0]) + ")");
            cli.out().println("prediction: " + c.topK(Math.min(5, c.getClassNames().size())).stream()
                    .map(i -> String.format(Locale.ROOT, "%s %.4f", i.getClassName(), i.getProbability()))
                    .collect(Collectors.joining(", ")));
        }
        return SuiteCli.OK;
    }

    /**
     * A node classifier: loaded through {@code Criteria<Graph, NodePredictions>}, asked about its training
     * graph (the dataset named in its metadata): node 0's class probabilities and the accuracy of the served
     * predictions on the graph's test nodes.
     */
    private int loadGraph(CommandLine cl, Architecture arch, ZooRepository repo, Backend backend,
            ZooMetadata.Entry entry) throws Exception {
        String dataset = entry.property("dataset");
        Path dataDir = cl.hasOption("data-dir") ? Paths.get(cl.getOptionValue("data-dir")) : null;
        Graph graph = Tasks.load(dataset, dataDir).payload(Graph.class, arch.id());
        Criteria.Builder<Graph, NodePredictions> b = Criteria.builder().setTypes(Graph.class, NodePredictions.class)
                .optModelZoo(new SuiteModelZoo(repo)).optGroupId(ZooRepository.GROUP_ID).optArtifactId(arch.id())
                .optEngine(backend.engineName()).optFilter("version", entry.version());
        if (!cl.hasOption("no-progress")) {
            b.optProgress(new ProgressBar());
        }
        try (ZooModel<Graph, NodePredictions> model = b.build().loadModel();
                Predictor<Graph, NodePredictions> predictor = model.newPredictor()) {
            cli.out().println("loaded " + arch.id() + " " + entry.version() + " (" + dataset + ", "
                    + ZooRepository.keyMetric(entry) + ") on " + backend + " from " + repo);
            NodePredictions p = predictor.predict(graph);
            int[] labels = graph.labels();
            int[] test = Graph.indices(graph.testMask());
            int right = 0;
            for (int node : test) {
                right += p.argmax(node) == labels[node] ? 1 : 0;
            }
            Classifications c = p.classifications(0);
            cli.out().println("sample: " + dataset + " (" + graph.numNodes() + " nodes), node 0 (label " + labels[0]
                    + ")");
            cli.out().println("prediction: " + c.topK(Math.min(5, c.getClassNames().size())).stream()
                    .map(i -> String.format(Locale.ROOT, "%s %.4f", i.getClassName(), i.getProbability()))
                    .collect(Collectors.joining(", ")));
            cli.out().printf(Locale.ROOT, "served test accuracy: %.4f (%d of %d test nodes)%n",
                    test.length == 0 ? Double.NaN : (double) right / test.length, right, test.length);
        }
        return SuiteCli.OK;
    }

    /** Features as printed: 4 significant digits, so a stored 1.4 that went through float standardisation reads 1.4. */
    private static String raw(float[] x) {
        return "[" + IntStream.range(0, x.length).mapToObj(i -> String.format(Locale.ROOT, "%.4g", x[i])
                .replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "")).collect(Collectors.joining(", ")) + "]";
    }
}
