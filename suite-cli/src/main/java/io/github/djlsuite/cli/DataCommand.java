package io.github.djlsuite.cli;

import io.github.djlsuite.core.report.Table;
import io.github.djlsuite.datasets.DataRoot;
import io.github.djlsuite.datasets.DatasetDownloader;
import io.github.djlsuite.datasets.DatasetManifest;
import io.github.djlsuite.datasets.DatasetNotFoundException;
import io.github.djlsuite.datasets.ctr.PlantedCtrCsv;
import io.github.djlsuite.datasets.synthetic.PlantedCtr;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code suite data list} (each dataset, where it was found, its size and checksum status),
 * {@code suite data verify [name]} (exit 1 when a file is missing or does not match its sha256) and
 * {@code suite data download <name>|--all [--accept-terms]} (rebuild a dataset from its pinned
 * upstream URLs into the first writable data folder, every file checked against its sha256; exit 1
 * when a download fails or the dataset cannot be downloaded, with one sentence on what to do
 * instead; exit 2 for an unknown name or terms not accepted).
 */
final class DataCommand {

    private final SuiteCli cli;

    DataCommand(SuiteCli cli) {
        this.cli = cli;
    }

    private static final String USAGE = "suite data list | suite data verify [name] | suite data download <name>|--all"
            + " [--accept-terms] (with --data DIR) | suite data generate ctr-planted --rows N --out DIR [--seed S]";

