package io.github.djlsuite.graph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.djlsuite.core.nn.Rows;
import io.github.djlsuite.datasets.graph.Graph;
import java.util.Arrays;

/**
 * GCN's normalised adjacency {@code Â = D^{-1/2} (A + I) D^{-1/2}} of an undirected {@link Graph} (Kipf &amp;
 * Welling 2017, eq. 2), with {@code D_ii = Σ_j (A + I)_ij = 1 + deg(i)}: entries {@code Â_ij = 1/√(d_i d_j)}
 * for every edge and {@code Â_ii = 1/d_i}. Self-loops already in the data are replaced by the added one (the
 * diagonal of A + I is 1, as in PyTorch Geometric's {@code add_remaining_self_loops}).
 *
 * <p>DJL has no sparse operator on both engines, so {@link #toNDList} offers three portable forms, and
 * {@link #propagate(NDList, NDArray)} computes {@code Â·H} for H (N, d) from any of them:
 * <ul>
 *   <li>{@link Form#DENSE}: {@code [Â (N, N)]}, one {@code matMul}; {@code 4·N²} bytes, refused above
 *       {@link #MAX_DENSE_ENTRIES} entries (N &gt; 11,585; Cora's 2,708² = 29 MB is fine, PubMed is not).</li>
 *   <li>{@link Form#EDGE_LIST}: {@code [src (E) int64, start (N) int64, end (N) int64, w (E, 1)]} with the E
 *       non-zeros of Â sorted by target row: messages {@code m_e = w_e · H[src_e]} by a row gather
 *       ({@link Rows#gather}), then per-row segment sums by a prefix sum of the centred messages,
 *       {@code μ = mean_e m_e}, {@code S = [0; cumsum(m − μ)]},
 *       {@code out_i = S[end_i] − S[start_i] + (end_i − start_i)·μ}. Centring keeps the prefix sums near
 *       zero (a random walk of size ~√E·std instead of E·mean), so float32 differences stay accurate to
 *       ~1e-5 relative on graphs of 10⁵ edges; float64 would be exact but DJL's {@code toType} drops the
 *       gradient on the PyTorch engine (docs/engines.md). Memory {@code O(E·d)}.</li>
 *   <li>{@link Form#ONE_HOT}: {@code [src (E), dst (E), w (E, 1)]}, segment sum as
 *       {@code oneHot(dst, N)ᵀ · m} (the DJL guide's pattern); {@code O(E·N)} memory (Cora: 13,264 × 2,708
 *       floats = 144 MB), kept for comparison only.</li>
 * </ul>
 */
public final class GraphPropagation {

    /** Largest N·N for the dense form: Graph's limit, 2^27 floats (512 MiB). */
    public static final long MAX_DENSE_ENTRIES = Graph.MAX_DENSE_ENTRIES;

    /** The NDArray forms of Â, see the class comment. */
    public enum Form { DENSE, EDGE_LIST, ONE_HOT }

    private final int numNodes;
    private final int[] rows;    // target i of each non-zero, sorted
    private final int[] cols;    // source j
    private final float[] weights;
    private final int[] rowStart; // N + 1

    private GraphPropagation(int numNodes, int[] rows, int[] cols, float[] weights) {
        this.numNodes = numNodes;
        this.rows = rows;
        this.cols = cols;
        this.weights = weights;
        rowStart = new int[numNodes + 1];
        for (int r : rows) {
            rowStart[r + 1]++;
        }
        for (int i = 0; i < numNodes; i++) {
            rowStart[i + 1] += rowStart[i];
        }
    }

    /** Builds Â for {@code graph}'s edges (features and labels are not used). */
    public static GraphPropagation gcn(Graph graph) {
        int n = graph.numNodes();
        int[] s = graph.src();
        int[] d = graph.dst();
        int[] deg = new int[n];
        Arrays.fill(deg, 1);
        int off = 0;
        for (int e = 0; e < s.length; e++) {
            if (s[e] != d[e]) {
                deg[s[e]]++;
                deg[d[e]]++;
                off++;
            }
        }
        long[] keys = new long[2 * off + n];
        int k = 0;
        for (int e = 0; e < s.length; e++) {
            if (s[e] != d[e]) {
                keys[k++] = ((long) d[e] << 32) | s[e];
                keys[k++] = ((long) s[e] << 32) | d[e];
            }
        }
        for (int i = 0; i < n; i++) {
            keys[k++] = ((long) i << 32) | i;
        }
        Arrays.sort(keys);
        int[] r = new int[keys.length];
        int[] c = new int[keys.length];
        float[] w = new float[keys.length];
        for (int x = 0; x < keys.length; x++) {
            r[x] = (int) (keys[x] >>> 32);
            c[x] = (int) keys[x];
            w[x] = (float) (1.0 / Math.sqrt((double) deg[r[x]] * deg[c[x]]));
        }
        return new GraphPropagation(n, r, c, w);
    }

