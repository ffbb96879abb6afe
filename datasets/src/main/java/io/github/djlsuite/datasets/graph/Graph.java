package io.github.djlsuite.datasets.graph;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable, undirected, node-labelled graph with dense node features and a train/val/test split.
 *
 * <p>Shapes: features (N, F) float32 row-major (node i's feature j at {@code i * F + j}); labels (N),
 * class id 0 … C−1 or −1 for "no label"; edges as two parallel arrays {@code src}, {@code dst} of length
 * E, each undirected edge exactly once with {@code src <= dst} (a self-loop has {@code src == dst});
 * masks (N) for train/val/test, pairwise disjoint, every masked node labelled.
 *
 * <p>Build one with {@link #builder(String, int, int, int)}. Accessors return copies, except
 * {@link #featureBuffer()}, a read-only view without copying.
 *
 * <p><b>Sparse features.</b> A graph may instead hold its features as a {@link SparseFeatures} (CSR,
 * {@link Builder#setSparseFeatures}); the gnn-benchmark graphs do, because coauthor-physics' dense matrix would
 * need 1.16 GB. Then {@link #hasDenseFeatures()} is false, {@link #sparseFeatures()} returns the matrix without
 * copying, and {@link #features()}/{@link #featureBuffer()} build the dense (N, F) array on each call
 * ({@code 4·N·F} bytes), refusing more than {@link SparseFeatures#MAX_DENSE_ENTRIES} entries.
 */
public final class Graph {

    /** Largest N×N that {@link #toDenseAdjacency(boolean)} builds (2^27 floats = 512 MiB). */
    public static final long MAX_DENSE_ENTRIES = 1L << 27;

    private final String name;
    private final int numNodes;
    private final int numFeatures;
    private final int numClasses;
    private final float[] features; // null when sparse != null
    private final SparseFeatures sparse;
    private final int[] labels;
    private final int[] src;
    private final int[] dst;
    private final boolean[] trainMask;
    private final boolean[] valMask;
    private final boolean[] testMask;
    private final boolean[] hasFeatures;
    private final String caveat;

    private Graph(Builder b) {
        name = Objects.requireNonNull(b.name, "name");
        numNodes = b.numNodes;
        numFeatures = b.numFeatures;
        numClasses = b.numClasses;
        if (numNodes < 0 || numFeatures < 0 || numClasses < 1) {
            throw new IllegalArgumentException(name + ": need numNodes >= 0, numFeatures >= 0, numClasses >= 1, got "
                    + numNodes + ", " + numFeatures + ", " + numClasses);
        }
        long fl = (long) numNodes * numFeatures;
        if (b.sparse != null) {
            check(b.features == null, "set either dense or sparse features, not both");
            check(b.sparse.numRows() == numNodes && b.sparse.numCols() == numFeatures, "sparse features are "
                    + b.sparse.numRows() + "x" + b.sparse.numCols() + ", expected " + numNodes + "x" + numFeatures);
            sparse = b.sparse;
            features = null;
        } else {
            sparse = null;
            features = b.features == null ? new float[Math.toIntExact(fl)] : b.features.clone();
            check(features.length == fl, "features has " + features.length + " values, expected N*F = " + fl);
        }
        labels = b.labels == null ? filled(numNodes, -1) : b.labels.clone();
        check(labels.length == numNodes, "labels has length " + labels.length + ", expected " + numNodes);
        for (int i = 0; i < numNodes; i++) {
            check(labels[i] >= -1 && labels[i] < numClasses, "label " + labels[i] + " of node " + i
                    + " is not -1 or 0.." + (numClasses - 1));
        }
        src = b.src == null ? new int[0] : b.src.clone();
        dst = b.dst == null ? new int[0] : b.dst.clone();
        check(src.length == dst.length, "src has " + src.length + " entries but dst has " + dst.length);
        Set<Long> seen = new HashSet<>(src.length * 2);
        for (int e = 0; e < src.length; e++) {
            check(src[e] >= 0 && src[e] < numNodes && dst[e] >= 0 && dst[e] < numNodes,
                    "edge " + e + " (" + src[e] + "," + dst[e] + ") has a node id outside 0.." + (numNodes - 1));
            check(src[e] <= dst[e], "edge " + e + " (" + src[e] + "," + dst[e] + ") must have src <= dst");
            check(seen.add(((long) src[e] << 32) | dst[e]), "edge " + e + " (" + src[e] + "," + dst[e]
                    + ") appears twice");
        }
        trainMask = mask(b.trainMask, "trainMask");
        valMask = mask(b.valMask, "valMask");
        testMask = mask(b.testMask, "testMask");
        hasFeatures = b.hasFeatures == null ? filled(numNodes) : mask(b.hasFeatures, "hasFeatures");
        for (int i = 0; i < numNodes; i++) {
            int in = (trainMask[i] ? 1 : 0) + (valMask[i] ? 1 : 0) + (testMask[i] ? 1 : 0);
            check(in <= 1, "node " + i + " is in more than one of train/val/test");
            check(in == 0 || labels[i] >= 0, "node " + i + " is in a split but has no label");
        }
        caveat = b.caveat == null || b.caveat.isBlank() ? null : b.caveat;
    }

    /**
     * Starts a graph with N nodes, F features and C classes; everything else defaults to empty
     * (no edges, all-zero features, labels −1, empty masks, every node marked as having features).
     */
    public static Builder builder(String name, int numNodes, int numFeatures, int numClasses) {
        return new Builder(name, numNodes, numFeatures, numClasses);
    }

    /** The data set's name, e.g. {@code "cora"}. */
    public String name() {
        return name;
    }

    /** Number of nodes N. */
    public int numNodes() {
        return numNodes;
    }

    /** Number of features per node F. */
    public int numFeatures() {
        return numFeatures;
    }

    /** Number of classes C; labels are 0 … C−1. */
    public int numClasses() {
        return numClasses;
    }

    /**
     * A copy of the features, (N, F) row-major; for a sparse graph a new dense array.
     *
     * @throws IllegalStateException for sparse features with more than {@link SparseFeatures#MAX_DENSE_ENTRIES} entries
     */
    public float[] features() {
        return features == null ? sparse.toDense() : features.clone();
    }

    /**
     * The features (N, F) row-major as a read-only buffer, without copying dense features (sparse ones are
     * densified, see {@link #features()}).
     */
    public FloatBuffer featureBuffer() {
        return FloatBuffer.wrap(features == null ? sparse.toDense() : features).asReadOnlyBuffer();
    }

    /** Feature {@code f} of node {@code node}. */
    public float feature(int node, int f) {
        Objects.checkIndex(node, numNodes);
        Objects.checkIndex(f, numFeatures);
        return features == null ? sparse.get(node, f) : features[node * numFeatures + f];
    }

    /** True if the features are stored dense (N, F), false if as {@link SparseFeatures}. */
    public boolean hasDenseFeatures() {
        return features != null;
    }

    /**
     * The features as CSR: the stored matrix for a sparse graph (immutable, not copied), else built from the
     * dense array ({@code O(N·F)} time).
     */
    public SparseFeatures sparseFeatures() {
        return sparse != null ? sparse : SparseFeatures.fromDense(features, numNodes, numFeatures);
    }

    /**
     * This graph with other train/val/test masks (everything else shared or copied; sparse features are shared).
     *
     * @throws IllegalArgumentException if the masks overlap, have the wrong length or mark an unlabelled node
     */
    public Graph withMasks(boolean[] train, boolean[] val, boolean[] test) {
        Builder b = builder(name, numNodes, numFeatures, numClasses).setLabels(labels).setEdges(src, dst)
                .setMasks(train, val, test).optHasFeatures(hasFeatures).optCaveat(caveat);
        if (sparse != null) {
            b.setSparseFeatures(sparse);
        } else {
            b.setFeatures(features);
        }
        return b.build();
    }

    /** A copy of the labels (N); −1 means the node has no label. */
    public int[] labels() {
        return labels.clone();
    }

    /** Edge sources (E), each undirected edge once, {@code src[e] <= dst[e]}. */
    public int[] src() {
        return src.clone();
    }

    /** Edge destinations (E), parallel to {@link #src()}. */
    public int[] dst() {
        return dst.clone();
    }

    /** Number of undirected edges E (self-loops included, each counted once). */
    public int edgeCount() {
        return src.length;
    }

    /** Number of self-loops ({@code src == dst}). */
    public int selfLoopCount() {
        int n = 0;
        for (int e = 0; e < src.length; e++) {
            if (src[e] == dst[e]) {
                n++;
            }
        }
        return n;
    }

    /** A copy of the training mask (N). */
    public boolean[] trainMask() {
        return trainMask.clone();
    }

    /** A copy of the validation mask (N). */
    public boolean[] valMask() {
        return valMask.clone();
    }

    /** A copy of the test mask (N). */
    public boolean[] testMask() {
        return testMask.clone();
    }

    /** A copy of the has-features mask (N): false where the source has no feature row (features then all zero). */
    public boolean[] hasFeatures() {
        return hasFeatures.clone();
    }

    /** Number of nodes whose features exist in the source (N unless the data set is incomplete). */
    public int nodesWithFeatures() {
        int n = 0;
        for (boolean b : hasFeatures) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** A warning about the data that a user must read (e.g. PubMed's missing features), if any. */
    public Optional<String> caveat() {
        return Optional.ofNullable(caveat);
    }

    /**
     * Degree of every node (N): each edge adds 1 to both ends, and a self-loop adds 2 to its node
     * (the graph-theory convention), so the degrees sum to {@code 2 * edgeCount()}.
     */
    public int[] degree() {
        int[] d = new int[numNodes];
        for (int e = 0; e < src.length; e++) {
            d[src[e]]++;
            d[dst[e]]++;
        }
        return d;
    }

    /**
     * The symmetric 0/1 adjacency matrix (N, N) row-major: {@code A[s][d] = A[d][s] = 1} for every edge,
     * and {@code A[i][i] = 1} for a self-loop in the data.
     *
     * @param selfLoops if true, also set {@code A[i][i] = 1} for every node (existing loops stay 1, not 2,
     *                  like PyG's {@code add_remaining_self_loops}; Kipf's {@code A + I} would give 2 there)
     * @throws IllegalStateException if N×N exceeds {@link #MAX_DENSE_ENTRIES} (PubMed does): use the edge list
     */
    public float[] toDenseAdjacency(boolean selfLoops) {
        long entries = (long) numNodes * numNodes;
        if (entries > MAX_DENSE_ENTRIES) {
            throw new IllegalStateException(name + ": a dense " + numNodes + "x" + numNodes + " adjacency has "
                    + entries + " entries, more than " + MAX_DENSE_ENTRIES + "; use src()/dst() instead");
        }
        float[] a = new float[(int) entries];
        for (int e = 0; e < src.length; e++) {
            a[src[e] * numNodes + dst[e]] = 1f;
            a[dst[e] * numNodes + src[e]] = 1f;
        }
        if (selfLoops) {
            for (int i = 0; i < numNodes; i++) {
                a[i * numNodes + i] = 1f;
            }
        }
        return a;
    }

    /** Node ids where {@code mask} is true, ascending. */
    public static int[] indices(boolean[] mask) {
        int[] out = new int[mask.length];
        int n = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public String toString() {
        return "Graph[" + name + ": " + numNodes + " nodes, " + numFeatures + " features, " + numClasses
                + " classes, " + edgeCount() + " undirected edges" + (caveat == null ? "" : ", caveat") + "]";
    }

    private boolean[] mask(boolean[] m, String what) {
        if (m == null) {
            return new boolean[numNodes];
        }
        check(m.length == numNodes, what + " has length " + m.length + ", expected " + numNodes);
        return m.clone();
    }

    private void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(name + ": " + problem);
        }
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    private static boolean[] filled(int n) {
        boolean[] a = new boolean[n];
        Arrays.fill(a, true);
        return a;
    }

    /** Collects the parts of a {@link Graph}; {@link #build()} copies and validates them. */
    public static final class Builder {
        private final String name;
        private final int numNodes;
        private final int numFeatures;
        private final int numClasses;
        private float[] features;
        private SparseFeatures sparse;
        private int[] labels;
        private int[] src;
        private int[] dst;
        private boolean[] trainMask;
        private boolean[] valMask;
        private boolean[] testMask;
        private boolean[] hasFeatures;
        private String caveat;

        private Builder(String name, int numNodes, int numFeatures, int numClasses) {
            this.name = name;
            this.numNodes = numNodes;
            this.numFeatures = numFeatures;
            this.numClasses = numClasses;
        }

        /** Dense features (N, F) row-major; default all zero. */
        public Builder setFeatures(float[] features) {
            this.features = features;
            return this;
        }

        /** Features as CSR (N rows, F columns) instead of dense; immutable, so kept without copying. */
        public Builder setSparseFeatures(SparseFeatures sparse) {
            this.sparse = sparse;
            return this;
        }

        /** Labels (N), −1 for none; default all −1. */
        public Builder setLabels(int[] labels) {
            this.labels = labels;
            return this;
        }

        /** Undirected edges, once each with {@code src[e] <= dst[e]}; default none. */
        public Builder setEdges(int[] src, int[] dst) {
            this.src = src;
            this.dst = dst;
            return this;
        }

        /** Train/val/test masks (N each, disjoint, only labelled nodes); default empty. */
        public Builder setMasks(boolean[] train, boolean[] val, boolean[] test) {
            this.trainMask = train;
            this.valMask = val;
            this.testMask = test;
            return this;
        }

        /** Which nodes have a feature row in the source (N); default all. */
        public Builder optHasFeatures(boolean[] hasFeatures) {
            this.hasFeatures = hasFeatures;
            return this;
        }

        /** A warning users must read (see {@link Graph#caveat()}); default none. */
        public Builder optCaveat(String caveat) {
            this.caveat = caveat;
            return this;
        }

        /**
         * Copies the arrays and checks every invariant.
         *
         * @throws IllegalArgumentException naming the first broken invariant
         */
        public Graph build() {
            return new Graph(this);
        }
    }
}