    int run(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("list") || args[0].equals("verify") || args[0].equals("download")
                || args[0].equals("generate") || args[0].startsWith("-"))) {
            throw new UsageException("usage: " + USAGE);
        }
        String sub = args[0].startsWith("-") ? "list" : args[0];
        String[] rest = args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        if (sub.equals("download")) {
            return download(rest);
        }
        if (sub.equals("generate")) {
            return generate(rest);
        }
        Options o = new Options();
        o.addOption(Option.builder().longOpt("data").hasArg().argName("dir")
                .desc("data root searched first (then $SUITE_DATA, then ~/.djl-suite/datasets)").build());
        CommandLine cl = cli.parse(USAGE, o, rest);
        if (cl == null) {
            return SuiteCli.OK;
        }
        Path explicit = cl.hasOption("data") ? Paths.get(cl.getOptionValue("data")) : null;
        DatasetManifest m = DatasetManifest.load();
        List<String> names;
        if (sub.equals("verify") && !cl.getArgList().isEmpty()) {
            String name = SuiteCli.onePositional(cl, "dataset name");
            if (!m.names().contains(name)) {
                throw new UsageException("unknown dataset '" + name + "'; known: " + String.join(", ", m.names()));
            }
            names = List.of(name);
        } else {
            SuiteCli.noPositionals(cl, "data " + sub);
            names = m.names();
        }
        Table t = new Table("datasets (searched: " + DataRoot.searchPath(explicit) + ")",
                List.of("dataset", "found in", "MiB", "checksums", "standard split"));
        int bad = 0;
        for (String name : names) {
            DatasetManifest.Dataset d = m.dataset(name);
            String split = (d.caveat() ? "CAVEAT: " : "") + d.split();
            Path dir;
            try {
                dir = DataRoot.locate(name, explicit);
            } catch (DatasetNotFoundException e) {
                t.addRow(name, "not found", 0.0, "-", split);
                if (sub.equals("verify")) {
                    cli.err().println("suite: " + e.getMessage());
                    bad++;
                }
                continue;
            }
            long bytes = 0;
            int failed = 0;
            for (DatasetManifest.Check c : m.verify(name, dir)) {
                bytes += c.entry().bytes();
                if (c.status() != DatasetManifest.Status.OK) {
                    failed++;
                    cli.err().println("suite: " + name + ": " + c.detail());
                }
            }
            bad += failed;
            t.addRow(name, dir.toString(), bytes / 1048576.0,
                    failed == 0 ? "ok (" + m.files(name).size() + " files)" : failed + " bad", split);
        }
        cli.out().print(t.toText());
        if (bad > 0 && sub.equals("verify")) {
            cli.err().println("suite: " + bad + " problem(s); missing data: point --data or SUITE_DATA at a folder"
                    + " holding <dataset>/, or copy it to " + DataRoot.cache());
            return SuiteCli.FAILED;
        }
        return SuiteCli.OK;
    }

    private int download(String[] args) throws Exception {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("data").hasArg().argName("dir")
                .desc("data root searched first and written to (then $SUITE_DATA, then ~/.djl-suite/datasets)").build());
        o.addOption(Option.builder().longOpt("all").desc("every dataset that can be downloaded").build());
        o.addOption(Option.builder().longOpt("accept-terms")
                .desc("accept the dataset's usage terms where it has any (movielens-100k: GroupLens' licence)").build());
        o.addOption(Option.builder().longOpt("mirror").hasArg().argName("url")
                .desc("fetch https://host/path from <url>/host/path instead (a local mirror)").build());
        o.addOption(Option.builder().longOpt("no-progress").desc("no progress bars").build());
        CommandLine cl = cli.parse("suite data download <name> | --all [--data DIR] [--accept-terms]", o, args);
        if (cl == null) {
            return SuiteCli.OK;
        }
        Path explicit = cl.hasOption("data") ? Paths.get(cl.getOptionValue("data")) : null;
        URI mirror = null;
        if (cl.hasOption("mirror")) {
            try {
                mirror = new URI(cl.getOptionValue("mirror"));
            } catch (URISyntaxException e) {
                throw new UsageException("--mirror must be a URL, got '" + cl.getOptionValue("mirror") + "'");
            }
        }
        DatasetDownloader d = new DatasetDownloader(DataRoot.searchPath(explicit), mirror, !cl.hasOption("no-progress"));
        boolean terms = cl.hasOption("accept-terms");
        if (!cl.hasOption("all")) {
            String name = SuiteCli.onePositional(cl, "dataset name (or --all)");
            if (!DatasetDownloader.names().contains(name)) {
                throw new UsageException("unknown dataset '" + name + "'; known: "
                        + String.join(", ", DatasetDownloader.names()));
            }
            DatasetDownloader.Outcome r = d.download(name, terms);
            switch (r.status()) {
                case DOWNLOADED:
                case ALREADY_PRESENT:
                    cli.out().println(r.message());
                    return SuiteCli.OK;
                case TERMS_NOT_ACCEPTED:
                    throw new UsageException(r.message());
                default:
                    cli.err().println("suite: " + r.message());
                    return SuiteCli.FAILED;
            }
        }
        SuiteCli.noPositionals(cl, "data download --all");
        List<String> names = new java.util.ArrayList<>(DatasetManifest.load().names());
        if (terms) {
            names.add(DatasetDownloader.MOVIELENS_100K);
        }
        Table t = new Table("downloads (into " + d.targetRoot() + ")", List.of("dataset", "result", "folder or what to do"));
        boolean failed = false;
        for (String name : names) {
            try {
                DatasetDownloader.Outcome r = d.download(name, terms);
                boolean ok = r.status() == DatasetDownloader.Status.DOWNLOADED
                        || r.status() == DatasetDownloader.Status.ALREADY_PRESENT;
                t.addRow(name, r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        ok ? r.dir().toString() : r.message());
            } catch (IOException e) {
                failed = true;
                cli.err().println("suite: " + name + ": " + SuiteCli.oneLine(e));
                t.addRow(name, "FAILED", SuiteCli.oneLine(e));
            }
        }
        cli.out().print(t.toText());
        return failed ? SuiteCli.FAILED : SuiteCli.OK;
    }

    /**
     * {@code suite data generate ctr-planted --rows N --out DIR [--seed S]}: the planted-interaction CTR
     * logs of the FinalMLP reproduction (12 Zipf fields, two pairwise and one three-way interaction,
     * 20% CTR) as {@code train/valid/test.csv} + {@code schema.json} + {@code ground_truth.json}, so
     * other tools can be compared with ours on identical data.
     */
    private int generate(String[] args) throws Exception {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("rows").hasArg().argName("n").desc("number of rows (default 200000)").build());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("dir").desc("folder to write (must be empty or new)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("s").desc("random seed (default 0)").build());
        CommandLine cl = cli.parse("suite data generate ctr-planted --rows N --out DIR [--seed S]", o, args);
        if (cl == null) {
            return SuiteCli.OK;
        }
        String what = SuiteCli.onePositional(cl, "generator (ctr-planted)");
        if (!what.equals("ctr-planted")) {
            throw new UsageException("unknown generator '" + what + "'; generators: ctr-planted");
        }
        if (!cl.hasOption("out")) {
            throw new UsageException("data generate needs --out DIR");
        }
        long rows = SuiteCli.longOption(cl, "rows", 200_000);
        if (rows < 100 || rows > 50_000_000) {
            throw new UsageException("--rows must be between 100 and 50,000,000, got " + rows);
        }
        long seed = SuiteCli.longOption(cl, "seed", 0);
        Path dir = Paths.get(cl.getOptionValue("out"));
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new UsageException("--out " + dir + " is not empty; choose a new folder");
                }
            }
        }
        PlantedCtr.Logs logs =
                PlantedCtr.finalMlp((int) rows, seed);
        PlantedCtrCsv.Written w =
                PlantedCtrCsv.write(logs, dir, seed);
        cli.out().printf(Locale.ROOT, "wrote %d/%d/%d rows (train/valid/test) to %s: train.csv, valid.csv, test.csv,"
                + " schema.json, ground_truth.json%n", w.train(), w.valid(), w.test(), w.dir());
        return SuiteCli.OK;
    }
}
