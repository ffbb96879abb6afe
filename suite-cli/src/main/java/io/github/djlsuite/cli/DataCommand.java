package io.github.djlsuite.cli;

import io.github.djlsuite.core.report.Table;
import io.github.djlsuite.datasets.DataRoot;
import io.github.djlsuite.datasets.DatasetManifest;
import io.github.djlsuite.datasets.DatasetNotFoundException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code suite data list} (each dataset, where it was found, its size and checksum status) and
 * {@code suite data verify [name]} (exit 1 when a file is missing or does not match its sha256).
 */
final class DataCommand {

    private final SuiteCli cli;

    DataCommand(SuiteCli cli) {
        this.cli = cli;
    }

    int run(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("list") || args[0].equals("verify") || args[0].startsWith("-"))) {
            throw new UsageException("usage: suite data list | suite data verify [name] (with --data DIR)");
        }
        String sub = args[0].startsWith("-") ? "list" : args[0];
        String[] rest = args[0].startsWith("-") ? args : Arrays.copyOfRange(args, 1, args.length);
        Options o = new Options();
        o.addOption(Option.builder().longOpt("data").hasArg().argName("dir")
                .desc("data root searched first (then $SUITE_DATA, then ~/.djl-suite/datasets)").build());
        CommandLine cl = cli.parse("suite data list | suite data verify [name] [--data DIR]", o, rest);
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
}
