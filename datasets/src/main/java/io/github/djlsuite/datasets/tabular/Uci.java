package io.github.djlsuite.datasets.tabular;

import io.github.djlsuite.datasets.Splits;
import io.github.djlsuite.datasets.TextFile;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.ArrayDataset;
import io.github.djlsuite.datasets.DataFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Reads the five small classic tables in {@code shared/datasets/uci/} (scikit-learn 1.2.1's bundled copies):
 * iris, wine, breast cancer and the 8×8 digits (classification) and diabetes (regression).
 *
 * <p>Formats (see the folder's README):
 * <ul>
 *   <li>{@code iris.csv}, {@code wine_data.csv}, {@code breast_cancer.csv}: comma-separated; <b>line 1 is a special
 *       header</b> {@code n_samples,n_features,<class name 0>,<class name 1>,...}, then {@code n_samples} rows of
 *       {@code n_features} decimals and the integer class index.</li>
 *   <li>{@code digits.csv.gz}: no header, 1797 rows of 64 integer pixels (0–16, row-major 8×8) and the digit.</li>
 *   <li>{@code diabetes_data_raw.csv.gz}: space-separated, no header, 442 rows × 10 raw (unscaled) values;
 *       {@code diabetes_target.csv.gz}: 442 lines, one number each (the regression target, row i for patient i).</li>
 * </ul>
 *
 * <p>None of the files carries feature names; {@link Table#featureNames()} gives the names documented in the
 * README / scikit-learn (digits: {@code pixel_r_c}). Every problem (header that disagrees with the rows or, for
 * the known sets, with the published header; wrong field count; unparsable or non-finite number; class index out
 * of range; row count or class counts different from the published ones; blank lines; missing final newline;
 * corrupt gzip) is a {@link DataFormatException} naming the file and line (line 1 is the first line of the file).
 * A missing file is a {@link java.nio.file.NoSuchFileException}.
 *
 * <p><b>Split.</b> No set has an official train/test split; {@link Table#split(double, long)} is this suite's
 * documented seeded (stratified, for classification) split. The digits rows are themselves the UCI test portion.
 */
public final class Uci {

    /** The five tables, with their files and published facts. */
    public enum Name {
        /** Iris: 150 × 4, 3 classes (50 each). */
        IRIS("iris.csv", "150,4,setosa,versicolor,virginica", 150, 4, new int[] {50, 50, 50},
                List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)")),
        /** Wine: 178 × 13, 3 classes (59, 71, 48). */
        WINE("wine_data.csv", "178,13,class_0,class_1,class_2", 178, 13, new int[] {59, 71, 48},
                List.of("alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
                        "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
                        "od280/od315_of_diluted_wines", "proline")),
        /** Wisconsin diagnostic breast cancer: 569 × 30, 2 classes (212 malignant, 357 benign). */
        BREAST_CANCER("breast_cancer.csv", "569,30,malignant,benign", 569, 30, new int[] {212, 357},
                breastCancerNames()),
        /** Optical digits (UCI test portion): 1797 × 64 pixels (0–16), 10 classes. */
        DIGITS("digits.csv.gz", null, 1797, 64, new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180},
                digitNames()),
        /** Diabetes (Efron et al. 2004), raw unscaled features: 442 × 10, regression target 25–346. */
        DIABETES("diabetes_data_raw.csv.gz", null, 442, 10, null,
                List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"));

        private final String file;
        private final String header;
        private final int rows;
        private final int features;
        private final int[] classCounts;
        private final List<String> featureNames;

        Name(String file, String header, int rows, int features, int[] classCounts, List<String> featureNames) {
            this.file = file;
            this.header = header;
            this.rows = rows;
            this.features = features;
            this.classCounts = classCounts;
            this.featureNames = featureNames;
        }

        /** The data file's name inside the {@code uci} folder. */
        public String fileName() {
            return file;
        }

        /** Published number of rows. */
        public int rows() {
            return rows;
        }

        /** Published number of features. */
        public int numFeatures() {
            return features;
        }

        /** True for the four classification sets, false for diabetes. */
        public boolean isClassification() {
            return classCounts != null;
        }

        /** Published per-class counts (a copy), or {@code null} for diabetes. */
        public int[] publishedClassCounts() {
            return classCounts == null ? null : classCounts.clone();
        }
    }

    /** File holding the diabetes regression target. */
    public static final String DIABETES_TARGET = "diabetes_target.csv.gz";

    private Uci() {}

    /**
     * A loaded table: features row-major, and either class labels or regression targets.
     *
     * @param name         a display name
     * @param numFeatures  F, the number of columns
     * @param features     N×F values, row-major (row i at {@code [i*F, (i+1)*F)})
     * @param labels       N class indices 0 … C−1, or {@code null} for a regression table
     * @param targets      N regression targets, or {@code null} for a classification table
     * @param classNames   the C class names (from the special header; {@code "0"…"9"} for digits), empty for regression
     * @param featureNames the F feature names (documented names; the files themselves have none)
     */
    public record Table(String name, int numFeatures, float[] features, int[] labels, float[] targets,
            List<String> classNames, List<String> featureNames) {

        /** Checks the shapes agree. */
        public Table {
            Objects.requireNonNull(features, "features");
            if ((labels == null) == (targets == null)) {
                throw new IllegalArgumentException("exactly one of labels and targets must be given");
            }
            int n = labels != null ? labels.length : targets.length;
            if (numFeatures <= 0 || features.length != (long) n * numFeatures) {
                throw new IllegalArgumentException("features length " + features.length + " is not " + n + " x "
                        + numFeatures);
            }
            classNames = List.copyOf(classNames);
            featureNames = List.copyOf(featureNames);
        }

        /** Number of rows N. */
        public int rows() {
            return labels != null ? labels.length : targets.length;
        }

        /** True when the table has class labels (not regression targets). */
        public boolean isClassification() {
            return labels != null;
        }

        /** Number of classes C (0 for regression). */
        public int numClasses() {
            return classNames.size();
        }

        /** Rows per class (length C; empty for regression). */
        public int[] classCounts() {
            int[] c = new int[numClasses()];
            if (labels != null) {
                for (int y : labels) {
                    c[y]++;
                }
            }
            return c;
        }

        /** The value at ({@code row}, {@code col}). */
        public float feature(int row, int col) {
            Objects.checkIndex(col, numFeatures);
            return features[Objects.checkIndex(row, rows()) * numFeatures + col];
        }

        /** A copy of one row's features. */
        public float[] row(int row) {
            Objects.checkIndex(row, rows());
            return Arrays.copyOfRange(features, row * numFeatures, (row + 1) * numFeatures);
        }

        /** A new table with the given rows, in the given order. */
        public Table subset(int[] rows) {
            float[] f = new float[rows.length * numFeatures];
            int[] l = labels == null ? null : new int[rows.length];
            float[] t = targets == null ? null : new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                int r = Objects.checkIndex(rows[i], rows());
                System.arraycopy(features, r * numFeatures, f, i * numFeatures, numFeatures);
                if (l != null) {
                    l[i] = labels[r];
                } else {
                    t[i] = targets[r];
                }
            }
            return new Table(name, numFeatures, f, l, t, classNames, featureNames);
        }

        /**
         * The suite's seeded train/test split (no set has an official one).
         *
         * <p>Algorithm, fixed so results are reproducible: {@code rnd = new java.util.Random(seed)}; for each class
         * c = 0, 1, … in order (for a regression table: one group of all rows), take its row indices in file order,
         * {@link Collections#shuffle(List, Random) shuffle} them with {@code rnd}, and put the first
         * {@code Math.round(count_c * testFraction)} in test and the rest in train. Both index lists are then sorted
         * ascending (file order). Classification splits are therefore stratified: every class keeps its proportion.
         *
         * @param testFraction fraction of each class that goes to test, strictly between 0 and 1
         * @param seed         seed of the {@link Random}
         * @return the two parts and their row indices
         * @throws IllegalArgumentException if the fraction is out of range or either part would be empty
         */
        public Split split(double testFraction, long seed) {
            int[][] parts = labels == null
                    ? Splits.stratified(new int[rows()], 1, testFraction, seed)
                    : Splits.stratified(labels, numClasses(), testFraction, seed);
            int[] tr = parts[0];
            int[] te = parts[1];
            return new Split(subset(tr), subset(te), tr, te);
        }

        /**
         * A DJL dataset: data (N, F) float32 (raw values, no scaling), labels (N) float32 (the class index, or the
         * regression target).
         *
         * @param manager   creates (and owns) the two arrays
         * @param batchSize batch size, clamped to N; must be positive
         * @param shuffle   draw batches in random order
         * @throws IllegalArgumentException if {@code batchSize <= 0} or the table is empty
         */
        public ArrayDataset toDataset(NDManager manager, int batchSize, boolean shuffle) {
            Objects.requireNonNull(manager, "manager");
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
            }
            int n = rows();
            if (n == 0) {
                throw new IllegalArgumentException("empty table");
            }
            NDArray data = manager.create(features, new Shape(n, numFeatures));
            float[] y = targets;
            if (y == null) {
                y = new float[n];
                for (int i = 0; i < n; i++) {
                    y[i] = labels[i];
                }
            }
            NDArray lab = manager.create(y, new Shape(n));
            return new ArrayDataset.Builder()
                    .setData(data)
                    .optLabels(lab)
                    .setSampling(Math.min(batchSize, n), shuffle)
                    .build();
        }
    }

    /**
     * The two parts of {@link Table#split(double, long)}.
     *
     * @param train        the training rows
     * @param test         the test rows
     * @param trainIndices their row indices in the original table, ascending
     * @param testIndices  their row indices in the original table, ascending
     */
    public record Split(Table train, Table test, int[] trainIndices, int[] testIndices) {}

    /**
     * Loads one of the five tables from the {@code uci} folder and checks the published facts (header, rows,
     * features, class counts).
     *
     * @param dir  the {@code uci} folder
     * @param name which table
     * @return the table (diabetes: raw features and targets from its two files)
     * @throws DataFormatException if a file is malformed or disagrees with the published facts
     * @throws IOException         if a file is missing or unreadable
     */
    public static Table load(Path dir, Name name) throws IOException {
        Path file = dir.resolve(name.file);
        Table t = switch (name) {
            case IRIS, WINE, BREAST_CANCER -> readClassificationCsv(file, name);
            case DIGITS -> readDigits(file);
            case DIABETES -> readDiabetes(file, dir.resolve(DIABETES_TARGET));
        };
        if (t.rows() != name.rows) {
            throw new DataFormatException(file, "line " + (t.rows() + (name.header != null ? 1 : 0)),
                    "file has " + t.rows() + " rows, but " + name + " has " + name.rows + ": truncated or padded");
        }
        if (name.classCounts != null && !Arrays.equals(t.classCounts(), name.classCounts)) {
            throw new DataFormatException(file, "whole file", "class counts " + Arrays.toString(t.classCounts())
                    + " differ from the published " + Arrays.toString(name.classCounts));
        }
        return t;
    }

    /** {@link #load} of {@link Name#IRIS}. @param dir the {@code uci} folder @return the table @throws IOException as {@link #load} */
    public static Table iris(Path dir) throws IOException {
        return load(dir, Name.IRIS);
    }

    /** {@link #load} of {@link Name#WINE}. @param dir the {@code uci} folder @return the table @throws IOException as {@link #load} */
    public static Table wine(Path dir) throws IOException {
        return load(dir, Name.WINE);
    }

    /** {@link #load} of {@link Name#BREAST_CANCER}. @param dir the {@code uci} folder @return the table @throws IOException as {@link #load} */
    public static Table breastCancer(Path dir) throws IOException {
        return load(dir, Name.BREAST_CANCER);
    }

    /** {@link #load} of {@link Name#DIGITS}. @param dir the {@code uci} folder @return the table @throws IOException as {@link #load} */
    public static Table digits(Path dir) throws IOException {
        return load(dir, Name.DIGITS);
    }

    /** {@link #load} of {@link Name#DIABETES}. @param dir the {@code uci} folder @return the table @throws IOException as {@link #load} */
    public static Table diabetes(Path dir) throws IOException {
        return load(dir, Name.DIABETES);
    }

    /**
     * Reads any CSV in scikit-learn's special-first-line format ({@code n_samples,n_features,<class names>...}),
     * checking the rows against that header but not against published facts. Feature names are {@code x0, x1, …}.
     *
     * @param file the CSV file
     * @return the classification table
     * @throws DataFormatException if the file is malformed or disagrees with its own header
     * @throws IOException         if it is missing or unreadable
     */
    public static Table readClassificationCsv(Path file) throws IOException {
        return readClassificationCsv(file, null);
    }

    private static Table readClassificationCsv(Path file, Name known) throws IOException {
        List<String> lines = TextFile.lines(file, TextFile.readAll(file));
        if (lines.isEmpty()) {
            throw new DataFormatException(file, "line 1", "empty file; expected the header n_samples,n_features,<class names>");
        }
        String head = lines.get(0);
        String[] h = head.split(",", -1);
        if (h.length < 3) {
            throw new DataFormatException(file, "line 1", "header '" + head
                    + "' is not n_samples,n_features,<class name 0>,<class name 1>,...");
        }
        int n = headerInt(file, h[0], "n_samples");
        int f = headerInt(file, h[1], "n_features");
        List<String> classes = new ArrayList<>(Arrays.asList(h).subList(2, h.length));
        for (String c : classes) {
            if (c.isEmpty()) {
                throw new DataFormatException(file, "line 1", "empty class name in header '" + head + "'");
            }
        }
        if (known != null && !head.equals(known.header)) {
            throw new DataFormatException(file, "line 1", "header '" + head + "' differs from the published '"
                    + known.header + "'");
        }
        if (lines.size() - 1 != n) {
            throw new DataFormatException(file, "line " + lines.size(), "header promises " + n + " rows but the file has "
                    + (lines.size() - 1) + ": truncated, padded or with injected lines");
        }
        float[] x = new float[n * f];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int lineNo = i + 2;
            String[] p = lines.get(i + 1).split(",", -1);
            if (p.length != f + 1) {
                throw new DataFormatException(file, "line " + lineNo, "has " + p.length + " fields, expected "
                        + (f + 1) + " (" + f + " features and the class index)");
            }
            for (int j = 0; j < f; j++) {
                x[i * f + j] = number(file, lineNo, j + 1, p[j]);
            }
            int c = integer(file, lineNo, f + 1, p[f]);
            if (c < 0 || c >= classes.size()) {
                throw new DataFormatException(file, "line " + lineNo, "class index " + c + " is not 0.."
                        + (classes.size() - 1));
            }
            y[i] = c;
        }
        List<String> names = known != null ? known.featureNames : genericNames(f);
        String display = known != null ? known.name().toLowerCase(java.util.Locale.ROOT) : file.getFileName().toString();
        return new Table(display, f, x, y, null, classes, names);
    }

    private static Table readDigits(Path file) throws IOException {
        List<String> lines = TextFile.lines(file, TextFile.readAll(file));
        int n = lines.size();
        int f = 64;
        float[] x = new float[n * f];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int lineNo = i + 1;
            String[] p = lines.get(i).split(",", -1);
            if (p.length != f + 1) {
                throw new DataFormatException(file, "line " + lineNo, "has " + p.length
                        + " fields, expected 65 (64 pixels and the digit)");
            }
            for (int j = 0; j < f; j++) {
                int v = integer(file, lineNo, j + 1, p[j]);
                if (v < 0 || v > 16) {
                    throw new DataFormatException(file, "line " + lineNo, "pixel " + j + " = " + v + " is not 0..16");
                }
                x[i * f + j] = v;
            }
            int d = integer(file, lineNo, f + 1, p[f]);
            if (d < 0 || d > 9) {
                throw new DataFormatException(file, "line " + lineNo, "digit " + d + " is not 0..9");
            }
            y[i] = d;
        }
        List<String> classes = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            classes.add(Integer.toString(d));
        }
        return new Table("digits", f, x, y, null, classes, Name.DIGITS.featureNames);
    }

    private static Table readDiabetes(Path dataFile, Path targetFile) throws IOException {
        List<String> lines = TextFile.lines(dataFile, TextFile.readAll(dataFile));
        int n = lines.size();
        int f = 10;
        float[] x = new float[n * f];
        for (int i = 0; i < n; i++) {
            String[] p = lines.get(i).split(" ", -1);
            if (p.length != f) {
                throw new DataFormatException(dataFile, "line " + (i + 1), "has " + p.length
                        + " space-separated fields, expected 10");
            }
            for (int j = 0; j < f; j++) {
                x[i * f + j] = number(dataFile, i + 1, j + 1, p[j]);
            }
        }
        List<String> tl = TextFile.lines(targetFile, TextFile.readAll(targetFile));
        if (tl.size() != n) {
            throw new DataFormatException(targetFile, "line " + tl.size(), "has " + tl.size()
                    + " targets but " + dataFile.getFileName() + " has " + n + " rows");
        }
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            t[i] = number(targetFile, i + 1, 1, tl.get(i));
        }
        if (n != Name.DIABETES.rows) {
            // name the target file too: both must have 442 lines
            throw new DataFormatException(dataFile, "line " + n, "file has " + n + " rows, but diabetes has 442");
        }
        return new Table("diabetes", f, x, null, t, List.of(), Name.DIABETES.featureNames);
    }

    private static int headerInt(Path file, String s, String what) throws DataFormatException {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new DataFormatException(file, "line 1", what + " '" + s + "' is not a non-negative integer");
        }
        int v = Integer.parseInt(s);
        if (what.equals("n_features") && v == 0) {
            throw new DataFormatException(file, "line 1", "n_features must be positive");
        }
        return v;
    }

    private static int integer(Path file, int line, int field, String s) throws DataFormatException {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() <= start || s.length() > 9 || !s.substring(start).chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new DataFormatException(file, "line " + line + ", field " + field, "'" + s + "' is not an integer");
        }
        return Integer.parseInt(s);
    }

    /** A decimal like {@code 5.1}, {@code -3}, {@code 1.5e+02}; no spaces, no NaN/Infinity, no Java suffixes. */
    private static float number(Path file, int line, int field, String s) throws DataFormatException {
        boolean ok = !s.isEmpty();
        for (int k = 0; ok && k < s.length(); k++) {
            char ch = s.charAt(k);
            ok = (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E';
        }
        if (ok) {
            try {
                float v = Float.parseFloat(s);
                if (Float.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new DataFormatException(file, "line " + line + ", field " + field, "'" + s + "' is not a finite decimal number");
    }

    private static List<String> genericNames(int f) {
        List<String> names = new ArrayList<>(f);
        for (int j = 0; j < f; j++) {
            names.add("x" + j);
        }
        return names;
    }

    private static List<String> breastCancerNames() {
        String[] m = {"radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
            "concave points", "symmetry", "fractal dimension"};
        List<String> names = new ArrayList<>(30);
        for (String s : m) {
            names.add("mean " + s);
        }
        for (String s : m) {
            names.add(s + " error");
        }
        for (String s : m) {
            names.add("worst " + s);
        }
        return List.copyOf(names);
    }

    private static List<String> digitNames() {
        List<String> names = new ArrayList<>(64);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                names.add("pixel_" + r + "_" + c);
            }
        }
        return List.copyOf(names);
    }
}
