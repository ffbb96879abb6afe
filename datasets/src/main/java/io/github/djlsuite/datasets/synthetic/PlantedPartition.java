package io.github.djlsuite.datasets.synthetic;

import io.github.djlsuite.datasets.graph.Graph;
import java.util.Random;

/**
 * Stochastic block model (planted partition) node-classification graphs.
 *
 * <p>Ground truth, all drawn from {@code new Random(seed)}:
 * <ul>
 *   <li>Communities are balanced: node labels are a random permutation of {@code i mod k}, so each
 *       community has {@code floor(n/k)} or {@code ceil(n/k)} nodes; the graph's label is the community.</li>
 *   <li>Each unordered pair {@code i < j} is an edge independently with probability {@code pIn} if both
 *       nodes share a community, else {@code pOut}. No self-loops; each edge stored once with src &lt; dst.</li>
 *   <li>Features (N, k): {@code x[i][c] = (c == label[i] ? 1 : 0) + featureNoise * g}, with g an
 *       independent standard normal per entry (so {@code featureNoise = 0} gives exact one-hot).</li>
 *   <li>Masks are stratified: within each community (nodes shuffled) the first
 *       {@code round(trainFraction * size)} are train, the next {@code round(valFraction * size)} val
 *       (capped at what is left), the rest test. Every node is in exactly one split.</li>
 * </ul>
 */
public final class PlantedPartition {

    private PlantedPartition() {}

    /**
     * Generates the graph described in the class javadoc, named {@code "sbm"}.
     *
     * @param n             number of nodes (at least k)
     * @param k             number of communities (at least 1)
     * @param pIn           within-community edge probability in [0, 1]
     * @param pOut          between-community edge probability in [0, 1]
     * @param featureNoise  standard deviation of the Gaussian noise added to the one-hot features (≥ 0)
     * @param trainFraction fraction of each community in the training mask
     * @param valFraction   fraction of each community in the validation mask
     * @param seed          random seed; the same arguments give an identical graph
     */
    public static Graph generate(int n, int k, double pIn, double pOut, double featureNoise,
            double trainFraction, double valFraction, long seed) {
        if (k < 1 || n < k) {
            throw new IllegalArgumentException("need 1 <= k <= n, got n=" + n + ", k=" + k);
        }
        if (!(pIn >= 0 && pIn <= 1 && pOut >= 0 && pOut <= 1) || !(featureNoise >= 0)
                || !(trainFraction >= 0 && valFraction >= 0 && trainFraction + valFraction <= 1)) {
            throw new IllegalArgumentException("bad probabilities/noise/fractions");
        }
        Random r = new Random(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
        }
        ModularArithmetic.shuffle(labels, r);
        int cap = 1024;
        int[] src = new int[cap];
        int[] dst = new int[cap];
        int e = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double pr = labels[i] == labels[j] ? pIn : pOut;
                if (r.nextDouble() < pr) {
                    if (e == cap) {
                        cap *= 2;
                        src = java.util.Arrays.copyOf(src, cap);
                        dst = java.util.Arrays.copyOf(dst, cap);
                    }
                    src[e] = i;
                    dst[e] = j;
                    e++;
                }
            }
        }
        float[] x = new float[n * k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                x[i * k + c] = (float) ((c == labels[i] ? 1 : 0) + featureNoise * r.nextGaussian());
            }
        }
        boolean[] train = new boolean[n];
        boolean[] val = new boolean[n];
        boolean[] test = new boolean[n];
        for (int c = 0; c < k; c++) {
            int size = 0;
            for (int l : labels) {
                if (l == c) {
                    size++;
                }
            }
            int[] members = new int[size];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] == c) {
                    members[m++] = i;
                }
            }
            ModularArithmetic.shuffle(members, r);
            int nTrain = (int) Math.round(trainFraction * size);
            int nVal = Math.min(size - nTrain, (int) Math.round(valFraction * size));
            for (int t = 0; t < size; t++) {
                if (t < nTrain) {
                    train[members[t]] = true;
                } else if (t < nTrain + nVal) {
                    val[members[t]] = true;
                } else {
                    test[members[t]] = true;
                }
            }
        }
        return Graph.builder("sbm", n, k, k)
                .setFeatures(x)
                .setLabels(labels)
                .setEdges(java.util.Arrays.copyOf(src, e), java.util.Arrays.copyOf(dst, e))
                .setMasks(train, val, test)
                .build();
    }
}
