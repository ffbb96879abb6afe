package io.github.djlsuite.datasets;

import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.model.TokenData;
import io.github.djlsuite.core.model.VectorData;
import io.github.djlsuite.datasets.ctr.CtrCsv;
import io.github.djlsuite.datasets.ctr.CtrData;
import io.github.djlsuite.datasets.ctr.CtrSamples;
import io.github.djlsuite.datasets.ctr.CtrSchema;
import io.github.djlsuite.datasets.ctr.PlantedCtrCsv;
import io.github.djlsuite.datasets.graph.Graph;
import io.github.djlsuite.datasets.graph.Planetoid;
import io.github.djlsuite.datasets.image.ImageDatasets;
import io.github.djlsuite.datasets.synthetic.PlantedCtr;
import io.github.djlsuite.datasets.tabular.Uci;
import io.github.djlsuite.datasets.text.ListOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Datasets by the names {@code suite train --data NAME} accepts, made ready for training as
 * {@link TaskData}. Where a dataset has no validation split, the one used here is stated in
 * {@link VectorData#splitNote()} and in {@link #names()}:
 * <ul>
 *   <li>{@code mnist}: the official 60,000 / 10,000 split; validation = a seeded class-stratified
 *       5,000 of the 60,000 training images (seed 0), training on the other 55,000;</li>
 *   <li>{@code fashion-mnist}: the suite's documented 60,000 / 10,000 split
 *       ({@link ImageDatasets#fashionMnistRaw}), validation drawn the same way;</li>
 *   <li>{@code uci/iris}, {@code uci/wine}, {@code uci/breast-cancer}, {@code uci/digits}: seeded
 *       stratified 20% test ({@link Uci.Table#split}), then 20% of the rest as validation;
 *       features standardised with the training part's mean and standard deviation;</li>
 *   <li>{@code cora}, {@code citeseer}, {@code pubmed}: the Planetoid public split ({@link Planetoid});</li>
 *   <li>the CTR samples ({@code criteo-sample}, ...; {@link CtrSamples}: seeded 80/10/10 unless the folder
 *       has its own files) and {@code ctr-planted}: 200,000 rows of {@link PlantedCtr#finalMlp} (seed 0)
 *       written as CSV + schema and read back through {@link CtrCsv}, the path a user's own files take
 *       ({@link #ctrFiles}).</li>
 *   <li>{@code listops}: the only ListOps file here (the depth-20 test file, 10,000 rows; its caveat
 *       is carried): seeded stratified 80/10/10 (seed 0), parentheses dropped, padded to the 95th
 *       percentile of the training part's lengths ({@link #listops}).</li>
 * </ul>
 */
public final class Tasks {

    /** Seed of every split drawn here. */
    public static final long SPLIT_SEED = 0L;

    /** The real CTR samples, read by {@link CtrSamples}. */
    private static final List<String> CTR_SAMPLES = List.of("criteo-sample", "avazu-sample", "movielens-sample",
            "census-income-sample", "din-amazon-electronics-sample", "taobao-ad-sample");

    /** Planted-interaction CTR logs ({@link PlantedCtr#finalMlp}), generated on the fly. */
    public static final String CTR_PLANTED = "ctr-planted";

    /** Rows of {@link #CTR_PLANTED}, the FinalMLP reproduction's size. */
    public static final int CTR_PLANTED_ROWS = 200_000;

    /** ListOps as token sequences ({@link #listops}). */
    public static final String LISTOPS = "listops";

    /** The percentile of the training lengths that {@link #LISTOPS} is padded (and cut) to. */
    public static final double LISTOPS_LENGTH_PERCENTILE = 95;

    private static final Map<String, DataKind> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("mnist", DataKind.VECTORS);
        NAMES.put("fashion-mnist", DataKind.VECTORS);
        for (Uci.Name n : Uci.Name.values()) {
            if (n.isClassification()) {
                NAMES.put(uciName(n), DataKind.VECTORS);
            }
        }
        NAMES.put("cora", DataKind.GRAPH);
        NAMES.put("citeseer", DataKind.GRAPH);
        NAMES.put("pubmed", DataKind.GRAPH);
        for (String ctr : CTR_SAMPLES) {
            NAMES.put(ctr, DataKind.CTR);
        }
        NAMES.put(CTR_PLANTED, DataKind.CTR);
        NAMES.put(LISTOPS, DataKind.TOKENS);
    }

    private Tasks() {}

    private static String uciName(Uci.Name n) {
        return "uci/" + n.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every dataset name this class loads, with its kind, in a stable order. */
    public static Map<String, DataKind> names() {
        return java.util.Collections.unmodifiableMap(NAMES);
    }

    /**
     * Loads {@code name} from the data search path ({@code dataOption}, then {@code SUITE_DATA}, then
     * the cache; see {@link DataRoot}).
     *
     * @throws IllegalArgumentException naming the known datasets when {@code name} is unknown
     * @throws DatasetNotFoundException when the files are not found
     * @throws DataFormatException when a file is corrupt
     */
    public static TaskData load(String name, Path dataOption) throws IOException {
        String key = name.toLowerCase(Locale.ROOT);
        if (!NAMES.containsKey(key)) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known: "
                    + String.join(", ", NAMES.keySet()));
        }
        if (key.equals("mnist") || key.equals("fashion-mnist")) {
            return images(key, dataOption);
        }
        if (key.startsWith("uci/")) {
            for (Uci.Name n : Uci.Name.values()) {
                if (uciName(n).equals(key)) {
                    return uci(key, n, dataOption);
                }
            }
        }
        if (NAMES.get(key) == DataKind.CTR) {
            return ctr(key, dataOption);
        }
        if (key.equals(LISTOPS)) {
            return listops(ListOps.load(DataRoot.locate(LISTOPS, dataOption)));
        }
        Graph g = Planetoid.load(DataRoot.locate(key, dataOption), key);
        return new TaskData(key, DataKind.GRAPH, g, g.caveat().map(List::of).orElse(List.of()));
    }

    private static TaskData ctr(String key, Path dataOption) throws IOException {
        CtrData d = switch (key) {
            case "criteo-sample" -> CtrSamples.criteo(dataOption);
            case "avazu-sample" -> CtrSamples.avazu(dataOption);
            case "movielens-sample" -> CtrSamples.movielens(dataOption);
            case "census-income-sample" -> CtrSamples.censusIncome(dataOption);
            case "din-amazon-electronics-sample" -> CtrSamples.dinAmazonElectronics(dataOption);
            case "taobao-ad-sample" -> CtrSamples.taobaoAd(dataOption);
            case CTR_PLANTED -> planted();
            default -> throw new IllegalStateException(key);
        };
        return new TaskData(key, DataKind.CTR, d, d.caveat().map(List::of).orElse(List.of()));
    }

    /** The planted logs go through the same CSV + schema path as a user's own files. */
    private static CtrData planted() throws IOException {
        Path dir = Files.createTempDirectory("ctr-planted-");
        try {
            PlantedCtrCsv.write(PlantedCtr.finalMlp(CTR_PLANTED_ROWS, SPLIT_SEED), dir, SPLIT_SEED);
            return CtrCsv.load(dir.resolve("train.csv"), dir.resolve("valid.csv"), dir.resolve("test.csv"),
                    CtrSchema.read(dir.resolve("schema.json")), SPLIT_SEED);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * A user's own CTR data: one CSV (split 80/10/10, seeded, stratified on the first label) or three
     * (train, validation, test), described by a schema file ({@link CtrSchema}, format in datasets/README.md).
     *
     * @throws IllegalArgumentException when the number of files is not 1 or 3
     * @throws DataFormatException naming the file, line and field when the schema and the CSV disagree
     */
    public static TaskData ctrFiles(List<Path> csv, Path schemaFile) throws IOException {
        if (csv.size() != 1 && csv.size() != 3) {
            throw new IllegalArgumentException("give one CSV, or three (train,valid,test), got " + csv.size());
        }
        for (Path p : csv) {
            if (!Files.isRegularFile(p)) {
                throw new java.io.FileNotFoundException("CSV file " + p + " does not exist");
            }
        }
        if (!Files.isRegularFile(schemaFile)) {
            throw new java.io.FileNotFoundException("schema file " + schemaFile + " does not exist");
        }
        CtrSchema schema = CtrSchema.read(schemaFile);
        CtrData d = csv.size() == 1 ? CtrCsv.load(csv.get(0), null, null, schema, SPLIT_SEED)
                : CtrCsv.load(csv.get(0), csv.get(1), csv.get(2), schema, SPLIT_SEED);
        String name = csv.size() == 1 ? csv.get(0).toString() : String.join(",", csv.stream().map(Path::toString).toList());
        return new TaskData(name, DataKind.CTR, d, List.of());
    }

    /**
     * ListOps as {@link TokenData}: the 10,000 rows of the test file (the only one here) split
     * seeded and stratified 80/10/10 ({@link Splits#stratified}, seed {@link #SPLIT_SEED}: 10% test,
     * then 1/9 of the rest validation); the tree parentheses {@code ( )} dropped, as LRA does for
     * flat sequence models (they encode only the binarised tree, which the operators and {@code ]}
     * already fix), leaving 1–939 tokens, mean 42.8; every part padded with PAD (0) to L = the
     * {@value #LISTOPS_LENGTH_PERCENTILE}th percentile (nearest rank) of the training part's lengths,
     * longer rows cut to their first L tokens (counts per part in the split note). Ids are
     * {@link ListOps#VOCAB}'s (18 with padding; 16 and 17, the parentheses, never occur). The
     * {@link ListOps#caveat()} (test file only, not LRA) is the task's caveat.
     */
    static TaskData listops(ListOps all) {
        int[][] outer = Splits.stratified(all.labels(), 10, 0.1, SPLIT_SEED);
        ListOps rest = all.subset(outer[0]);
        int[][] inner = Splits.stratified(rest.labels(), 10, 1.0 / 9, SPLIT_SEED);
        ListOps train = rest.subset(inner[0]);
        ListOps valid = rest.subset(inner[1]);
        ListOps test = all.subset(outer[1]);
        int[] lengths = IntStream.range(0, train.size()).map(i -> train.ids(i, true).length).sorted().toArray();
        int rank = (int) Math.ceil(LISTOPS_LENGTH_PERCENTILE / 100 * lengths.length); // nearest rank, 1-based
        int maxLength = lengths[Math.max(0, rank - 1)];
        ListOps.Padded tr = train.pad(maxLength, true);
        ListOps.Padded va = valid.pad(maxLength, true);
        ListOps.Padded te = test.pad(maxLength, true);
        List<String> classes = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
        String note = String.format(Locale.ROOT, "ListOps test file only, seeded stratified 80/10/10 (seed %d):"
                + " %d/%d/%d rows; parentheses dropped; padded to L = %d (%.0fth percentile of training lengths),"
                + " rows cut to L: %d train, %d validation, %d test", SPLIT_SEED, train.size(), valid.size(),
                test.size(), maxLength, LISTOPS_LENGTH_PERCENTILE, tr.truncated(), va.truncated(), te.truncated());
        TokenData d = new TokenData(tr.ids(), train.labels(), va.ids(), valid.labels(), te.ids(), test.labels(),
                maxLength, ListOps.VOCAB, List.of("(", ")"), classes, note);
        return new TaskData(LISTOPS, DataKind.TOKENS, d, List.of(all.caveat(), String.format(Locale.ROOT,
                "%d of %d test rows are longer than L = %d and were cut to their first %d tokens", te.truncated(),
                test.size(), maxLength, maxLength)));
    }

    private static TaskData images(String key, Path dataOption) throws IOException {
        boolean mnist = key.equals("mnist");
        Path dir = DataRoot.locate(key, dataOption);
        ImageDatasets.Raw train = mnist ? ImageDatasets.mnistRaw(dir, ImageDatasets.Split.TRAIN)
                : ImageDatasets.fashionMnistRaw(dir, ImageDatasets.Split.TRAIN);
        ImageDatasets.Raw test = mnist ? ImageDatasets.mnistRaw(dir, ImageDatasets.Split.TEST)
                : ImageDatasets.fashionMnistRaw(dir, ImageDatasets.Split.TEST);
        int[][] parts = Splits.stratified(train.labels(), ImageDatasets.NUM_CLASSES,
                5000.0 / train.count(), SPLIT_SEED);
        List<String> classes = IntStream.range(0, ImageDatasets.NUM_CLASSES).mapToObj(Integer::toString).toList();
        VectorData v = new VectorData(pixels(train, parts[0]), labels(train.labels(), parts[0]),
                pixels(train, parts[1]), labels(train.labels(), parts[1]),
                pixels(test, null), test.labels().clone(), ImageDatasets.PIXELS, classes,
                (mnist ? "official train/test" : "the suite's seeded stratified 60,000/10,000 split")
                        + "; validation = seeded stratified 5,000 of the training images (seed 0)");
        List<String> caveats = mnist ? List.of() : List.of("fashion-mnist has no official split in this folder:"
                + " the split is the suite's seeded stratified one, not comparable with published test accuracies");
        return new TaskData(key, DataKind.VECTORS, v, caveats);
    }

    private static float[] pixels(ImageDatasets.Raw raw, int[] rows) {
        int n = rows == null ? raw.count() : rows.length;
        float[] out = new float[n * ImageDatasets.PIXELS];
        byte[] img = raw.images();
        for (int i = 0; i < n; i++) {
            int src = (rows == null ? i : rows[i]) * ImageDatasets.PIXELS;
            for (int p = 0; p < ImageDatasets.PIXELS; p++) {
                out[i * ImageDatasets.PIXELS + p] = (img[src + p] & 0xFF) / 255f;
            }
        }
        return out;
    }

    private static int[] labels(int[] labels, int[] rows) {
        return Arrays.stream(rows).map(r -> labels[r]).toArray();
    }

    private static TaskData uci(String key, Uci.Name name, Path dataOption) throws IOException {
        Uci.Table table = Uci.load(DataRoot.locate("uci", dataOption), name);
        Uci.Split outer = table.split(0.2, SPLIT_SEED);
        Uci.Split inner = outer.train().split(0.2, SPLIT_SEED);
        Uci.Table train = inner.train();
        int f = table.numFeatures();
        double[] mean = new double[f];
        double[] std = new double[f];
        for (int r = 0; r < train.rows(); r++) {
            for (int c = 0; c < f; c++) {
                mean[c] += train.feature(r, c) / train.rows();
            }
        }
        for (int r = 0; r < train.rows(); r++) {
            for (int c = 0; c < f; c++) {
                double d = train.feature(r, c) - mean[c];
                std[c] += d * d / train.rows();
            }
        }
        for (int c = 0; c < f; c++) {
            std[c] = Math.sqrt(std[c]);
            if (std[c] < 1e-12) {
                std[c] = 1; // a constant column stays at 0 after centring
            }
        }
        float[] shift = new float[f];
        float[] scale = new float[f];
        for (int c = 0; c < f; c++) {
            shift[c] = (float) mean[c];
            scale[c] = (float) std[c];
        }
        VectorData v = new VectorData(standardise(train, mean, std), train.labels().clone(),
                standardise(inner.test(), mean, std), inner.test().labels().clone(),
                standardise(outer.test(), mean, std), outer.test().labels().clone(), f, table.classNames(),
                "no official split: seeded stratified 20% test, 20% of the rest validation (seed 0);"
                        + " features standardised with training statistics", shift, scale);
        return new TaskData(key, DataKind.VECTORS, v, List.of());
    }

    private static float[] standardise(Uci.Table t, double[] mean, double[] std) {
        int f = mean.length;
        float[] out = new float[t.rows() * f];
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < f; c++) {
                out[r * f + c] = (float) ((t.feature(r, c) - mean[c]) / std[c]);
            }
        }
        return out;
    }
}
