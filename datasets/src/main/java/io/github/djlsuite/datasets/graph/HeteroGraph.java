package io.github.djlsuite.datasets.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable heterogeneous graph: typed nodes (ids {@code 0 … count−1} per type, optional sparse features),
 * typed relations (edge lists between two node types), and one <i>target</i> type with labels and named
 * train/val/test splits (HeCo's {@code split_20}, {@code split_40}, {@code split_60}).
 *
 * <p>Meta-path adjacency: for a node-type sequence {@code T0, T1, …, Tk} (e.g. paper, author, paper),
 * {@link #metaPath(String...)} returns the (n_T0, n_Tk) matrix {@code M = R(T0,T1) · R(T1,T2) ⋯ R(Tk−1,Tk)}
 * where {@code R(a,b)} is the 0/1 relation matrix between consecutive types (a relation stored the other
 * way round is transposed). {@code M[i][j]} counts the meta-path instances from i to j: for PAP, the number of
 * authors papers i and j share; the diagonal is included (use {@link Adjacency#withoutDiagonal()}).
 * The result is sparse (CSR); {@link Adjacency#toDense()} is for small types only.
 */
public final class HeteroGraph {

    /**
     * A node type.
     *
     * @param name     e.g. "paper"
     * @param count    number of nodes of this type
     * @param features (count, F) features, or null when the source has none (HeCo then uses identity)
     */
    public record NodeType(String name, int count, SparseFeatures features) {
        /** The features, if the source has any. */
        public Optional<SparseFeatures> optFeatures() {
            return Optional.ofNullable(features);
        }
    }

    /**
     * A relation: directed edges {@code src[e] → dst[e]} from {@code srcType} to {@code dstType}, each pair once.
     *
     * @param name    e.g. "paper-author"
     * @param srcType source node type
     * @param dstType destination node type
     * @param src     source ids (E)
     * @param dst     destination ids (E)
     */
    public record Relation(String name, String srcType, String dstType, int[] src, int[] dst) {
        /** Number of edges E. */
        public int edgeCount() {
            return src.length;
        }

        /** A copy of the source ids. */
        @Override
        public int[] src() {
            return src.clone();
        }

        /** A copy of the destination ids. */
        @Override
        public int[] dst() {
            return dst.clone();
        }
    }

    /**
     * A split of the target type's nodes (masks of length n_target, disjoint, only labelled nodes).
     *
     * @param train train mask
     * @param val   validation mask
     * @param test  test mask
     */
    public record Split(boolean[] train, boolean[] val, boolean[] test) {}

    /**
     * A sparse (rows, cols) matrix in CSR form with float entries (path counts), columns increasing per row.
     *
     * @param rows   number of rows
     * @param cols   number of columns
     * @param rowPtr row pointers (rows + 1)
     * @param colIdx column indices (nnz)
     * @param values entries (nnz)
     */
    public record Adjacency(int rows, int cols, int[] rowPtr, int[] colIdx, float[] values) {

        /** Number of stored (non-zero) entries. */
        public int nnz() {
            return colIdx.length;
        }

        /** M[i][j], 0 if not stored. */
        public float get(int i, int j) {
            Objects.checkIndex(i, rows);
            int k = Arrays.binarySearch(colIdx, rowPtr[i], rowPtr[i + 1], j);
            return k >= 0 ? values[k] : 0f;
        }

        /** Row index of every stored entry (nnz), parallel to {@link #colIdx()}: the edge list's sources. */
        public int[] edgeSources() {
            int[] s = new int[nnz()];
            for (int i = 0; i < rows; i++) {
                Arrays.fill(s, rowPtr[i], rowPtr[i + 1], i);
            }
            return s;
        }

        /** The same matrix without its diagonal (i == j) entries. */
        public Adjacency withoutDiagonal() {
            int[] ptr = new int[rows + 1];
            int[] col = new int[nnz()];
            float[] val = new float[nnz()];
            int k = 0;
            for (int i = 0; i < rows; i++) {
                for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                    if (colIdx[p] != i) {
                        col[k] = colIdx[p];
                        val[k++] = values[p];
                    }
                }
                ptr[i + 1] = k;
            }
            return new Adjacency(rows, cols, ptr, Arrays.copyOf(col, k), Arrays.copyOf(val, k));
        }

        /**
         * The dense (rows, cols) row-major matrix.
         *
         * @throws IllegalStateException above {@link Graph#MAX_DENSE_ENTRIES} entries
         */
        public float[] toDense() {
            long cells = (long) rows * cols;
            if (cells > Graph.MAX_DENSE_ENTRIES) {
                throw new IllegalStateException("a dense " + rows + "x" + cols + " meta-path matrix has more than "
                        + Graph.MAX_DENSE_ENTRIES + " entries; use the CSR arrays");
            }
            float[] d = new float[(int) cells];
            for (int i = 0; i < rows; i++) {
                for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                    d[i * cols + colIdx[p]] = values[p];
                }
            }
            return d;
        }

        /** The product this · other (sparse × sparse, Gustavson's algorithm with a dense accumulator row). */
        public Adjacency times(Adjacency other) {
            if (cols != other.rows) {
                throw new IllegalArgumentException("cannot multiply " + rows + "x" + cols + " by " + other.rows + "x"
                        + other.cols);
            }
            double[] acc = new double[other.cols];
            boolean[] used = new boolean[other.cols];
            int[] touched = new int[other.cols];
            int[] ptr = new int[rows + 1];
            int[] col = new int[16];
            float[] val = new float[16];
            int k = 0;
            for (int i = 0; i < rows; i++) {
                int t = 0;
                for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                    int mid = colIdx[p];
                    double a = values[p];
                    for (int q = other.rowPtr[mid]; q < other.rowPtr[mid + 1]; q++) {
                        int j = other.colIdx[q];
                        if (!used[j]) {
                            used[j] = true;
                            touched[t++] = j;
                        }
                        acc[j] += a * other.values[q];
                    }
                }
                Arrays.sort(touched, 0, t);
                for (int x = 0; x < t; x++) {
                    int j = touched[x];
                    if (acc[j] != 0) {
                        col = GraphCsv.grow(col, k);
                        val = GraphCsv.grow(val, k);
                        col[k] = j;
                        val[k++] = (float) acc[j];
                    }
                    acc[j] = 0;
                    used[j] = false;
                }
                ptr[i + 1] = k;
            }
            return new Adjacency(rows, other.cols, ptr, Arrays.copyOf(col, k), Arrays.copyOf(val, k));
        }

        /** The transpose (cols, rows). */
        public Adjacency transpose() {
            int[] ptr = new int[cols + 1];
            for (int c : colIdx) {
                ptr[c + 1]++;
            }
            for (int j = 0; j < cols; j++) {
                ptr[j + 1] += ptr[j];
            }
            int[] next = Arrays.copyOf(ptr, cols);
            int[] col = new int[nnz()];
            float[] val = new float[nnz()];
            for (int i = 0; i < rows; i++) { // rows ascending, so columns of the transpose come out sorted
                for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                    int at = next[colIdx[p]]++;
                    col[at] = i;
                    val[at] = values[p];
                }
            }
            return new Adjacency(cols, rows, ptr, col, val);
        }

        /** The 0/1 matrix of an edge list (duplicates rejected). */
        public static Adjacency fromEdges(int rows, int cols, int[] src, int[] dst) {
            int[] ptr = new int[rows + 1];
            for (int s : src) {
                ptr[s + 1]++;
            }
            for (int i = 0; i < rows; i++) {
                ptr[i + 1] += ptr[i];
            }
            int[] next = Arrays.copyOf(ptr, rows);
            int[] col = new int[src.length];
            for (int e = 0; e < src.length; e++) {
                col[next[src[e]]++] = dst[e];
            }
            for (int i = 0; i < rows; i++) {
                Arrays.sort(col, ptr[i], ptr[i + 1]);
                for (int p = ptr[i] + 1; p < ptr[i + 1]; p++) {
                    if (col[p] == col[p - 1]) {
                        throw new IllegalArgumentException("edge (" + i + "," + col[p] + ") appears twice");
                    }
                }
            }
            float[] ones = new float[src.length];
            Arrays.fill(ones, 1f);
            return new Adjacency(rows, cols, ptr, col, ones);
        }
    }

    private final String name;
    private final Map<String, NodeType> nodeTypes;
    private final List<Relation> relations;
    private final String targetType;
    private final int numClasses;
    private final int[] labels;
    private final Map<String, Split> splits;

    private HeteroGraph(Builder b) {
        name = Objects.requireNonNull(b.name, "name");
        nodeTypes = Map.copyOf(b.nodeTypes);
        relations = List.copyOf(b.relations);
        targetType = b.targetType;
        numClasses = b.numClasses;
        NodeType target = nodeTypes.get(targetType);
        check(target != null, "target type '" + targetType + "' is not a node type");
        labels = b.labels == null ? new int[target.count()] : b.labels.clone();
        if (b.labels == null) {
            Arrays.fill(labels, -1);
        }
        check(labels.length == target.count(), "labels has length " + labels.length + ", expected " + target.count());
        for (int i = 0; i < labels.length; i++) {
            check(labels[i] >= -1 && labels[i] < numClasses, "label " + labels[i] + " of node " + i);
        }
        Set<String> names = new HashSet<>();
        for (Relation r : relations) {
            check(names.add(r.name()), "relation '" + r.name() + "' appears twice");
            NodeType s = nodeTypes.get(r.srcType());
            NodeType d = nodeTypes.get(r.dstType());
            check(s != null && d != null, "relation " + r.name() + " joins unknown types");
            check(r.src.length == r.dst.length, "relation " + r.name() + ": src and dst lengths differ");
            Set<Long> seen = new HashSet<>(r.src.length * 2);
            for (int e = 0; e < r.src.length; e++) {
                check(r.src[e] >= 0 && r.src[e] < s.count() && r.dst[e] >= 0 && r.dst[e] < d.count(),
                        "relation " + r.name() + " edge " + e + " (" + r.src[e] + "," + r.dst[e] + ") out of range");
                check(seen.add(((long) r.src[e] << 32) | r.dst[e]), "relation " + r.name() + " edge " + e
                        + " appears twice");
            }
        }
        for (NodeType t : nodeTypes.values()) {
            check(t.features() == null || t.features().numRows() == t.count(), "features of " + t.name()
                    + " have " + (t.features() == null ? 0 : t.features().numRows()) + " rows, expected " + t.count());
        }
        splits = new LinkedHashMap<>();
        for (Map.Entry<String, Split> s : b.splits.entrySet()) {
            Split sp = s.getValue();
            boolean[][] m = {sp.train().clone(), sp.val().clone(), sp.test().clone()};
            for (int i = 0; i < labels.length; i++) {
                int in = 0;
                for (boolean[] mask : m) {
                    check(mask.length == labels.length, "split " + s.getKey() + " has a mask of the wrong length");
                    in += mask[i] ? 1 : 0;
                }
                check(in <= 1, "split " + s.getKey() + ": node " + i + " in more than one part");
                check(in == 0 || labels[i] >= 0, "split " + s.getKey() + ": node " + i + " has no label");
            }
            splits.put(s.getKey(), new Split(m[0], m[1], m[2]));
        }
    }

    /** Starts a heterogeneous graph whose labelled nodes are of type {@code targetType}. */
    public static Builder builder(String name, String targetType, int numClasses) {
        return new Builder(name, targetType, numClasses);
    }

    /** The data set's name. */
    public String name() {
        return name;
    }

    /** The node types, by name. */
    public Map<String, NodeType> nodeTypes() {
        return nodeTypes;
    }

    /** The node type {@code type}; throws if unknown. */
    public NodeType nodeType(String type) {
        NodeType t = nodeTypes.get(type);
        if (t == null) {
            throw new IllegalArgumentException(name + ": unknown node type '" + type + "'; known: " + nodeTypes.keySet());
        }
        return t;
    }

    /** Number of nodes of {@code type}. */
    public int nodeCount(String type) {
        return nodeType(type).count();
    }

    /** Every relation, in the order added. */
    public List<Relation> relations() {
        return relations;
    }

    /** The relation {@code relationName}; throws if unknown. */
    public Relation relation(String relationName) {
        return relations.stream().filter(r -> r.name().equals(relationName)).findFirst().orElseThrow(() ->
                new IllegalArgumentException(name + ": unknown relation '" + relationName + "'"));
    }

    /** The labelled node type. */
    public String targetType() {
        return targetType;
    }

    /** Number of classes C. */
    public int numClasses() {
        return numClasses;
    }

    /** A copy of the target nodes' labels (n_target), −1 for none. */
    public int[] labels() {
        return labels.clone();
    }

    /** The split names, e.g. {@code split_20, split_40, split_60}. */
    public List<String> splitNames() {
        return new ArrayList<>(splits.keySet());
    }

    /** The split {@code splitName} (copies of its masks). */
    public Split split(String splitName) {
        Split s = splits.get(splitName);
        if (s == null) {
            throw new IllegalArgumentException(name + ": unknown split '" + splitName + "'; known: " + splits.keySet());
        }
        return new Split(s.train().clone(), s.val().clone(), s.test().clone());
    }

    /**
     * The 0/1 (n_from, n_to) matrix of the one relation between {@code from} and {@code to}, transposed when it
     * is stored as {@code to → from}.
     *
     * @throws IllegalArgumentException if no relation or more than one joins the two types
     */
    public Adjacency adjacency(String from, String to) {
        Relation found = null;
        boolean reversed = false;
        for (Relation r : relations) {
            boolean fwd = r.srcType().equals(from) && r.dstType().equals(to);
            boolean bwd = r.srcType().equals(to) && r.dstType().equals(from);
            if (fwd || bwd) {
                if (found != null) {
                    throw new IllegalArgumentException(name + ": more than one relation joins " + from + " and " + to);
                }
                found = r;
                reversed = !fwd;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException(name + ": no relation joins " + from + " and " + to);
        }
        Adjacency a = Adjacency.fromEdges(nodeCount(found.srcType()), nodeCount(found.dstType()), found.src, found.dst);
        return reversed ? a.transpose() : a;
    }

    /**
     * The meta-path count matrix for the node-type sequence {@code types} (at least two), e.g.
     * {@code metaPath("paper", "author", "paper")} for PAP: see the class comment.
     */
    public Adjacency metaPath(String... types) {
        if (types.length < 2) {
            throw new IllegalArgumentException("a meta-path needs at least two node types");
        }
        Adjacency m = adjacency(types[0], types[1]);
        for (int i = 2; i < types.length; i++) {
            m = m.times(adjacency(types[i - 1], types[i]));
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HeteroGraph[" + name + ":");
        nodeTypes.values().forEach(t -> sb.append(' ').append(t.name()).append('=').append(t.count()));
        relations.forEach(r -> sb.append(", ").append(r.name()).append('=').append(r.edgeCount()));
        return sb.append("; target ").append(targetType).append(", ").append(numClasses).append(" classes]").toString();
    }

    private void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(name + ": " + problem);
        }
    }

    /** Collects the parts of a {@link HeteroGraph}; {@link #build()} copies and validates them. */
    public static final class Builder {
        private final String name;
        private final String targetType;
        private final int numClasses;
        private final Map<String, NodeType> nodeTypes = new LinkedHashMap<>();
        private final List<Relation> relations = new ArrayList<>();
        private final Map<String, Split> splits = new LinkedHashMap<>();
        private int[] labels;

        private Builder(String name, String targetType, int numClasses) {
            this.name = name;
            this.targetType = targetType;
            this.numClasses = numClasses;
        }

        /** Adds a node type; {@code features} may be null. */
        public Builder addNodeType(String type, int count, SparseFeatures features) {
            if (count < 0 || nodeTypes.containsKey(type)) {
                throw new IllegalArgumentException("node type '" + type + "' repeated or with a negative count");
            }
            nodeTypes.put(type, new NodeType(type, count, features));
            return this;
        }

        /** Adds a relation (edge arrays are copied). */
        public Builder addRelation(String relation, String srcType, String dstType, int[] src, int[] dst) {
            relations.add(new Relation(relation, srcType, dstType, src.clone(), dst.clone()));
            return this;
        }

        /** Labels of the target nodes, −1 for none. */
        public Builder setLabels(int[] labels) {
            this.labels = labels;
            return this;
        }

        /** Adds a named split of the target nodes. */
        public Builder addSplit(String splitName, boolean[] train, boolean[] val, boolean[] test) {
            splits.put(splitName, new Split(train, val, test));
            return this;
        }

        /** Validates and builds. */
        public HeteroGraph build() {
            return new HeteroGraph(this);
        }
    }
}
