package io.github.djlsuite.datasets.graph;

import io.github.djlsuite.datasets.DataFormatException;
import io.github.djlsuite.datasets.DataRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads HeCo's heterogeneous academic graphs (Wang et al., KDD 2021) from the converted CSVs (not {@code raw/}).
 *
 * <ul>
 *   <li>{@link #acm(Path)} ({@code acm-heco}): paper 4,019 (target, 3 classes, 1,902 row-normalised binary
 *       features), author 7,167, subject 60 (no features); relations {@code paper-author} (13,407 edges) and
 *       {@code paper-subject} (4,019: exactly one subject per paper). Meta-paths PAP, PSP.</li>
 *   <li>{@link #dblp(Path)} ({@code dblp-heco}): author 4,057 (target, 4 classes, 334 binary features), paper
 *       14,328 (4,231 term-count features), conference 20, term 7,723; relations {@code paper-author} (19,645),
 *       {@code paper-conference} (14,328: one venue per paper), {@code paper-term} (85,810). Meta-paths APA,
 *       APCPA, APTPA.</li>
 * </ul>
 *
 * <p>Splits {@code split_20}, {@code split_40}, {@code split_60}: 20/40/60 training nodes per class, 1,000
 * validation, 1,000 test (HeCo's fixed random splits). Every count above is checked (README); problems are
 * {@link DataFormatException}s naming the file and line.
 */
public final class HeCo {

    /** Split names, in order. */
    public static final String[] SPLITS = {"split_20", "split_40", "split_60"};

    private HeCo() {}

    /** Loads {@code acm-heco}, located with {@link DataRoot#locate(String, Path)} ({@code dataOption} may be null). */
    public static HeteroGraph acm(Path dataOption) throws IOException {
        return readAcm(DataRoot.locate("acm-heco", dataOption));
    }

    /** Loads {@code dblp-heco}, located with {@link DataRoot#locate(String, Path)} ({@code dataOption} may be null). */
    public static HeteroGraph dblp(Path dataOption) throws IOException {
        return readDblp(DataRoot.locate("dblp-heco", dataOption));
    }

    /** Reads ACM from the folder {@code dir}. */
    public static HeteroGraph readAcm(Path dir) throws IOException {
        int papers = 4019;
        HeteroGraph.Builder b = HeteroGraph.builder("acm-heco", "paper", 3);
        readTargets(dir.resolve("papers.csv.gz"), papers, 3, new int[] {1993, 965, 1061}, b);
        b.addNodeType("paper", papers, GraphCsv.readFeatures(dir.resolve("paper_features.csv.gz"), papers, 1902, 340377));
        b.addNodeType("author", 7167, null);
        b.addNodeType("subject", 60, null);
        int[][] pa = readRelation(dir.resolve("paper_author.csv.gz"), "paper,author", papers, 7167, 13407, false);
        int[][] ps = readRelation(dir.resolve("paper_subject.csv.gz"), "paper,subject", papers, 60, 4019, true);
        return b.addRelation("paper-author", "paper", "author", pa[0], pa[1])
                .addRelation("paper-subject", "paper", "subject", ps[0], ps[1]).build();
    }

    /** Reads DBLP from the folder {@code dir}. */
    public static HeteroGraph readDblp(Path dir) throws IOException {
        int authors = 4057;
        int papers = 14328;
        HeteroGraph.Builder b = HeteroGraph.builder("dblp-heco", "author", 4);
        readTargets(dir.resolve("authors.csv.gz"), authors, 4, new int[] {1197, 745, 1109, 1006}, b);
        b.addNodeType("author", authors, GraphCsv.readFeatures(dir.resolve("author_features.csv.gz"), authors, 334,
                48810));
        b.addNodeType("paper", papers, GraphCsv.readFeatures(dir.resolve("paper_features.csv.gz"), papers, 4231, 95030));
        b.addNodeType("conference", 20, null);
        b.addNodeType("term", 7723, null);
        int[][] pa = readRelation(dir.resolve("paper_author.csv.gz"), "paper,author", papers, authors, 19645, false);
        int[][] pc = readRelation(dir.resolve("paper_conference.csv.gz"), "paper,conference", papers, 20, 14328, true);
        int[][] pt = readRelation(dir.resolve("paper_term.csv.gz"), "paper,term", papers, 7723, 85810, false);
        return b.addRelation("paper-author", "paper", "author", pa[0], pa[1])
                .addRelation("paper-conference", "paper", "conference", pc[0], pc[1])
                .addRelation("paper-term", "paper", "term", pt[0], pt[1]).build();
    }

    /** {@code id,label,split_20,split_40,split_60}: labels, label counts and split sizes checked. */
    private static void readTargets(Path file, int n, int classes, int[] labelCounts, HeteroGraph.Builder b)
            throws IOException {
        int[] labels = new int[n];
        boolean[][][] masks = new boolean[3][3][n]; // [split][train|val|test][node]
        try (GraphCsv csv = new GraphCsv(file, "id,label,split_20,split_40,split_60")) {
            int i = 0;
            while (csv.next()) {
                if (i == n) {
                    throw csv.error("more than " + n + " rows");
                }
                if (csv.intField(0) != i) {
                    throw csv.error("id " + csv.field(0) + " out of order; expected " + i);
                }
                labels[i] = csv.index(1, classes, "label");
                for (int s = 0; s < 3; s++) {
                    String v = csv.field(2 + s);
                    switch (v) {
                        case "train" -> masks[s][0][i] = true;
                        case "val" -> masks[s][1][i] = true;
                        case "test" -> masks[s][2][i] = true;
                        case "none" -> { }
                        default -> throw csv.error(SPLITS[s] + " '" + GraphCsv.abbreviate(v)
                                + "' is not train, val, test or none");
                    }
                }
                i++;
            }
            if (i != n) {
                throw csv.error("file has " + i + " rows, expected " + n);
            }
            int[] counts = new int[classes];
            for (int l : labels) {
                counts[l]++;
            }
            if (!Arrays.equals(counts, labelCounts)) {
                throw csv.error("label counts " + Arrays.toString(counts) + " differ from the README's "
                        + Arrays.toString(labelCounts));
            }
            for (int s = 0; s < 3; s++) {
                int per = 20 * (s + 1);
                int[] trainPerClass = new int[classes];
                int val = 0;
                int test = 0;
                for (int j = 0; j < n; j++) {
                    if (masks[s][0][j]) {
                        trainPerClass[labels[j]]++;
                    }
                    val += masks[s][1][j] ? 1 : 0;
                    test += masks[s][2][j] ? 1 : 0;
                }
                if (Arrays.stream(trainPerClass).anyMatch(c -> c != per) || val != 1000 || test != 1000) {
                    throw csv.error(SPLITS[s] + " has train per class " + Arrays.toString(trainPerClass) + ", val "
                            + val + ", test " + test + "; expected " + per + " per class, 1000, 1000");
                }
            }
        }
        b.setLabels(labels);
        for (int s = 0; s < 3; s++) {
            b.addSplit(SPLITS[s], masks[s][0], masks[s][1], masks[s][2]);
        }
    }

    /**
     * Reads a two-column relation; ids in range, no duplicate pair, and the published row count.
     *
     * @param onePerSource each source id must appear exactly once (paper → subject / conference)
     */
    private static int[][] readRelation(Path file, String header, int nSrc, int nDst, int rows, boolean onePerSource)
            throws IOException {
        String[] cols = header.split(",");
        int[] src = new int[rows];
        int[] dst = new int[rows];
        java.util.Set<Long> seen = new java.util.HashSet<>(rows * 2);
        boolean[] hasOne = new boolean[nSrc];
        int e = 0;
        try (GraphCsv csv = new GraphCsv(file, header)) {
            while (csv.next()) {
                if (e == rows) {
                    throw csv.error("more than the " + rows + " rows of this relation");
                }
                int s = csv.index(0, nSrc, cols[0] + " id");
                int d = csv.index(1, nDst, cols[1] + " id");
                if (!seen.add(((long) s << 32) | d)) {
                    throw csv.error("pair (" + s + "," + d + ") appears twice");
                }
                if (onePerSource) {
                    if (hasOne[s]) {
                        throw csv.error(cols[0] + " " + s + " has more than one " + cols[1]);
                    }
                    hasOne[s] = true;
                }
                src[e] = s;
                dst[e] = d;
                e++;
            }
            if (e != rows) {
                throw csv.error("file has " + e + " rows, expected " + rows);
            }
        }
        return new int[][] {src, dst};
    }
}
