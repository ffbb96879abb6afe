package io.github.djlsuite.datasets.synthetic;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Synthetic set tasks with exact, documented ground truth, for the set/aggregation papers (LCM: multiset
 * functions and length generalisation; INSET/EquiVSet: neural subset selection with background information;
 * AttSets-style masked set pooling). Every generator is seeded: the same arguments give identical output, and it
 * draws from one {@link Random} in a fixed order.
 *
 * <p>Contents: integer multisets ({@link #multisets}, targets {@link Aggregate}), vector sets
 * ({@link #vectorSets}), LCM's neighbour-multiset graph task ({@link #barabasiAlbert}), and subset selection with
 * a planted optimal subset ({@link #twoMoons}, {@link #gaussianMixture}, {@link #setAnomaly}) with the Jaccard
 * metric and its random floor.
 *
 * <p><b>Padding convention.</b> A batch of variable-size sets is stored in {@code slots} columns; set i occupies
 * slots {@code 0 … size_i − 1} (valid elements first, in generation order) and the rest are padding: element 0
 * (or the zero vector) with mask 0. {@code mask[i, j] = 1} iff {@code j < size_i}. Every target is a function of
 * the multiset of valid elements only, so it is invariant to permuting them and to the amount of padding.
 */
public final class SetTasks {

    private SetTasks() {}

    // ------------------------------------------------------------------ multisets of integers

    /**
     * Targets over a multiset {@code X = {x_1 … x_n}} of integers in {@code 0 … V−1} (n ≥ 1).
     */
    public enum Aggregate {
        /** {@code Σ x_i}; classes {@code 0 … n_max·(V−1)}. */
        SUM,
        /** {@code max x_i}; classes {@code 0 … V−1}. */
        MAX,
        /** {@code min x_i}; classes {@code 0 … V−1}. */
        MIN,
        /** Number of distinct values {@code |{x_i}|}; classes {@code 0 … min(n_max, V)} (0 never occurs). */
        COUNT_DISTINCT,
        /** {@code (Σ x_i) mod 2}: parity of the sum (= parity of the number of odd elements); classes 0, 1. */
        PARITY,
        /**
         * The second element of the sorted multiset, {@code sort(X)[1]} (so for {@code {3, 3, 5}} it is 3); needs
         * n ≥ 2; classes {@code 0 … V−1}. The LCM paper's task (V = 16): not expressible by sum/mean/max alone.
         */
        SECOND_SMALLEST
    }

    /**
     * The exact target of one multiset.
     *
     * @param aggregate which function
     * @param set       the valid elements (any order), each in {@code 0 … vocab−1}
     * @param vocab     V
     * @return the target class
     * @throws IllegalArgumentException for an empty set, an out-of-range element, or SECOND_SMALLEST of one element
     */
    public static int target(Aggregate aggregate, int[] set, int vocab) {
        if (set.length == 0) {
            throw new IllegalArgumentException("empty set");
        }
        for (int x : set) {
            if (x < 0 || x >= vocab) {
                throw new IllegalArgumentException("element " + x + " is not in 0.." + (vocab - 1));
            }
        }
        return switch (aggregate) {
            case SUM -> Arrays.stream(set).sum();
            case MAX -> Arrays.stream(set).max().getAsInt();
            case MIN -> Arrays.stream(set).min().getAsInt();
            case COUNT_DISTINCT -> (int) Arrays.stream(set).distinct().count();
            case PARITY -> Arrays.stream(set).sum() & 1;
            case SECOND_SMALLEST -> {
                if (set.length < 2) {
                    throw new IllegalArgumentException("SECOND_SMALLEST needs at least 2 elements");
                }
                int[] s = set.clone();
                Arrays.sort(s);
                yield s[1];
            }
        };
    }

    /** Number of target classes of {@code aggregate} for sets of at most {@code maxSize} elements from V values. */
    public static int numClasses(Aggregate aggregate, int maxSize, int vocab) {
        return switch (aggregate) {
            case SUM -> maxSize * (vocab - 1) + 1;
            case MAX, MIN, SECOND_SMALLEST -> vocab;
            case COUNT_DISTINCT -> Math.min(maxSize, vocab) + 1;
            case PARITY -> 2;
        };
    }

    /**
     * Padded multisets of integers with their targets.
     *
     * @param elements   row-major (count, slots) element ids; padding slots hold 0
     * @param mask       row-major (count, slots), 1 for valid slots and 0 for padding
     * @param sizes      n_i, the number of valid elements of each set
     * @param targets    the {@link Aggregate} of each set
     * @param count      number of sets
     * @param slots      columns (≥ every n_i)
     * @param vocab      V, elements are {@code 0 … V−1}
     * @param aggregate  the target function
     * @param numClasses {@link SetTasks#numClasses}
     */
    public record IntSets(int[] elements, float[] mask, int[] sizes, int[] targets, int count, int slots, int vocab,
            Aggregate aggregate, int numClasses) {

        /** Element j of set i (0 for padding). */
        public int element(int i, int j) {
            return elements[Objects.checkIndex(i, count) * slots + Objects.checkIndex(j, slots)];
        }

        /** The valid elements of set i, in slot order. */
        public int[] set(int i) {
            return Arrays.copyOfRange(elements, Objects.checkIndex(i, count) * slots, i * slots + sizes[i]);
        }

        /**
         * As a DJL dataset. Data: element ids (count, slots) INT32 and the mask (count, slots) FLOAT32; labels: the
         * target (count) FLOAT32 (class id; for SUM also usable as a regression target).
         */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            float[] y = new float[count];
            for (int i = 0; i < count; i++) {
                y[i] = targets[i];
            }
            return new ArrayDataset.Builder()
                    .setData(manager.create(elements, new Shape(count, slots)), manager.create(mask, new Shape(count, slots)))
                    .optLabels(manager.create(y, new Shape(count)))
                    .setSampling(Math.max(1, Math.min(batchSize, count)), shuffle)
                    .build();
        }
    }

    /**
     * Random multisets: for each set, {@code n ~ Uniform{minSize … maxSize}}, then n elements i.i.d. uniform in
     * {@code 0 … V−1} (repeats allowed), stored in slots {@code 0 … n−1}; target {@link #target}.
     * For LCM's length-generalisation protocol use e.g. train {@code minSize = 2, maxSize = 16} and test sets with
     * {@code minSize = maxSize = 32} (V = 16, {@link Aggregate#SECOND_SMALLEST}).
     *
     * @param count     number of sets (≥ 1)
     * @param minSize   smallest set (≥ 1; ≥ 2 for SECOND_SMALLEST)
     * @param maxSize   largest set (≥ minSize)
     * @param slots     padded width (≥ maxSize)
     * @param vocab     V (≥ 1)
     * @param aggregate the target
     * @param seed      random seed
     */
    public static IntSets multisets(int count, int minSize, int maxSize, int slots, int vocab, Aggregate aggregate,
            long seed) {
        Objects.requireNonNull(aggregate, "aggregate");
        if (count < 1 || minSize < 1 || maxSize < minSize || slots < maxSize || vocab < 1) {
            throw new IllegalArgumentException("need count >= 1, 1 <= minSize <= maxSize <= slots, vocab >= 1; got "
                    + count + ", " + minSize + ", " + maxSize + ", " + slots + ", " + vocab);
        }
        if (aggregate == Aggregate.SECOND_SMALLEST && minSize < 2) {
            throw new IllegalArgumentException("SECOND_SMALLEST needs minSize >= 2");
        }
        Random r = new Random(seed);
        int[] x = new int[count * slots];
        float[] m = new float[count * slots];
        int[] sizes = new int[count];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            int n = minSize + r.nextInt(maxSize - minSize + 1);
            sizes[i] = n;
            for (int j = 0; j < n; j++) {
                x[i * slots + j] = r.nextInt(vocab);
                m[i * slots + j] = 1f;
            }
            y[i] = target(aggregate, Arrays.copyOfRange(x, i * slots, i * slots + n), vocab);
        }
        return new IntSets(x, m, sizes, y, count, slots, vocab, aggregate, numClasses(aggregate, maxSize, vocab));
    }

    // ------------------------------------------------------------------ neighbour multisets on graphs (LCM)

    /**
     * A graph whose per-node target is a multiset function of its neighbours' digits.
     *
     * @param numNodes number of nodes
     * @param edges    row-major (E, 2) undirected edges {@code (u, v)}, {@code u < v}, each listed once
     * @param digits   node digit in {@code 0 … vocab−1} (the input feature, one-hot it)
     * @param targets  per node {@code sort({digits[u] : u ∈ N(v)})[1]}, or −1 where the degree is below 2
     * @param vocab    number of digit values
     */
    public record NeighbourGraph(int numNodes, int[] edges, int[] digits, int[] targets, int vocab) {

        /** Number of undirected edges E. */
        public int numEdges() {
            return edges.length / 2;
        }

        /** True where the target is defined (degree ≥ 2). */
        public boolean valid(int node) {
            return targets[node] >= 0;
        }
    }

    /**
     * Per-node second minimum of the neighbours' digits (the LCM graph task): {@code sort(multiset)[1]} over
     * {@code {digits[u] : u ∈ N(v)}}, −1 for nodes with fewer than two neighbours.
     *
     * @param numNodes number of nodes
     * @param edges    row-major (E, 2) undirected edges
     * @param digits   node digits
     */
    public static int[] secondMinimumOverNeighbours(int numNodes, int[] edges, int[] digits) {
        int[] min1 = new int[numNodes];
        int[] min2 = new int[numNodes];
        int[] deg = new int[numNodes];
        Arrays.fill(min1, Integer.MAX_VALUE);
        Arrays.fill(min2, Integer.MAX_VALUE);
        for (int e = 0; e < edges.length / 2; e++) {
            int u = edges[2 * e];
            int v = edges[2 * e + 1];
            for (int[] p : new int[][] {{u, v}, {v, u}}) {
                int node = p[0];
                int d = digits[p[1]];
                deg[node]++;
                if (d < min1[node]) {
                    min2[node] = min1[node];
                    min1[node] = d;
                } else if (d < min2[node]) {
                    min2[node] = d;
                }
            }
        }
        int[] out = new int[numNodes];
        for (int v = 0; v < numNodes; v++) {
            out[v] = deg[v] >= 2 ? min2[v] : -1;
        }
        return out;
    }

    /**
     * A Barabási–Albert graph (networkx's convention: start from the star on nodes 0 … m with centre 0; each new
     * node v = m+1 … N−1 attaches to m distinct earlier nodes drawn with probability proportional to their degree,
     * by uniform draws from the list of edge endpoints), node digits i.i.d. uniform in {@code 0 … vocab−1}, and
     * targets {@link #secondMinimumOverNeighbours}. E = m + (N − m − 1)·m. LCM's graph task uses N = 300,
     * m = 2 … 6 for training and m = 12 for testing, vocab 16.
     *
     * @param numNodes N (> m)
     * @param m        edges per new node (≥ 1)
     * @param vocab    digit values (≥ 1)
     * @param seed     random seed
     */
    public static NeighbourGraph barabasiAlbert(int numNodes, int m, int vocab, long seed) {
        if (m < 1 || numNodes <= m || vocab < 1) {
            throw new IllegalArgumentException("need 1 <= m < numNodes and vocab >= 1; got m=" + m + ", N=" + numNodes);
        }
        Random r = new Random(seed);
        int edgeCount = m + (numNodes - m - 1) * m;
        int[] edges = new int[2 * edgeCount];
        int[] ends = new int[2 * edgeCount];
        int e = 0;
        for (int leaf = 1; leaf <= m; leaf++) {
            edges[2 * e] = 0;
            edges[2 * e + 1] = leaf;
            ends[2 * e] = 0;
            ends[2 * e + 1] = leaf;
            e++;
        }
        int[] chosen = new int[m];
        for (int v = m + 1; v < numNodes; v++) {
            int filled = 0;
            while (filled < m) {
                int t = ends[r.nextInt(2 * e)];
                boolean dup = false;
                for (int k = 0; k < filled; k++) {
                    dup |= chosen[k] == t;
                }
                if (!dup) {
                    chosen[filled++] = t;
                }
            }
            int start = e;
            for (int k = 0; k < m; k++) {
                edges[2 * (start + k)] = chosen[k];
                edges[2 * (start + k) + 1] = v;
            }
            // endpoints join the preferential-attachment list only after all m targets are drawn
            for (int k = 0; k < m; k++) {
                ends[2 * e] = chosen[k];
                ends[2 * e + 1] = v;
                e++;
            }
        }
        int[] digits = new int[numNodes];
        for (int v = 0; v < numNodes; v++) {
            digits[v] = r.nextInt(vocab);
        }
        return new NeighbourGraph(numNodes, edges, digits, secondMinimumOverNeighbours(numNodes, edges, digits), vocab);
    }

    // ------------------------------------------------------------------ sets of vectors

    /** Targets over a set of d-dimensional vectors, computed per coordinate over the valid elements. */
    public enum VectorAggregate {
        /** {@code Σ_i x_i}. */
        SUM,
        /** {@code (1/n) Σ_i x_i}. */
        MEAN,
        /** {@code max_i x_i} per coordinate. */
        MAX
    }

    /**
     * Padded sets of vectors with a vector target.
     *
     * @param elements row-major (count, slots, dim); padding rows are 0
     * @param mask     row-major (count, slots)
     * @param sizes    n_i
     * @param targets  row-major (count, dim)
     * @param count    number of sets
     * @param slots    padded width
     * @param dim      d
     * @param aggregate the target function
     */
    public record VectorSets(float[] elements, float[] mask, int[] sizes, float[] targets, int count, int slots,
            int dim, VectorAggregate aggregate) {

        /**
         * As a DJL dataset. Data: elements (count, slots, dim) and mask (count, slots), FLOAT32; labels: targets
         * (count, dim) FLOAT32.
         */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            return new ArrayDataset.Builder()
                    .setData(manager.create(elements, new Shape(count, slots, dim)),
                            manager.create(mask, new Shape(count, slots)))
                    .optLabels(manager.create(targets, new Shape(count, dim)))
                    .setSampling(Math.max(1, Math.min(batchSize, count)), shuffle)
                    .build();
        }
    }

    /**
     * The exact vector target of one set.
     *
     * @param aggregate the function
     * @param set       row-major (n, dim), n ≥ 1
     * @param dim       d
     * @return the d target values (float arithmetic in the documented order: sum in slot order, then /n for MEAN)
     */
    public static float[] target(VectorAggregate aggregate, float[] set, int dim) {
        int n = set.length / dim;
        if (n < 1 || set.length != n * dim) {
            throw new IllegalArgumentException("set length " + set.length + " is not a positive multiple of " + dim);
        }
        float[] out = new float[dim];
        if (aggregate == VectorAggregate.MAX) {
            Arrays.fill(out, Float.NEGATIVE_INFINITY);
        }
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < dim; k++) {
                float v = set[j * dim + k];
                out[k] = aggregate == VectorAggregate.MAX ? Math.max(out[k], v) : out[k] + v;
            }
        }
        if (aggregate == VectorAggregate.MEAN) {
            for (int k = 0; k < dim; k++) {
                out[k] /= n;
            }
        }
        return out;
    }

    /**
     * Random sets of vectors: {@code n ~ Uniform{minSize … maxSize}}, elements i.i.d. uniform in {@code [−1, 1)^d},
     * target {@link #target(VectorAggregate, float[], int)}.
     */
    public static VectorSets vectorSets(int count, int minSize, int maxSize, int slots, int dim,
            VectorAggregate aggregate, long seed) {
        Objects.requireNonNull(aggregate, "aggregate");
        if (count < 1 || minSize < 1 || maxSize < minSize || slots < maxSize || dim < 1) {
            throw new IllegalArgumentException("need count >= 1, 1 <= minSize <= maxSize <= slots, dim >= 1");
        }
        Random r = new Random(seed);
        float[] x = new float[count * slots * dim];
        float[] m = new float[count * slots];
        int[] sizes = new int[count];
        float[] y = new float[count * dim];
        for (int i = 0; i < count; i++) {
            int n = minSize + r.nextInt(maxSize - minSize + 1);
            sizes[i] = n;
            int base = i * slots * dim;
            for (int j = 0; j < n; j++) {
                m[i * slots + j] = 1f;
                for (int k = 0; k < dim; k++) {
                    x[base + j * dim + k] = r.nextFloat() * 2 - 1;
                }
            }
            System.arraycopy(target(aggregate, Arrays.copyOfRange(x, base, base + n * dim), dim), 0, y, i * dim, dim);
        }
        return new VectorSets(x, m, sizes, y, count, slots, dim, aggregate);
    }

    // ------------------------------------------------------------------ subset selection (INSET / EquiVSet)

    /**
     * Ground sets with a planted optimal subset.
     *
     * @param points     row-major (count, n, dim) element features of each ground set V
     * @param membership row-major (count, n): 1 for the elements of S*, else 0
     * @param optimal    row-major (count, s): the positions of S* in V, ascending
     * @param count      number of ground sets
     * @param n          |V|
     * @param s          |S*|
     * @param dim        feature dimension
     */
    public record SubsetSets(float[] points, float[] membership, int[] optimal, int count, int n, int s, int dim) {

        /** Positions of S* in ground set i, ascending. */
        public int[] optimal(int i) {
            return Arrays.copyOfRange(optimal, Objects.checkIndex(i, count) * s, (i + 1) * s);
        }

        /**
         * EquiVSet's training mask for ground set i: 1 on S* and on {@code negatives·s} distinct non-members drawn
         * uniformly (fewer if there are not that many), 0 elsewhere.
         */
        public float[] trainingMask(int i, int negatives, Random rnd) {
            float[] w = Arrays.copyOfRange(membership, Objects.checkIndex(i, count) * n, (i + 1) * n);
            int[] others = new int[n - s];
            int c = 0;
            for (int j = 0; j < n; j++) {
                if (w[j] == 0f) {
                    others[c++] = j;
                }
            }
            int k = Math.min(c, negatives * s);
            for (int a = 0; a < k; a++) {
                int b = a + rnd.nextInt(c - a);
                int t = others[a];
                others[a] = others[b];
                others[b] = t;
                w[others[a]] = 1f;
            }
            return w;
        }

        /** As a DJL dataset. Data: points (count, n, dim) FLOAT32; labels: membership (count, n) FLOAT32. */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            return new ArrayDataset.Builder()
                    .setData(manager.create(points, new Shape(count, n, dim)))
                    .optLabels(manager.create(membership, new Shape(count, n)))
                    .setSampling(Math.max(1, Math.min(batchSize, count)), shuffle)
                    .build();
        }
    }

    /**
     * EquiVSet's two-moons subset selection (data_loader/moons.py), re-implemented in distribution (our own RNG,
     * not numpy's). Per ground set: draw the two-moons layout of {@code 2n} points as scikit-learn's
     * {@code make_moons(2n, noise=0.1)}: n "outer" points {@code (cos θ_t, sin θ_t)} and n "inner" points
     * {@code (1 − cos θ_t, 0.5 − sin θ_t)} with {@code θ_t = π·t/(n−1)}, t = 0 … n−1, plus i.i.d.
     * {@code N(0, 0.1²)} on each coordinate; then scale by 2 and shift by (−1, −0.2). One moon, chosen uniformly,
     * is the "noise" moon. V = the n points of the other moon in random order; then |S*| = s positions chosen
     * uniformly without replacement are overwritten by s random points of the noise moon. <b>Ground truth:</b>
     * S* = those positions, i.e. exactly the elements from the minority moon. Since either moon is the minority
     * with probability ½, an element's membership cannot be decided from the element alone: it needs the rest of
     * V (the background information INSET adds). Paper defaults: n = 30, s = 10, 1000 sets each for
     * train/val/test with seeds 0, 1, 2. Expected Jaccard of a random s-subset: {@link #randomSubsetJaccard}
     * (0.2068 for n = 30, s = 10).
     *
     * @param count number of ground sets
     * @param n     |V| (≥ 2)
     * @param s     |S*| (1 ≤ s ≤ n)
     * @param seed  random seed
     */
    public static SubsetSets twoMoons(int count, int n, int s, long seed) {
        checkSubset(count, n, s);
        Random r = new Random(seed);
        float[] pts = new float[count * n * 2];
        float[] member = new float[count * n];
        int[] opt = new int[count * s];
        float[][] moon = new float[2][2 * n];
        for (int i = 0; i < count; i++) {
            for (int which = 0; which < 2; which++) {
                for (int t = 0; t < n; t++) {
                    double th = n == 1 ? 0 : Math.PI * t / (n - 1);
                    double x = which == 0 ? Math.cos(th) : 1 - Math.cos(th);
                    double y = which == 0 ? Math.sin(th) : 0.5 - Math.sin(th);
                    x += 0.1 * r.nextGaussian();
                    y += 0.1 * r.nextGaussian();
                    moon[which][2 * t] = (float) (2 * x - 1);
                    moon[which][2 * t + 1] = (float) (2 * y - 0.2);
                }
                shufflePoints(moon[which], 2, r);
            }
            int noise = r.nextInt(2);
            plant(pts, member, opt, i, n, s, 2, moon[1 - noise], moon[noise], r);
        }
        return new SubsetSets(pts, member, opt, count, n, s, 2);
    }

    /**
     * EquiVSet's Gaussian-mixture subset selection (data_loader/gaussian.py), in distribution: two components
     * {@code N(±(1/√2, 1/√2), 0.5²·I)}; one component, chosen uniformly per set, is the noise. V = n points of the
     * other component, then s uniformly chosen positions are overwritten by points of the noise component.
     * <b>Ground truth:</b> S* = those positions. (The original draws 4n labelled points and keeps the first n of
     * the majority; we draw each component directly, the same distribution whenever the original had enough.)
     */
    public static SubsetSets gaussianMixture(int count, int n, int s, long seed) {
        checkSubset(count, n, s);
        Random r = new Random(seed);
        float[] pts = new float[count * n * 2];
        float[] member = new float[count * n];
        int[] opt = new int[count * s];
        double c = 1 / Math.sqrt(2);
        float[][] comp = new float[2][2 * n];
        for (int i = 0; i < count; i++) {
            for (int which = 0; which < 2; which++) {
                double sign = which == 0 ? 1 : -1;
                for (int t = 0; t < n; t++) {
                    comp[which][2 * t] = (float) (sign * c + 0.5 * r.nextGaussian());
                    comp[which][2 * t + 1] = (float) (sign * c + 0.5 * r.nextGaussian());
                }
            }
            int noise = r.nextInt(2);
            plant(pts, member, opt, i, n, s, 2, comp[1 - noise], comp[noise], r);
        }
        return new SubsetSets(pts, member, opt, count, n, s, 2);
    }

    /**
     * Ground sets of items from a labelled pool (e.g. MNIST images) for set anomaly detection, INSET's CelebA
     * stand-in: per set a majority class c is drawn uniformly among classes with at least {@code setSize − outliers}
     * pool items; {@code setSize − outliers} distinct items of class c fill the normal positions and
     * {@code outliers} distinct items of other classes (each drawn by picking a non-empty other class uniformly,
     * then an item of it uniformly, redrawing repeats) fill {@code outliers} positions chosen uniformly. <b>Ground truth:</b> S* = the positions of the outliers. The "points" of the returned sets
     * are the pool indices (dim 1, as floats; exact for indices below 2^24).
     *
     * @param labels   class of each pool item
     * @param count    number of sets
     * @param setSize  n
     * @param outliers s (1 ≤ s < n/2, so the majority is unambiguous)
     * @param seed     random seed
     */
    public static SubsetSets setAnomaly(int[] labels, int count, int setSize, int outliers, long seed) {
        checkSubset(count, setSize, outliers);
        if (2 * outliers >= setSize) {
            throw new IllegalArgumentException("need outliers < setSize/2, got " + outliers + " of " + setSize);
        }
        if (labels.length >= 1 << 24) {
            throw new IllegalArgumentException("pool too large for exact float indices");
        }
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        int[][] byClass = new int[classes][];
        for (int c = 0; c < classes; c++) {
            final int cc = c;
            byClass[c] = IntStream.range(0, labels.length).filter(j -> labels[j] == cc).toArray();
        }
        int majority = setSize - outliers;
        int[] eligible = IntStream.range(0, classes)
                .filter(c -> byClass[c].length >= majority && labels.length - byClass[c].length >= outliers).toArray();
        if (eligible.length == 0) {
            throw new IllegalArgumentException("no class has " + majority + " items and " + outliers
                    + " items outside it");
        }
        Random r = new Random(seed);
        float[] pts = new float[count * setSize];
        float[] member = new float[count * setSize];
        int[] opt = new int[count * outliers];
        for (int i = 0; i < count; i++) {
            int c = eligible[r.nextInt(eligible.length)];
            int[] normal = sample(byClass[c], majority, r);
            int[] others = IntStream.range(0, classes).filter(o -> o != c && byClass[o].length > 0).toArray();
            int[] odd = new int[outliers];
            Set<Integer> used = new HashSet<>();
            for (int k = 0; k < outliers; k++) {
                int item;
                do {
                    int[] pool = byClass[others[r.nextInt(others.length)]];
                    item = pool[r.nextInt(pool.length)];
                } while (!used.add(item));
                odd[k] = item;
            }
            int[] pos = sample(IntStream.range(0, setSize).toArray(), outliers, r);
            Arrays.sort(pos);
            int nk = 0;
            int ok = 0;
            for (int j = 0; j < setSize; j++) {
                if (ok < outliers && pos[ok] == j) {
                    pts[i * setSize + j] = odd[ok++];
                    member[i * setSize + j] = 1f;
                } else {
                    pts[i * setSize + j] = normal[nk++];
                }
            }
            System.arraycopy(pos, 0, opt, i * outliers, outliers);
        }
        return new SubsetSets(pts, member, opt, count, setSize, outliers, 1);
    }

    /** Jaccard coefficient |A ∩ B| / |A ∪ B| of two index sets (duplicates ignored); 1 for two empty sets. */
    public static double jaccard(int[] a, int[] b) {
        Set<Integer> sa = new HashSet<>();
        for (int x : a) {
            sa.add(x);
        }
        Set<Integer> sb = new HashSet<>();
        for (int x : b) {
            sb.add(x);
        }
        Set<Integer> inter = new HashSet<>(sa);
        inter.retainAll(sb);
        int union = sa.size() + sb.size() - inter.size();
        return union == 0 ? 1.0 : (double) inter.size() / union;
    }

    /**
     * Expected Jaccard coefficient between S* (|S*| = s) and a uniformly random s-subset of n elements:
     * {@code Σ_k P(k)·k/(2s − k)} with the hypergeometric {@code P(k) = C(s,k)·C(n−s, s−k) / C(n, s)}. This is the
     * "random" floor of the MJC metric (×100).
     */
    public static double randomSubsetJaccard(int n, int s) {
        if (s < 1 || s > n) {
            throw new IllegalArgumentException("need 1 <= s <= n");
        }
        double total = 0;
        double logAll = logChoose(n, s);
        for (int k = Math.max(0, 2 * s - n); k <= s; k++) {
            double p = Math.exp(logChoose(s, k) + logChoose(n - s, s - k) - logAll);
            total += p * k / (2.0 * s - k);
        }
        return total;
    }

    private static double logChoose(int n, int k) {
        double v = 0;
        for (int i = 1; i <= k; i++) {
            v += Math.log(n - k + i) - Math.log(i);
        }
        return v;
    }

    private static void checkSubset(int count, int n, int s) {
        if (count < 1 || n < 2 || s < 1 || s > n) {
            throw new IllegalArgumentException("need count >= 1, n >= 2 and 1 <= s <= n; got " + count + ", " + n + ", " + s);
        }
    }

    /** Writes ground set i: V = clean points, then s uniform positions (ascending in `opt`) get noise points. */
    private static void plant(float[] pts, float[] member, int[] opt, int i, int n, int s, int dim, float[] clean,
            float[] noise, Random r) {
        System.arraycopy(clean, 0, pts, i * n * dim, n * dim);
        int[] pos = sample(IntStream.range(0, n).toArray(), s, r);
        int[] from = sample(IntStream.range(0, noise.length / dim).toArray(), s, r);
        for (int k = 0; k < s; k++) {
            System.arraycopy(noise, from[k] * dim, pts, (i * n + pos[k]) * dim, dim);
            member[i * n + pos[k]] = 1f;
        }
        Arrays.sort(pos);
        System.arraycopy(pos, 0, opt, i * s, s);
    }

    /** k distinct items of {@code from}, uniformly, in random order (partial Fisher–Yates on a copy). */
    private static int[] sample(int[] from, int k, Random r) {
        int[] a = from.clone();
        for (int j = 0; j < k; j++) {
            int b = j + r.nextInt(a.length - j);
            int t = a[j];
            a[j] = a[b];
            a[b] = t;
        }
        return Arrays.copyOf(a, k);
    }

    private static void shufflePoints(float[] p, int dim, Random r) {
        int n = p.length / dim;
        for (int j = n - 1; j > 0; j--) {
            int b = r.nextInt(j + 1);
            for (int k = 0; k < dim; k++) {
                float t = p[j * dim + k];
                p[j * dim + k] = p[b * dim + k];
                p[b * dim + k] = t;
            }
        }
    }
}
