package io.github.djlsuite.datasets.synthetic;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.List;
import java.util.Random;

/**
 * Synthetic user behaviour logs with a planted "interest" signal (the DIN reproduction's data).
 *
 * <p>Generative model, drawn from {@code new Random(seed)} in this order:
 * <ol>
 *   <li>items: item i gets category {@code π(i) mod K} for a random permutation π, so every category
 *       has ⌊I/K⌋ or ⌈I/K⌉ items;</li>
 *   <li>users: each user draws 2–3 ({@code minInterests..maxInterests}) distinct interest categories;</li>
 *   <li>samples, user by user (user u gets {@code samples/users} of them, the first {@code samples mod
 *       users} users one more): a history of length uniform in {@code minHistory..maxHistory}, each click
 *       with probability {@code inInterest} an item of one of the user's categories (category uniform
 *       among them) and otherwise an item of a category outside them (uniform), the item uniform in its
 *       category; a candidate item uniform over all items (with probability {@code candidateInInterest},
 *       default 0, an item of one of the user's categories instead); then
 *       <pre>
 *   f     = (# history items in the candidate's category) / (history length)
 *   logit = slope · f + bias + noise · g,   g ~ N(0, 1)
 *   p     = σ(logit),   label ~ Bernoulli(p)</pre></li>
 *   <li>split by user: a random {@code trainFraction} of the users (rounded down) are training users.</li>
 * </ol>
 * {@link Part#probabilities()} are these p (the noise draw included), so their AUC bounds what any
 * model can reach; {@link Part#fractions()} are the f, the signal a model can recover from the features.
 *
 * <p>Delivered in {@link CtrLayout} order: categorical {@code [candidate item, candidate category]}
 * int32 {@code (n, 2)}; sequences {@code [history items, history categories]} int32 {@code (n, L)},
 * sharing the vocabularies of the candidate fields (DIN's shared tables), right-padded with
 * {@link CtrLayout#PAD}, the most recent L clicks kept; label {@code click} float32 {@code (n, 1)}. Ids
 * are shifted by 2 so PAD = 0 and OOV = 1 stay reserved: item i → i + 2, category k → k + 2. No user-id
 * field: the split is by user, so test users would all be OOV.
 */
public final class BehaviourLogs {

    /** Categorical field names. */
    public static final List<String> CATEGORICAL = List.of("item", "category");

    /** Sequence field names. */
    public static final List<String> SEQUENCES = List.of("hist_items", "hist_categories");

    private BehaviourLogs() {}

