package io.github.djlsuite.datasets.graph;

import io.github.djlsuite.datasets.DataFormatException;
import io.github.djlsuite.datasets.DataRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Reads the gnn-benchmark graphs (Shchur et al. 2018, "Pitfalls of GNN Evaluation"): {@code cora-gnnbench},
 * {@code citeseer-gnnbench}, {@code amazon-computers}, {@code amazon-photo}, {@code coauthor-cs},
 * {@code coauthor-physics}, from the converted CSVs in {@code shared/datasets/<name>/}.
 *
 * <p>Files (gzip CSV, one header line): {@code nodes.csv.gz} {@code id,label,lcc} (one row per node in id
 * order; lcc = 1 for the largest connected component), {@code features.csv.gz} {@code node,feature,value}
 * (non-zeros, sorted), {@code edges.csv.gz} {@code src,dst,fwd,bwd} (each unordered pair once, src ≤ dst,
 * sorted; fwd/bwd record the stored direction), {@code classes.csv.gz} {@code label,name}.
 *
 * <p>The graph is made undirected (fwd/bwd ignored) and <b>self-loops are dropped</b> (citeseer-gnnbench
 * has 124, amazon-photo 1), as gnn-benchmark, PyTorch Geometric and DGL do. Features stay as stored (binary,
 * or integer counts for coauthor-*), sparse ({@link Graph#sparseFeatures()}; coauthor-physics would need
 * 1.16 GB dense, coauthor-cs 0.5 GB, amazon-computers 42 MB); {@link SparseFeatures#binarized()} gives
 * gnn-benchmark's binary bag of words. The {@code lcc} column is checked against the components of the
 * graph. Counts are checked against each README; a mismatch or malformed row is a {@link DataFormatException}
 * naming the file and line.
 *
 * <p>No split is fixed: see {@link Data#split(long)} for the seeded gnn-benchmark protocol.
 */
public final class GnnBenchmark {

    /** The data sets this reader knows. */
    public static final List<String> NAMES = List.of("cora-gnnbench", "citeseer-gnnbench", "amazon-computers",
            "amazon-photo", "coauthor-cs", "coauthor-physics");

    /** Training nodes per class in the gnn-benchmark protocol. */
    public static final int TRAIN_PER_CLASS = 20;
    /** Validation nodes per class in the gnn-benchmark protocol. */
    public static final int VAL_PER_CLASS = 30;

    /** Published counts (README "Counts (checked)"): edge rows include self-loops. */
    record Spec(int nodes, int features, int classes, int nonZeros, int edgeRows, int selfLoops, int lccNodes,
            int[] labelCounts) {}

    static final Map<String, Spec> KNOWN = Map.of(
            "cora-gnnbench", new Spec(2708, 1433, 7, 49216, 5278, 0, 2485,
                    new int[] {298, 418, 818, 426, 217, 180, 351}),
            "citeseer-gnnbench", new Spec(3312, 3703, 6, 105165, 4660, 124, 2110,
                    new int[] {249, 596, 701, 508, 668, 590}),
            "amazon-computers", new Spec(13752, 767, 10, 3675081, 245861, 0, 13381,
                    new int[] {436, 2142, 1414, 542, 5158, 308, 487, 818, 2156, 291}),
            "amazon-photo", new Spec(7650, 745, 8, 1979909, 119082, 1, 7487,
                    new int[] {369, 1686, 703, 915, 882, 823, 1941, 331}),
            "coauthor-cs", new Spec(18333, 6805, 15, 1092079, 81894, 0, 18333,
                    new int[] {708, 462, 2050, 429, 1394, 2193, 371, 924, 775, 118, 1444, 2033, 420, 4136, 876}),
            "coauthor-physics", new Spec(34493, 8415, 5, 1137311, 247962, 0, 34493,
                    new int[] {5750, 5045, 17426, 2753, 3519}));

    private GnnBenchmark() {}

    /**
     * A loaded gnn-benchmark graph.
     *
     * @param graph      undirected, without self-loops, sparse features, labels for every node, empty masks
     * @param classNames class names by label ({@code classes.csv.gz})
     * @param lcc        true for nodes of the largest connected component (N)
     */
    public record Data(Graph graph, List<String> classNames, boolean[] lcc) {

        /** A copy of the largest-component mask. */
        @Override
        public boolean[] lcc() {
            return lcc.clone();
        }

        /** Number of nodes in the largest connected component. */
        public int lccSize() {
            return Graph.indices(lcc).length;
        }

        /**
         * The gnn-benchmark split for {@code seed}: 20 training and 30 validation nodes per class, every other
         * largest-component node test; nodes outside the component are in no split. See
         * {@link GnnBenchmark#split(int[], boolean[], int, int, int, long)} for the exact procedure.
         */
        public Split split(long seed) {
            return GnnBenchmark.split(graph.labels(), lcc, graph.numClasses(), TRAIN_PER_CLASS, VAL_PER_CLASS, seed);
        }

        /** {@link #graph()} with the masks of {@link #split(long)}. */
        public Graph withSplit(long seed) {
            Split s = split(seed);
            return graph.withMasks(s.train(), s.val(), s.test());
        }
    }

    /**
     * Train/val/test masks (N each, disjoint) drawn with {@code seed}.
     *
     * @param train train mask
     * @param val   validation mask
     * @param test  test mask
     * @param seed  the seed that drew them
     */
    public record Split(boolean[] train, boolean[] val, boolean[] test, long seed) {}

    /**
     * Loads {@code name}, locating its folder with {@link DataRoot#locate(String, Path)}.
     *
     * @param dataOption the {@code --data} folder, or null for {@code SUITE_DATA} and the cache
     */
    public static Data load(String name, Path dataOption) throws IOException {
        String key = key(name);
        return load(DataRoot.locate(key, dataOption), key);
    }

    /**
     * Loads {@code name} from {@code dir} and checks its published counts.
     *
     * @throws IllegalArgumentException if the name is not in {@link #NAMES}
     * @throws DataFormatException      if a file is malformed or a count differs from the README
     */
    public static Data load(Path dir, String name) throws IOException {
        String key = key(name);
        Spec spec = KNOWN.get(key);
        Path nodesFile = dir.resolve("nodes.csv.gz");
        int n = spec.nodes();
        int c = spec.classes();
        int[] labels = new int[n];
        boolean[] lcc = new boolean[n];
        int[] lccLine = new int[n];
        try (GraphCsv csv = new GraphCsv(nodesFile, "id,label,lcc")) {
            int i = 0;
            while (csv.next()) {
                if (i == n) {
                    throw csv.error("more than the " + n + " nodes of " + key);
                }
                int id = csv.intField(0);
                if (id != i) {
                    throw csv.error("node id " + id + " out of order; expected " + i);
                }
                labels[i] = csv.index(1, c, "label");
                int l = csv.intField(2);
                if (l != 0 && l != 1) {
                    throw csv.error("lcc must be 0 or 1, got " + l);
                }
                lcc[i] = l == 1;
                lccLine[i] = csv.line();
                i++;
            }
            if (i != n) {
                throw csv.error("file has " + i + " nodes, but " + key + " has " + n);
            }
            int[] counts = new int[c];
            for (int label : labels) {
                counts[label]++;
            }
            if (!Arrays.equals(counts, spec.labelCounts())) {
                throw csv.error("label counts " + Arrays.toString(counts) + " differ from the README's "
                        + Arrays.toString(spec.labelCounts()));
            }
        }

        List<String> classNames = new ArrayList<>();
        try (GraphCsv csv = new GraphCsv(dir.resolve("classes.csv.gz"), "label,name")) {
            while (csv.next()) {
                int label = csv.intField(0);
                if (label != classNames.size() || label >= c) {
                    throw csv.error("label " + label + " out of order or range; expected " + classNames.size()
                            + " of 0.." + (c - 1));
                }
                if (csv.field(1).isBlank()) {
                    throw csv.error("empty class name");
                }
                classNames.add(csv.field(1));
            }
            if (classNames.size() != c) {
                throw csv.error("file has " + classNames.size() + " classes, but " + key + " has " + c);
            }
        }

        SparseFeatures x = GraphCsv.readFeatures(dir.resolve("features.csv.gz"), n, spec.features(), spec.nonZeros());

        int[] src = new int[1024];
        int[] dst = new int[1024];
        int e = 0;
        int loops = 0;
        int rows = 0;
        Path edgesFile = dir.resolve("edges.csv.gz");
        try (GraphCsv csv = new GraphCsv(edgesFile, "src,dst,fwd,bwd")) {
            long previous = -1;
            while (csv.next()) {
                int s = csv.index(0, n, "src node id");
                int d = csv.index(1, n, "dst node id");
                int fwd = csv.intField(2);
                int bwd = csv.intField(3);
                if (s > d) {
                    throw csv.error("edge (" + s + "," + d + ") must have src <= dst");
                }
                long k = ((long) s << 32) | d;
                if (k <= previous) {
                    throw csv.error("edge (" + s + "," + d + ") is a duplicate or out of sorted order");
                }
                previous = k;
                if ((fwd != 0 && fwd != 1) || (bwd != 0 && bwd != 1) || fwd + bwd == 0 || (s == d && fwd + bwd != 2)) {
                    throw csv.error("fwd,bwd = " + fwd + "," + bwd + " is not a stored direction (0/1, not both 0;"
                            + " 1,1 for a self-loop)");
                }
                rows++;
                if (s == d) {
                    loops++;
                    continue;
                }
                src = GraphCsv.grow(src, e);
                dst = GraphCsv.grow(dst, e);
                src[e] = s;
                dst[e] = d;
                e++;
            }
            if (rows != spec.edgeRows() || loops != spec.selfLoops()) {
                throw csv.error("file has " + rows + " edge rows with " + loops + " self-loops, but " + key + " has "
                        + spec.edgeRows() + " with " + spec.selfLoops());
            }
        }
        src = Arrays.copyOf(src, e);
        dst = Arrays.copyOf(dst, e);

        // the lcc column must be exactly the largest connected component
        boolean[] largest = largestComponent(n, src, dst);
        for (int i = 0; i < n; i++) {
            if (largest[i] != lcc[i]) {
                throw new DataFormatException(nodesFile, "line " + lccLine[i], "node " + i + " has lcc = "
                        + (lcc[i] ? 1 : 0) + " but is " + (largest[i] ? "" : "not ") + "in the largest connected "
                        + "component of " + edgesFile.getFileName());
            }
        }
        int lccSize = Graph.indices(lcc).length;
        if (lccSize != spec.lccNodes()) {
            throw new DataFormatException(nodesFile, "line " + (n + 1), "largest component has " + lccSize
                    + " nodes, but " + key + "'s has " + spec.lccNodes());
        }

        Graph g = Graph.builder(key, n, spec.features(), c).setSparseFeatures(x).setLabels(labels)
                .setEdges(src, dst).build();
        return new Data(g, List.copyOf(classNames), lcc);
    }

    /**
     * The gnn-benchmark split, seeded and identical on every machine: {@code rnd = new java.util.Random(seed)};
     * for each class {@code 0 … C−1} in order, the eligible nodes of that class in increasing id order are
     * shuffled by Fisher–Yates ({@code for i = m−1 … 1: j = rnd.nextInt(i + 1); swap(i, j)}); the first
     * {@code trainPerClass} go to train, the next {@code valPerClass} to validation, the rest to test.
     * Ineligible nodes (outside the largest component) are in no split. (gnn-benchmark itself uses NumPy's
     * {@code RandomState}, so the node sets differ from its, but the protocol is the same.)
     *
     * @param labels   labels (N), every eligible node labelled
     * @param eligible nodes that may be drawn (N), e.g. the largest connected component
     * @throws IllegalArgumentException if a class has fewer than {@code trainPerClass + valPerClass} eligible nodes
     */
    public static Split split(int[] labels, boolean[] eligible, int numClasses, int trainPerClass, int valPerClass,
            long seed) {
        int n = labels.length;
        if (eligible.length != n || trainPerClass < 0 || valPerClass < 0) {
            throw new IllegalArgumentException("labels and eligible must have the same length; counts >= 0");
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < numClasses; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            if (eligible[i]) {
                if (labels[i] < 0 || labels[i] >= numClasses) {
                    throw new IllegalArgumentException("eligible node " + i + " has label " + labels[i]);
                }
                byClass.get(labels[i]).add(i);
            }
        }
        Random rnd = new Random(seed);
        boolean[] train = new boolean[n];
        boolean[] val = new boolean[n];
        boolean[] test = new boolean[n];
        for (int k = 0; k < numClasses; k++) {
            int[] nodes = byClass.get(k).stream().mapToInt(Integer::intValue).toArray();
            if (nodes.length < trainPerClass + valPerClass) {
                throw new IllegalArgumentException("class " + k + " has " + nodes.length + " eligible nodes, fewer than "
                        + trainPerClass + " + " + valPerClass);
            }
            for (int i = nodes.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = nodes[i];
                nodes[i] = nodes[j];
                nodes[j] = t;
            }
            for (int i = 0; i < nodes.length; i++) {
                if (i < trainPerClass) {
                    train[nodes[i]] = true;
                } else if (i < trainPerClass + valPerClass) {
                    val[nodes[i]] = true;
                } else {
                    test[nodes[i]] = true;
                }
            }
        }
        return new Split(train, val, test, seed);
    }

    /** Membership of the largest connected component (ties: the one holding the smallest node id). */
    static boolean[] largestComponent(int n, int[] src, int[] dst) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int e = 0; e < src.length; e++) {
            int a = find(parent, src[e]);
            int b = find(parent, dst[e]);
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            size[find(parent, i)]++;
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (size[i] > size[best]) {
                best = i;
            }
        }
        boolean[] in = new boolean[n];
        for (int i = 0; i < n; i++) {
            in[i] = find(parent, i) == best;
        }
        return in;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static String key(String name) {
        String key = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        if (!KNOWN.containsKey(key)) {
            throw new IllegalArgumentException("unknown gnn-benchmark data set '" + name + "'; known: " + NAMES);
        }
        return key;
    }
}
