package io.github.djlsuite.datasets;

import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.TaskData;
import io.github.djlsuite.core.model.VectorData;
import io.github.djlsuite.datasets.graph.Graph;
import io.github.djlsuite.datasets.graph.Planetoid;
import io.github.djlsuite.datasets.image.ImageDatasets;
import io.github.djlsuite.datasets.tabular.Uci;
import java.io.IOException;
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
 *   <li>{@code cora}, {@code citeseer}, {@code pubmed}: the Planetoid public split ({@link Planetoid}).</li>
 * </ul>
 */
public final class Tasks {

    /** Seed of every split drawn here. */
    public static final long SPLIT_SEED = 0L;

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
        Graph g = Planetoid.load(DataRoot.locate(key, dataOption), key);
        return new TaskData(key, DataKind.GRAPH, g, g.caveat().map(List::of).orElse(List.of()));
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
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < table.numClasses(); k++) {
            classes.add(Integer.toString(k));
        }
        VectorData v = new VectorData(standardise(train, mean, std), train.labels().clone(),
                standardise(inner.test(), mean, std), inner.test().labels().clone(),
                standardise(outer.test(), mean, std), outer.test().labels().clone(), f, classes,
                "no official split: seeded stratified 20% test, 20% of the rest validation (seed 0);"
                        + " features standardised with training statistics");
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