    /**
     * Generator settings.
     *
     * @param users         number of users (≥ 2)
     * @param categories    K, number of categories (> maxInterests)
     * @param items         I, number of items (≥ K)
     * @param minInterests  fewest interest categories per user (≥ 1)
     * @param maxInterests  most interest categories per user
     * @param minHistory    shortest history (≥ 1)
     * @param maxHistory    longest history
     * @param inInterest    probability that a click is in the user's categories, in [0, 1]
     * @param samples       number of samples (≥ users)
     * @param slope         weight of the in-category fraction in the logit
     * @param bias          logit bias
     * @param noise         standard deviation of the logit noise (≥ 0)
     * @param trainFraction fraction of users in the training part, in (0, 1)
     * @param maxLength     L, the padded history length (the most recent L clicks are kept)
     * @param candidateInInterest probability that the candidate is drawn from the user's interest
     *                      categories (category uniform among them, item uniform in it) instead of
     *                      uniformly over all items; 0 in the spec ("candidate random")
     */
    public record Config(int users, int categories, int items, int minInterests, int maxInterests, int minHistory,
            int maxHistory, double inInterest, int samples, double slope, double bias, double noise,
            double trainFraction, int maxLength, double candidateInInterest) {

        public Config {
            check(users >= 2, "users must be >= 2, got " + users);
            check(minInterests >= 1 && maxInterests >= minInterests, "need 1 <= minInterests <= maxInterests, got "
                    + minInterests + ".." + maxInterests);
            check(categories > maxInterests, "categories (" + categories + ") must exceed maxInterests ("
                    + maxInterests + ")");
            check(items >= categories, "items (" + items + ") must be >= categories (" + categories + ")");
            check(minHistory >= 1 && maxHistory >= minHistory, "need 1 <= minHistory <= maxHistory, got "
                    + minHistory + ".." + maxHistory);
            check(inInterest >= 0 && inInterest <= 1, "inInterest must be in [0, 1], got " + inInterest);
            check(samples >= users, "samples (" + samples + ") must be >= users (" + users + ")");
            check(noise >= 0 && Double.isFinite(slope) && Double.isFinite(bias), "noise must be >= 0 and slope, bias"
                    + " finite, got " + noise + ", " + slope + ", " + bias);
            check(trainFraction > 0 && trainFraction < 1, "trainFraction must be in (0, 1), got " + trainFraction);
            check(maxLength >= 1, "maxLength must be >= 1, got " + maxLength);
            check(candidateInInterest >= 0 && candidateInInterest <= 1, "candidateInInterest must be in [0, 1], got "
                    + candidateInInterest);
        }

        /** The same settings with the spec's uniformly random candidate (candidateInInterest = 0). */
        public Config(int users, int categories, int items, int minInterests, int maxInterests, int minHistory,
                int maxHistory, double inInterest, int samples, double slope, double bias, double noise,
                double trainFraction, int maxLength) {
            this(users, categories, items, minInterests, maxInterests, minHistory, maxHistory, inInterest, samples,
                    slope, bias, noise, trainFraction, maxLength, 0);
        }

        /**
         * The DIN spec's logs: 2,000 users, 40 categories, 5,000 items, 2–3 interests, histories of 20–50
         * clicks 85 % in-interest, 300k samples, logit = 2.5·f − 1 + N(0, 0.5²), 80/20 user split, L = 50.
         */
        public static Config din() {
            return new Config(2000, 40, 5000, 2, 3, 20, 50, 0.85, 300_000, 2.5, -1, 0.5, 0.8, 50);
        }

        /** The same with {@code samples} samples and {@code users} users. */
        public Config withSize(int newUsers, int newSamples) {
            return new Config(newUsers, categories, items, minInterests, maxInterests, minHistory, maxHistory,
                    inInterest, newSamples, slope, bias, noise, trainFraction, maxLength, candidateInInterest);
        }

        /** The same with another padded length L. */
        public Config withMaxLength(int length) {
            return new Config(users, categories, items, minInterests, maxInterests, minHistory, maxHistory,
                    inInterest, samples, slope, bias, noise, trainFraction, length, candidateInInterest);
        }

        /**
         * The same with candidates drawn from the user's interests with probability {@code v}: with the
         * spec's uniform candidate only ≈ 6 % of the candidates (2.5 of 40 categories) meet the planted
         * signal, so even the true in-category fraction reaches a test AUC of only ≈ 0.53.
         */
        public Config withCandidateInInterest(double v) {
            return new Config(users, categories, items, minInterests, maxInterests, minHistory, maxHistory,
                    inInterest, samples, slope, bias, noise, trainFraction, maxLength, v);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("BehaviourLogs.Config: " + message);
            }
        }
    }

    /**
     * One part of the logs (training or test users), host arrays in layout order.
     *
     * @param categorical   row-major {@code (n, 2)}: candidate item id, candidate category id
     * @param historyItems  row-major {@code (n, L)} item ids, PAD-padded on the right
     * @param historyCategories row-major {@code (n, L)} category ids of the same clicks
     * @param lengths       kept history length of each sample (≤ L)
     * @param labels        clicks, 0 or 1
     * @param probabilities true click probabilities p
     * @param fractions     the planted signal f of each sample
     * @param users         user index of each sample
     * @param maxLength     L
     */
    public record Part(int[] categorical, int[] historyItems, int[] historyCategories, int[] lengths, float[] labels,
            double[] probabilities, double[] fractions, int[] users, int maxLength) {

        /** Number of samples n. */
        public int size() {
            return labels.length;
        }

        /** Data {@code [categorical, history items, history categories]} and labels {@code (n, 1)}. */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            int n = size();
            return new ArrayDataset.Builder()
                    .setData(manager.create(categorical, new Shape(n, 2)),
                            manager.create(historyItems, new Shape(n, maxLength)),
                            manager.create(historyCategories, new Shape(n, maxLength)))
                    .optLabels(manager.create(labels, new Shape(n, 1))).setSampling(batchSize, shuffle).build();
        }
    }

    /**
     * Generated logs.
     *
     * @param config         the settings
     * @param layout         the batch layout
     * @param itemCategory   category (0-based) of each item (0-based)
     * @param userInterests  interest categories (0-based) of each user
     * @param train          samples of the training users
     * @param test           samples of the other users
     */
    public record Logs(Config config, CtrLayout layout, int[] itemCategory, int[][] userInterests, Part train,
            Part test) {}

    /** The layout of logs generated with {@code config}. */
    public static CtrLayout layout(Config config) {
        int itemVocab = config.items() + 2;
        int catVocab = config.categories() + 2;
        return new CtrLayout(CATEGORICAL, new int[] {itemVocab, catVocab}, List.of(),
                List.of(new CtrLayout.Sequence(SEQUENCES.get(0), itemVocab, config.maxLength(), 0),
                        new CtrLayout.Sequence(SEQUENCES.get(1), catVocab, config.maxLength(), 1)),
                List.of("click"));
    }

    /** Generates the logs; the same config and seed give the same logs. */
    public static Logs generate(Config c, long seed) {
        Random r = new Random(seed);
        int k = c.categories();
        int[] perm = permutation(c.items(), r);
        int[] itemCategory = new int[c.items()];
        int[][] byCategory = new int[k][];
        int[] fill = new int[k];
        for (int i = 0; i < c.items(); i++) {
            itemCategory[i] = perm[i] % k;
            fill[itemCategory[i]]++;
        }
        for (int q = 0; q < k; q++) {
            byCategory[q] = new int[fill[q]];
            fill[q] = 0;
        }
        for (int i = 0; i < c.items(); i++) {
            byCategory[itemCategory[i]][fill[itemCategory[i]]++] = i;
        }
        int[][] interests = new int[c.users()][];
        for (int u = 0; u < c.users(); u++) {
            int m = c.minInterests() + r.nextInt(c.maxInterests() - c.minInterests() + 1);
            int[] cats = permutation(k, r);
            interests[u] = java.util.Arrays.copyOf(cats, m);
        }
        int nTrainUsers = (int) Math.floor(c.trainFraction() * c.users());
        int[] userOrder = permutation(c.users(), r);
        boolean[] isTrain = new boolean[c.users()];
        for (int i = 0; i < nTrainUsers; i++) {
            isTrain[userOrder[i]] = true;
        }
        int base = c.samples() / c.users();
        int extra = c.samples() % c.users();
        int trainN = 0;
        for (int u = 0; u < c.users(); u++) {
            trainN += isTrain[u] ? base + (u < extra ? 1 : 0) : 0;
        }
        Builder train = new Builder(trainN, c.maxLength());
        Builder test = new Builder(c.samples() - trainN, c.maxLength());
        int[] history = new int[c.maxHistory()];
        boolean[] interest = new boolean[k];
        for (int u = 0; u < c.users(); u++) {
            java.util.Arrays.fill(interest, false);
            for (int q : interests[u]) {
                interest[q] = true;
            }
            int[] others = new int[k - interests[u].length];
            for (int q = 0, o = 0; q < k; q++) {
                if (!interest[q]) {
                    others[o++] = q;
                }
            }
            int count = base + (u < extra ? 1 : 0);
            for (int s = 0; s < count; s++) {
                int len = c.minHistory() + r.nextInt(c.maxHistory() - c.minHistory() + 1);
                for (int j = 0; j < len; j++) {
                    int q = r.nextDouble() < c.inInterest() ? interests[u][r.nextInt(interests[u].length)]
                            : others[r.nextInt(others.length)];
                    history[j] = byCategory[q][r.nextInt(byCategory[q].length)];
                }
                int candidate;
                if (c.candidateInInterest() > 0 && r.nextDouble() < c.candidateInInterest()) {
                    int q = interests[u][r.nextInt(interests[u].length)];
                    candidate = byCategory[q][r.nextInt(byCategory[q].length)];
                } else {
                    candidate = r.nextInt(c.items());
                }
                int same = 0;
                for (int j = 0; j < len; j++) {
                    same += itemCategory[history[j]] == itemCategory[candidate] ? 1 : 0;
                }
                double f = (double) same / len;
                double p = 1 / (1 + Math.exp(-(c.slope() * f + c.bias() + c.noise() * r.nextGaussian())));
                float label = r.nextDouble() < p ? 1f : 0f;
                (isTrain[u] ? train : test).add(u, candidate, history, len, itemCategory, label, p, f);
            }
        }
        return new Logs(c, layout(c), itemCategory, interests, train.build(), test.build());
    }

    private static int[] permutation(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Fills one part's arrays. */
    private static final class Builder {
        private final int l;
        private final int[] categorical;
        private final int[] items;
        private final int[] cats;
        private final int[] lengths;
        private final float[] labels;
        private final double[] probabilities;
        private final double[] fractions;
        private final int[] users;
        private int next;

        Builder(int n, int l) {
            this.l = l;
            categorical = new int[2 * n];
            items = new int[n * l];
            cats = new int[n * l];
            lengths = new int[n];
            labels = new float[n];
            probabilities = new double[n];
            fractions = new double[n];
            users = new int[n];
        }

        void add(int user, int candidate, int[] history, int len, int[] itemCategory, float label, double p,
                double f) {
            int i = next++;
            categorical[2 * i] = candidate + 2;
            categorical[2 * i + 1] = itemCategory[candidate] + 2;
            int kept = Math.min(len, l);
            for (int j = 0; j < kept; j++) {
                int item = history[len - kept + j]; // the most recent clicks, oldest first
                items[i * l + j] = item + 2;
                cats[i * l + j] = itemCategory[item] + 2;
            }
            lengths[i] = kept;
            labels[i] = label;
            probabilities[i] = p;
            fractions[i] = f;
            users[i] = user;
        }

        Part build() {
            return new Part(categorical, items, cats, lengths, labels, probabilities, fractions, users, l);
        }
    }
}
