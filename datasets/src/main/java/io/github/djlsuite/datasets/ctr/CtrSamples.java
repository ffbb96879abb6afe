package io.github.djlsuite.datasets.ctr;

import io.github.djlsuite.datasets.DataFormatException;
import io.github.djlsuite.datasets.DataRoot;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Readers for the six small CTR samples of {@code shared/datasets}, each with a bundled schema
 * ({@code /io/github/djlsuite/datasets/ctr/<dataset>.json}, see {@link CtrSchema}) and located with
 * {@link DataRoot#locate(String, Path)} ({@code dataOption} = the {@code --data} folder or null).
 *
 * <p>All are smoke-test samples (100–200 rows), not benchmarks. The files have no split except
 * taobao-ad-sample; the others get the seeded, first-label-stratified 80/10/10 split of {@link CtrCsv}.
 * The row count of each file is checked against its README ({@link DataFormatException} otherwise).
 * <ul>
 *   <li>{@link #criteo}: 200 rows; label; I1–I13 log-bucketed ({@code floor(ln(v)²)} for v &gt; 2,
 *       FinalMLP/FuxiCTR style) as categorical fields; C1–C26 categorical with {@code min_count} 10 (the
 *       FinalMLP spec), so most C fields keep only a few values: 39 categorical fields, no numeric. An empty
 *       value (the spec's "missing" token) is PAD, which has its own embedding row.</li>
 *   <li>{@link #avazu}: 100 rows; {@code click}; {@code id} dropped; 22 categorical fields (hour included:
 *       the sample has a single hour).</li>
 *   <li>{@link #movielens}: 200 ratings; label = rating ≥ 4 (the DIN spec's binarisation); user, movie,
 *       gender, age, occupation, zip categorical; genres a sequence (separator {@code |}, length 6);
 *       timestamp and title dropped.</li>
 *   <li>{@link #censusIncome}: 200 rows, two tasks as DeepCTR's {@code run_mtl.py}: {@code income} =
 *       ({@code income_50k} = "50000+.") and {@code marital} = ({@code marital_stat} = "Never married");
 *       {@code marital_stat} is therefore not a feature. DeepCTR's dense columns (age, wage, capital
 *       gains/losses, dividends, num_emp, own_or_self, vet_benefits, weeks_worked, year) are standardised;
 *       the rest categorical; the row id and {@code instance_weight} (a survey sampling weight, not an
 *       attribute of the person; DeepCTR keeps it) are dropped.</li>
 *   <li>{@link #dinAmazonElectronics}: 100 rows; target item and category categorical; the item and
 *       category histories are sequences (last 50 kept) sharing the vocabularies of the target item and
 *       category (DIN's shared embedding tables).</li>
 *   <li>{@link #taobaoAd}: its own train/valid/test files (100 rows each); {@code clk}; price standardised;
 *       ids categorical; {@code click_sequence} a sequence (separator {@code ^}, last 20) sharing
 *       {@code adgroup_id}'s vocabulary. <b>Caveat</b> ({@link CtrData#caveat()}): {@link #TAOBAO_CAVEAT}.</li>
 * </ul>
 * MovieLens-100K is not read here: the shared data README does not describe its format and the folder
 * is not kept (its terms forbid redistribution).
 */
public final class CtrSamples {

    /** The caveat attached to {@link #taobaoAd}. */
    public static final String TAOBAO_CAVEAT = "taobao-ad-sample: valid_sample.csv and test_sample.csv are"
            + " byte-identical and hold the same 100 impressions as train_sample.csv (13 rows differ), so the"
            + " test set is not independent of training: use it to check loading and pipelines only; any"
            + " metric measured on it is meaningless";

    /** Seed of the split when none is given. */
    public static final long DEFAULT_SEED = 0;

    private CtrSamples() {}

    /** criteo-sample with the default seed. */
    public static CtrData criteo(Path dataOption) throws IOException {
        return criteo(dataOption, DEFAULT_SEED);
    }

    /** criteo-sample: 200 rows split 160/20/20 with {@code seed}. */
    public static CtrData criteo(Path dataOption, long seed) throws IOException {
        return single("criteo-sample", "criteo_sample.txt", 200, dataOption, seed);
    }

    /** avazu-sample with the default seed. */
    public static CtrData avazu(Path dataOption) throws IOException {
        return avazu(dataOption, DEFAULT_SEED);
    }

    /** avazu-sample: 100 rows split 80/10/10 with {@code seed}. */
    public static CtrData avazu(Path dataOption, long seed) throws IOException {
        return single("avazu-sample", "avazu_sample.txt", 100, dataOption, seed);
    }

    /** movielens-sample with the default seed. */
    public static CtrData movielens(Path dataOption) throws IOException {
        return movielens(dataOption, DEFAULT_SEED);
    }

    /** movielens-sample: 200 ratings split 160/20/20 with {@code seed}. */
    public static CtrData movielens(Path dataOption, long seed) throws IOException {
        return single("movielens-sample", "movielens_sample.txt", 200, dataOption, seed);
    }

    /** census-income-sample with the default seed. */
    public static CtrData censusIncome(Path dataOption) throws IOException {
        return censusIncome(dataOption, DEFAULT_SEED);
    }

    /** census-income-sample: 200 rows, two tasks (income, marital), split 160/20/20 stratified on income. */
    public static CtrData censusIncome(Path dataOption, long seed) throws IOException {
        return single("census-income-sample", "census-income.sample", 200, dataOption, seed);
    }

    /** din-amazon-electronics-sample with the default seed. */
    public static CtrData dinAmazonElectronics(Path dataOption) throws IOException {
        return dinAmazonElectronics(dataOption, DEFAULT_SEED);
    }

    /** din-amazon-electronics-sample: 100 rows split 80/10/10 with {@code seed}. */
    public static CtrData dinAmazonElectronics(Path dataOption, long seed) throws IOException {
        return single("din-amazon-electronics-sample", "sample_data.txt", 100, dataOption, seed);
    }

    /**
     * taobao-ad-sample: FuxiCTR's train/valid/test files, 100 rows each, with the {@link #TAOBAO_CAVEAT}
     * caveat: the test rows are near-copies of the training rows.
     */
    public static CtrData taobaoAd(Path dataOption) throws IOException {
        String name = "taobao-ad-sample";
        Path dir = DataRoot.locate(name, dataOption);
        CtrSchema schema = CtrSchema.resource(name);
        CtrTable train = counted(CtrCsv.read(dir.resolve("train_sample.csv"), schema), 100);
        CtrTable valid = counted(CtrCsv.read(dir.resolve("valid_sample.csv"), schema), 100);
        CtrTable test = counted(CtrCsv.read(dir.resolve("test_sample.csv"), schema), 100);
        return CtrCsv.load(train, valid, test, DEFAULT_SEED).withCaveat(TAOBAO_CAVEAT);
    }

    private static CtrData single(String name, String file, int rows, Path dataOption, long seed)
            throws IOException {
        Path dir = DataRoot.locate(name, dataOption);
        CtrTable t = counted(CtrCsv.read(dir.resolve(file), CtrSchema.resource(name)), rows);
        return CtrCsv.load(t, null, null, seed);
    }

    private static CtrTable counted(CtrTable t, int expected) throws DataFormatException {
        if (t.size() != expected) {
            throw new DataFormatException(t.file(), "line " + (t.lines()[t.size() - 1] + 1), "expected " + expected
                    + " data rows as the dataset's README says, found " + t.size() + " (truncated or edited file?)");
        }
        return t;
    }
}
