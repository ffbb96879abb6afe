package io.github.djlsuite.datasets.synthetic;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import io.github.djlsuite.datasets.ctr.CtrLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic multi-behaviour recommendation logs with two tasks (click, purchase) and a planted task
 * conflict, for multi-task CTR models (DTRN, MMoE, SharedBottom).
 *
 * <p>Ground truth, all from {@code new Random(seed)} in this order:
 * <ol>
 *   <li>items: category {@code c_i} uniform in {@code 0..categories-1}, price level {@code q_i}
 *       uniform in {@code 0..priceLevels-1}, popularity {@code π_i ~ N(0, 1)};</li>
 *   <li>users: {@code clickInterests} distinct categories (broad interests) and a narrow purchase
 *       interest set: one of the click interests plus one other category; a click history of
 *       {@code U{5..maxClicks}} items (80 % from the click interests, else any category, the item
 *       uniform within its category) and a purchase history of {@code U{0..maxPurchases}} items from
 *       the purchase interests, each the cheapest of three draws (buyers prefer cheap items);
 *       histories may be empty (purchases) and are ordered most recent first;</li>
 *   <li>samples: a uniform user, a candidate item (half the time from the user's click interests,
 *       else uniform) and, with {@code sim_H(j) = fraction of history H whose category is c_j}
 *       (0 for an empty history) and centred price {@code q̃_j = q_j − (priceLevels − 1)/2}:
 *       <pre>
 *   a = biasA + 2·sim_click(j) + 0.8·π_j + 0.3·q̃_j + ε_a        (task A, click)
 *   b = biasB + 2.5·sim_purchase(j) − 0.8·q̃_j + ε_b             (task B, purchase given click)
 *   click ~ Bernoulli(σ(a)),  purchase = click · Bernoulli(σ(b))
 *   p_A = σ(a),  p_B = σ(a)·σ(b)                                  (the exact true probabilities)
 *       </pre>
 *       with ε ~ N(0, noise²) drawn per sample. Price raises the click logit and lowers the purchase
 *       logit: the tasks conflict on price. A purchase is observed only after a click.</li>
 * </ol>
 * Users are split 80/10/10 (train/validation/test, a seeded shuffle of the users); every sample goes
 * with its user. User ids of validation and test users are {@link CtrLayout#OOV} (unseen users).
 *
 * <p>{@link CtrLayout}: categorical {@code user_id, item_id, category, price} (ids = value + 2, PAD 0
 * and OOV 1 reserved), no numeric fields, sequences {@code click_history} (length {@code maxClicks})
 * and {@code purchase_history} (length {@code maxPurchases}) of item ids sharing {@code item_id}'s
 * vocabulary, right-padded with PAD; labels {@code click, purchase}.
 */
public final class MultiBehaviourLogs {

    /** Coefficients of the planted logits (class javadoc). */
    public static final double CLICK_SIM = 2.0;
    /** Popularity coefficient of the click logit. */
    public static final double CLICK_POPULARITY = 0.8;
    /** Price coefficient of the click logit (positive). */
    public static final double CLICK_PRICE = 0.3;
    /** Purchase-history similarity coefficient of the purchase logit. */
    public static final double PURCHASE_SIM = 2.5;
    /** Price coefficient of the purchase logit (negative: the conflict). */
    public static final double PURCHASE_PRICE = -0.8;

    /**
     * Size and noise of the logs.
     *
     * @param users          number of users
     * @param items          number of items
     * @param categories     number of item categories
     * @param priceLevels    number of price levels
     * @param clickInterests categories in a user's click interests
     * @param maxClicks      click-history length (padded length)
     * @param maxPurchases   purchase-history length (padded length)
     * @param samples        number of (user, candidate) samples
     * @param biasA          click logit bias
     * @param biasB          purchase logit bias
     * @param noise          σ of the per-sample logit noise
     */
    public record Config(int users, int items, int categories, int priceLevels, int clickInterests,
            int maxClicks, int maxPurchases, int samples, double biasA, double biasB, double noise) {
        public Config {
            if (users < 10 || items < categories || categories < 2 || priceLevels < 2 || clickInterests < 1
                    || clickInterests >= categories || maxClicks < 5 || maxPurchases < 1 || samples < 10
                    || !(noise >= 0)) {
                throw new IllegalArgumentException("invalid multi-behaviour config: " + users + " users, " + items
                        + " items, " + categories + " categories, " + priceLevels + " price levels, "
                        + clickInterests + " click interests, histories " + maxClicks + "/" + maxPurchases + ", "
                        + samples + " samples, noise " + noise + " (need users >= 10, items >= categories >= 2,"
                        + " 1 <= clickInterests < categories, maxClicks >= 5, maxPurchases >= 1, samples >= 10)");
            }
        }

        /** The DTRN spec's small scale: 3,000 users, 4,000 items, 50 categories, 10 price levels, 300k samples. */
        public static Config small() {
            return new Config(3000, 4000, 50, 10, 4, 30, 10, 300_000, -1.0, -0.5, 0.3);
        }

        /** A reduced version for smoke tests: 400 users, 300 items, 12 categories, {@code samples} samples. */
        public static Config smoke(int samples) {
            return new Config(400, 300, 12, 10, 3, 30, 10, samples, -1.0, -0.5, 0.3);
        }

        /** This config with another sample count. */
        public Config withSamples(int n) {
            return new Config(users, items, categories, priceLevels, clickInterests, maxClicks, maxPurchases, n,
                    biasA, biasB, noise);
        }
    }

    /**
     * One split's arrays in {@link CtrLayout} order, plus the true probabilities.
     *
     * @param size        number of samples n
     * @param categorical row-major (n, 4) ids: user, item, category, price (value + 2; OOV users = 1)
     * @param clicks      row-major (n, maxClicks) click-history item ids, right-padded with PAD
     * @param purchases   row-major (n, maxPurchases) purchase-history item ids, right-padded with PAD
     * @param labels      row-major (n, 2) labels: click, purchase
     * @param trueProb    row-major (n, 2) true probabilities p_A, p_B
     * @param users       the user (0-based, not shifted) of each sample
     */
    public record Part(int size, int[] categorical, int[] clicks, int[] purchases, float[] labels, float[] trueProb,
            int[] users) {

        /** Data arrays on {@code m} in layout order: categorical (n, 4), clicks (n, Lc), purchases (n, Lp). */
        public NDList toData(NDManager m) {
            return new NDList(m.create(categorical, new Shape(size, 4)),
                    m.create(clicks, new Shape(size, clicks.length / Math.max(1, size))),
                    m.create(purchases, new Shape(size, purchases.length / Math.max(1, size))));
        }

        /** Labels (n, 2) float32 on {@code m}. */
        public NDList toLabels(NDManager m) {
            return new NDList(m.create(labels, new Shape(size, 2)));
        }

        /** A DJL dataset over this part. */
        public ArrayDataset toDataset(NDManager m, int batchSize, boolean shuffle) {
            NDList x = toData(m);
            return new ArrayDataset.Builder().setData(x.toArray(new ai.djl.ndarray.NDArray[0]))
                    .optLabels(toLabels(m).head()).setSampling(batchSize, shuffle).build();
        }

        /** Column {@code task} of the labels. */
        public float[] labelColumn(int task) {
            return column(labels, task);
        }

        /** Column {@code task} of the true probabilities. */
        public float[] probabilityColumn(int task) {
            return column(trueProb, task);
        }

        private float[] column(float[] v, int task) {
            float[] out = new float[size];
            for (int i = 0; i < size; i++) {
                out[i] = v[2 * i + task];
            }
            return out;
        }
    }

    /**
     * The generated logs and their ground truth.
     *
     * @param config          the config
     * @param layout          the input contract
     * @param itemCategory    category of each item
     * @param itemPrice       price level of each item
     * @param itemPopularity  popularity π of each item
     * @param clickHistory    per user, the click-history items (most recent first)
     * @param purchaseHistory per user, the purchase-history items
     * @param train           training part (80 % of the users)
     * @param valid           validation part (10 %)
     * @param test            test part (10 %)
     */
    public record Data(Config config, CtrLayout layout, int[] itemCategory, int[] itemPrice, double[] itemPopularity,
            int[][] clickHistory, int[][] purchaseHistory, Part train, Part valid, Part test) {

        /** The noise-free logits (a, b) of user {@code u} and candidate item {@code j}. */
        public double[] logits(int u, int j) {
            double q = itemPrice[j] - (config.priceLevels() - 1) / 2.0;
            double a = config.biasA() + CLICK_SIM * sim(clickHistory[u], j) + CLICK_POPULARITY * itemPopularity[j]
                    + CLICK_PRICE * q;
            double b = config.biasB() + PURCHASE_SIM * sim(purchaseHistory[u], j) + PURCHASE_PRICE * q;
            return new double[] {a, b};
        }

        /** The fraction of {@code history} whose category is item {@code j}'s, 0 for an empty history. */
        public double sim(int[] history, int j) {
            if (history.length == 0) {
                return 0;
            }
            int same = 0;
            for (int h : history) {
                if (itemCategory[h] == itemCategory[j]) {
                    same++;
                }
            }
            return same / (double) history.length;
        }
    }

    private MultiBehaviourLogs() {}

    /** The layout of logs generated with {@code c}. */
    public static CtrLayout layout(Config c) {
        int itemVocab = c.items() + 2;
        return new CtrLayout(List.of("user_id", "item_id", "category", "price"),
                new int[] {c.users() + 2, itemVocab, c.categories() + 2, c.priceLevels() + 2}, List.of(),
                List.of(new CtrLayout.Sequence("click_history", itemVocab, c.maxClicks(), 1),
                        new CtrLayout.Sequence("purchase_history", itemVocab, c.maxPurchases(), 1)),
                List.of("click", "purchase"));
    }

    /** Generates the logs (class javadoc); the same config and seed give the same arrays. */
    public static Data generate(Config c, long seed) {
        Random r = new Random(seed);
        int[] cat = new int[c.items()];
        int[] price = new int[c.items()];
        double[] pop = new double[c.items()];
        List<List<Integer>> byCategory = new ArrayList<>();
        for (int k = 0; k < c.categories(); k++) {
            byCategory.add(new ArrayList<>());
        }
        for (int i = 0; i < c.items(); i++) {
            // the first `categories` items cover every category so no category is empty
            cat[i] = i < c.categories() ? i : r.nextInt(c.categories());
            price[i] = r.nextInt(c.priceLevels());
            pop[i] = r.nextGaussian();
            byCategory.get(cat[i]).add(i);
        }
        int[][] interests = new int[c.users()][];
        int[][] clicks = new int[c.users()][];
        int[][] purchases = new int[c.users()][];
        for (int u = 0; u < c.users(); u++) {
            int[] ci = distinct(r, c.categories(), c.clickInterests());
            interests[u] = ci;
            int other;
            do {
                other = r.nextInt(c.categories());
            } while (other == ci[0]);
            int[] pi = {ci[r.nextInt(ci.length)], other};
            int nc = 5 + r.nextInt(c.maxClicks() - 4);
            clicks[u] = new int[nc];
            for (int h = 0; h < nc; h++) {
                int k = r.nextDouble() < 0.8 ? ci[r.nextInt(ci.length)] : r.nextInt(c.categories());
                clicks[u][h] = pick(r, byCategory.get(k));
            }
            int np = r.nextInt(c.maxPurchases() + 1);
            purchases[u] = new int[np];
            for (int h = 0; h < np; h++) {
                List<Integer> pool = byCategory.get(pi[r.nextInt(2)]);
                int best = pick(r, pool);
                for (int d = 0; d < 2; d++) {
                    int x = pick(r, pool);
                    if (price[x] < price[best]) {
                        best = x;
                    }
                }
                purchases[u][h] = best;
            }
        }
        // split users 80/10/10
        int[] order = new int[c.users()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] splitOf = new int[c.users()];
        for (int i = 0; i < order.length; i++) {
            splitOf[order[i]] = i < order.length * 8 / 10 ? 0 : i < order.length * 9 / 10 ? 1 : 2;
        }
        Data shell = new Data(c, layout(c), cat, price, pop, clicks, purchases, null, null, null);
        List<List<int[]>> rows = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<List<double[]>> outcomes = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int s = 0; s < c.samples(); s++) {
            int u = r.nextInt(c.users());
            int j = r.nextDouble() < 0.5 ? pick(r, byCategory.get(interests[u][r.nextInt(interests[u].length)]))
                    : r.nextInt(c.items());
            double[] ab = shell.logits(u, j);
            double pa = sigmoid(ab[0] + c.noise() * r.nextGaussian());
            double pb = sigmoid(ab[1] + c.noise() * r.nextGaussian());
            double click = r.nextDouble() < pa ? 1 : 0;
            double buy = r.nextDouble() < pb ? click : 0;
            rows.get(splitOf[u]).add(new int[] {u, j});
            outcomes.get(splitOf[u]).add(new double[] {click, buy, pa, pa * pb});
        }
        Part[] parts = new Part[3];
        for (int p = 0; p < 3; p++) {
            parts[p] = part(c, shell, rows.get(p), outcomes.get(p), p == 0);
        }
        return new Data(c, shell.layout(), cat, price, pop, clicks, purchases, parts[0], parts[1], parts[2]);
    }

    private static Part part(Config c, Data d, List<int[]> rows, List<double[]> out, boolean knownUsers) {
        int n = rows.size();
        int[] categorical = new int[n * 4];
        int[] cl = new int[n * c.maxClicks()];
        int[] pu = new int[n * c.maxPurchases()];
        float[] labels = new float[n * 2];
        float[] prob = new float[n * 2];
        int[] users = new int[n];
        for (int i = 0; i < n; i++) {
            int u = rows.get(i)[0];
            int j = rows.get(i)[1];
            users[i] = u;
            categorical[4 * i] = knownUsers ? u + 2 : CtrLayout.OOV;
            categorical[4 * i + 1] = j + 2;
            categorical[4 * i + 2] = d.itemCategory()[j] + 2;
            categorical[4 * i + 3] = d.itemPrice()[j] + 2;
            int[] h = d.clickHistory()[u];
            for (int k = 0; k < h.length; k++) {
                cl[i * c.maxClicks() + k] = h[k] + 2;
            }
            h = d.purchaseHistory()[u];
            for (int k = 0; k < h.length; k++) {
                pu[i * c.maxPurchases() + k] = h[k] + 2;
            }
            double[] o = out.get(i);
            labels[2 * i] = (float) o[0];
            labels[2 * i + 1] = (float) o[1];
            prob[2 * i] = (float) o[2];
            prob[2 * i + 1] = (float) o[3];
        }
        return new Part(n, categorical, cl, pu, labels, prob, users);
    }

    private static int[] distinct(Random r, int n, int k) {
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            boolean again;
            do {
                out[i] = r.nextInt(n);
                again = false;
                for (int j = 0; j < i; j++) {
                    again |= out[j] == out[i];
                }
            } while (again);
        }
        return out;
    }

    private static int pick(Random r, List<Integer> pool) {
        return pool.get(r.nextInt(pool.size()));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