    /** Number of nodes N. */
    public int numNodes() {
        return numNodes;
    }

    /** Number of non-zeros E of Â (2 × undirected edges + N). */
    public int numEntries() {
        return rows.length;
    }

    /** Row (target) of every non-zero, ascending. */
    public int[] rows() {
        return rows.clone();
    }

    /** Column (source) of every non-zero. */
    public int[] cols() {
        return cols.clone();
    }

    /** Value of every non-zero. */
    public float[] weights() {
        return weights.clone();
    }

    /**
     * Dense Â (N, N) row-major.
     *
     * @throws IllegalStateException if N² exceeds {@link #MAX_DENSE_ENTRIES}: use {@link Form#EDGE_LIST}
     */
    public float[] dense() {
        long cells = (long) numNodes * numNodes;
        if (cells > MAX_DENSE_ENTRIES) {
            throw new IllegalStateException("a dense " + numNodes + "x" + numNodes + " propagation matrix needs "
                    + 4 * cells + " bytes, more than the " + 4 * MAX_DENSE_ENTRIES + " allowed; use Form.EDGE_LIST");
        }
        float[] a = new float[(int) cells];
        for (int x = 0; x < rows.length; x++) {
            a[rows[x] * numNodes + cols[x]] = weights[x];
        }
        return a;
    }

    /** The arrays of {@code form} on {@code manager} (the caller's manager owns them). */
    public NDList toNDList(NDManager manager, Form form) {
        int e = rows.length;
        NDArray w = manager.create(weights, new Shape(e, 1));
        switch (form) {
            case DENSE:
                w.close();
                return new NDList(manager.create(dense(), new Shape(numNodes, numNodes)));
            case EDGE_LIST:
                long[] start = new long[numNodes];
                long[] end = new long[numNodes];
                for (int i = 0; i < numNodes; i++) {
                    start[i] = rowStart[i];
                    end[i] = rowStart[i + 1];
                }
                return new NDList(manager.create(toLong(cols)), manager.create(start), manager.create(end), w);
            case ONE_HOT:
                return new NDList(manager.create(toLong(cols)), manager.create(toLong(rows)), w);
            default:
                throw new AssertionError(form);
        }
    }

    /** The shapes of {@link #toNDList}'s arrays, for {@code Trainer.initialize}. */
    public Shape[] shapes(Form form) {
        long e = rows.length;
        return switch (form) {
            case DENSE -> new Shape[] {new Shape(numNodes, numNodes)};
            case EDGE_LIST -> new Shape[] {new Shape(e), new Shape(numNodes), new Shape(numNodes), new Shape(e, 1)};
            case ONE_HOT -> new Shape[] {new Shape(e), new Shape(e), new Shape(e, 1)};
        };
    }

    /** The form to use for N nodes: dense when N² fits {@link #MAX_DENSE_ENTRIES}, else the edge list. */
    public static Form defaultForm(int numNodes) {
        return (long) numNodes * numNodes <= MAX_DENSE_ENTRIES ? Form.DENSE : Form.EDGE_LIST;
    }

    /**
     * {@code Â·H} for H (N, d) from the arrays of any {@link Form} (told apart by their count: 1 dense, 4 edge
     * list, 3 one-hot); differentiable on both engines.
     */
    public static NDArray propagate(NDList p, NDArray h) {
        switch (p.size()) {
            case 1:
                return p.get(0).matMul(h);
            case 4: {
                NDArray m = Rows.gather(h, p.get(0)).mul(p.get(3)); // (E, d)
                NDArray mu = m.mean(new int[] {0}, true); // (1, d)
                NDArray zero = m.getManager().zeros(new Shape(1, h.getShape().get(1)), m.getDataType());
                NDArray prefix = zero.concat(m.sub(mu).cumSum(0), 0); // (E + 1, d)
                NDArray degree = p.get(2).sub(p.get(1)).toType(m.getDataType(), false).reshape(-1, 1); // constant
                return Rows.gather(prefix, p.get(2)).sub(Rows.gather(prefix, p.get(1))).add(degree.mul(mu));
            }
            case 3: {
                NDArray m = Rows.gather(h, p.get(0)).mul(p.get(2));
                long n = h.getShape().get(0);
                return p.get(1).oneHot((int) n).toType(DataType.FLOAT32, false).transpose().matMul(m);
            }
            default:
                throw new IllegalArgumentException("propagation arrays come in lists of 1, 3 or 4, got " + p.size());
        }
    }

    private static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
