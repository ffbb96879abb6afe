package io.github.djlsuite.datasets.graph;

import io.github.djlsuite.datasets.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the Planetoid citation graphs (Cora, CiteSeer, PubMed) from the CSV files in
 * {@code shared/datasets/<name>/} into a {@link Graph}, with the standard Planetoid/GCN split.
 *
 * <p>Files (gzip CSV, one header line, {@code \n} line ends, no quoting):
 * <ul>
 *   <li>{@code nodes.csv.gz}: {@code id,label,split,has_features}, one row per node in id order;
 *       label −1 = none; split is {@code train}, {@code val}, {@code test} or {@code unlabeled} (→ masks).</li>
 *   <li>{@code features.csv.gz}: {@code node,feature,value}, one row per non-zero entry, sorted by
 *       (node, feature); absent entries are 0.</li>
 *   <li>{@code edges.csv.gz}: {@code src,dst}, each undirected edge once with {@code src <= dst}, sorted.</li>
 * </ul>
 *
 * <p>Every problem (wrong header, wrong column count, unparsable value, id out of range, rows out of
 * order or duplicated, inconsistent {@code has_features}/label/split, corrupt gzip, and for the three
 * known data sets counts that differ from the published ones) is a {@link DataFormatException} naming
 * the file and line (the header is line 1). A missing file is a {@link java.nio.file.NoSuchFileException}.
 *
 * <p><b>Caveats.</b> PubMed is incomplete: {@code ind.pubmed.allx} was unavailable, so only 1,060 nodes
 * (the 60 train and 1,000 test nodes) have features; the 500 validation nodes and all unlabelled nodes
 * have all-zero features. Labels, split and graph are complete, but GCN's PubMed numbers cannot be
 * reproduced; {@link Graph#caveat()} says so and {@link Graph#nodesWithFeatures()} returns 1,060.
 * CiteSeer has 15 nodes without features or label (label −1, in no split), and 124 self-loops.
 */
public final class Planetoid {

    /** Published facts of a known data set, used to check that a file was not cut short. */
    private record Spec(int nodes, int features, int classes, int nonZeros, int edges, String caveat) {}

    private static final String PUBMED_CAVEAT = "PubMed is incomplete: ind.pubmed.allx is missing, so only 1,060 of "
            + "19,717 nodes (the 60 train and 1,000 test nodes) have features; validation and unlabelled nodes have "
            + "all-zero features. GCN's PubMed results cannot be reproduced with this copy.";

    private static final Map<String, Spec> KNOWN = Map.of(
            "cora", new Spec(2708, 1433, 7, 49216, 5278, null),
            "citeseer", new Spec(3327, 3703, 6, 105165, 4676, null),
            "pubmed", new Spec(19717, 500, 3, 52959, 44327, PUBMED_CAVEAT));

    private static final String NODES = "nodes.csv.gz";
    private static final String FEATURES = "features.csv.gz";
    private static final String EDGES = "edges.csv.gz";

    private Planetoid() {}

    /**
     * Loads one of the three Planetoid data sets and checks its published sizes.
     *
     * @param dir  the folder holding {@code nodes.csv.gz}, {@code features.csv.gz}, {@code edges.csv.gz}
     * @param name {@code "cora"}, {@code "citeseer"} or {@code "pubmed"} (case-insensitive)
     * @return the graph: Cora 2708 nodes × 1433 features, 7 classes; CiteSeer 3327 × 3703, 6; PubMed 19717 × 500, 3
     * @throws IllegalArgumentException if the name is not one of the three
     * @throws DataFormatException      if a file is malformed or its counts differ from the published ones
     * @throws IOException              if a file is missing or unreadable
     */
    public static Graph load(Path dir, String name) throws IOException {
        String key = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        Spec spec = KNOWN.get(key);
        if (spec == null) {
            throw new IllegalArgumentException("unknown Planetoid data set '" + name + "'; known: cora, citeseer, "
                    + "pubmed (use load(dir, name, numFeatures, numClasses) for other data in this format)");
        }
        return read(dir, key, spec.features(), spec.classes(), spec);
    }

    /**
     * Loads any graph in the Planetoid CSV format, without published sizes to check against.
     *
     * @param dir         the folder holding the three CSV files
     * @param name        the name given to the graph
     * @param numFeatures F; feature indices must be 0 … F−1
     * @param numClasses  C; labels must be −1 or 0 … C−1
     * @throws DataFormatException if a file is malformed
     * @throws IOException         if a file is missing or unreadable
     */
    public static Graph load(Path dir, String name, int numFeatures, int numClasses) throws IOException {
        if (numFeatures < 0 || numClasses < 1) {
            throw new IllegalArgumentException("need numFeatures >= 0 and numClasses >= 1");
        }
        return read(dir, name, numFeatures, numClasses, null);
    }

    private static Graph read(Path dir, String name, int numFeatures, int numClasses, Spec spec) throws IOException {
        Path nodesFile = dir.resolve(NODES);
        Path featuresFile = dir.resolve(FEATURES);
        Path edgesFile = dir.resolve(EDGES);

        // nodes
        int[] labels = new int[1024];
        byte[] split = new byte[1024]; // 0 unlabeled, 1 train, 2 val, 3 test
        boolean[] has = new boolean[1024];
        int n = 0;
        try (GraphCsv csv = new GraphCsv(nodesFile, "id,label,split,has_features")) {
            while (csv.next()) {
                int id = csv.intField(0);
                if (id != n) {
                    throw csv.error("node id " + id + " out of order; expected " + n + " (one row per node in id order)");
                }
                int label = csv.intField(1);
                if (label < -1 || label >= numClasses) {
                    throw csv.error("label " + label + " is not -1 or 0.." + (numClasses - 1));
                }
                byte s = switch (csv.field(2)) {
                    case "unlabeled" -> 0;
                    case "train" -> 1;
                    case "val" -> 2;
                    case "test" -> 3;
                    default -> throw csv.error("split '" + csv.field(2) + "' is not train, val, test or unlabeled");
                };
                if (s != 0 && label < 0) {
                    throw csv.error("node " + id + " is in split " + csv.field(2) + " but has label -1");
                }
                int hf = csv.intField(3);
                if (hf != 0 && hf != 1) {
                    throw csv.error("has_features must be 0 or 1, got " + hf);
                }
                if (n == labels.length) {
                    labels = Arrays.copyOf(labels, 2 * n);
                    split = Arrays.copyOf(split, 2 * n);
                    has = Arrays.copyOf(has, 2 * n);
                }
                labels[n] = label;
                split[n] = s;
                has[n] = hf == 1;
                n++;
            }
            if (spec != null && n != spec.nodes()) {
                throw csv.error("file has " + n + " nodes, but " + name + " has " + spec.nodes());
            }
        }
        labels = Arrays.copyOf(labels, n);
        has = Arrays.copyOf(has, n);
        boolean[] train = new boolean[n];
        boolean[] val = new boolean[n];
        boolean[] test = new boolean[n];
        for (int i = 0; i < n; i++) {
            train[i] = split[i] == 1;
            val[i] = split[i] == 2;
            test[i] = split[i] == 3;
        }

        // features
        long cells = (long) n * numFeatures;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new DataFormatException(nodesFile, "line " + (n + 1), n + " nodes x " + numFeatures
                    + " features do not fit one dense array");
        }
        float[] features = new float[(int) cells];
        int nonZeros = 0;
        try (GraphCsv csv = new GraphCsv(featuresFile, "node,feature,value")) {
            long previous = -1;
            while (csv.next()) {
                int node = csv.intField(0);
                int f = csv.intField(1);
                if (node < 0 || node >= n) {
                    throw csv.error("node id " + node + " out of range 0.." + (n - 1) + " (" + NODES + " has " + n + ")");
                }
                if (f < 0 || f >= numFeatures) {
                    throw csv.error("feature index " + f + " out of range 0.." + (numFeatures - 1));
                }
                long key = (long) node * numFeatures + f;
                if (key <= previous) {
                    throw csv.error("row (" + node + "," + f + ") is a duplicate or out of (node, feature) order");
                }
                previous = key;
                if (!has[node]) {
                    throw csv.error("node " + node + " has a feature row but has_features = 0 in " + NODES);
                }
                float v = csv.floatField(2);
                if (!Float.isFinite(v) || v == 0f) {
                    throw csv.error("value " + csv.field(2) + " is not a finite non-zero number");
                }
                features[(int) key] = v;
                nonZeros++;
            }
            if (spec != null && nonZeros != spec.nonZeros()) {
                throw csv.error("file has " + nonZeros + " non-zero entries, but " + name + " has " + spec.nonZeros());
            }
        }

        // edges
        int[] src = new int[1024];
        int[] dst = new int[1024];
        int e = 0;
        try (GraphCsv csv = new GraphCsv(edgesFile, "src,dst")) {
            long previous = -1;
            while (csv.next()) {
                int s = csv.intField(0);
                int d = csv.intField(1);
                if (s < 0 || s >= n || d < 0 || d >= n) {
                    throw csv.error("edge (" + s + "," + d + ") has a node id out of range 0.." + (n - 1)
                            + " (" + NODES + " has " + n + ")");
                }
                if (s > d) {
                    throw csv.error("edge (" + s + "," + d + ") must have src <= dst");
                }
                long key = ((long) s << 32) | d;
                if (key <= previous) {
                    throw csv.error("edge (" + s + "," + d + ") is a duplicate or out of sorted order");
                }
                previous = key;
                if (e == src.length) {
                    src = Arrays.copyOf(src, 2 * e);
                    dst = Arrays.copyOf(dst, 2 * e);
                }
                src[e] = s;
                dst[e] = d;
                e++;
            }
            if (spec != null && e != spec.edges()) {
                throw csv.error("file has " + e + " edges, but " + name + " has " + spec.edges());
            }
        }

        return Graph.builder(name, n, numFeatures, numClasses)
                .setFeatures(features)
                .setLabels(labels)
                .setEdges(Arrays.copyOf(src, e), Arrays.copyOf(dst, e))
                .setMasks(train, val, test)
                .optHasFeatures(has)
                .optCaveat(spec == null ? null : spec.caveat())
                .build();
    }
}
