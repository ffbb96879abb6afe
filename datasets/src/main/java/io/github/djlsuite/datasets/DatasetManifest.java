package io.github.djlsuite.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the suite knows about each dataset, bundled as resources so it does not depend on a README
 * being present: every file with its size and sha256 (copied from the datasets' READMEs), a
 * one-line description, the caveat a user must read where there is one, and where the data comes
 * from: for a dataset whose files are byte-identical copies of upstream files at a pinned commit,
 * each file's URL ({@link Origin#FILES}); otherwise one sentence saying what to do instead of
 * downloading ({@link Origin#CONVERTED}, {@link Origin#MANUAL}).
 */
public final class DatasetManifest {

    /** One expected file; {@code url} is the byte-identical upstream copy, or null where there is none. */
    public record FileEntry(String dataset, String file, long bytes, String sha256, String url) {
        /** A file without an upstream URL. */
        public FileEntry(String dataset, String file, long bytes, String sha256) {
            this(dataset, file, bytes, sha256, null);
        }
    }

    /** How a dataset can be obtained. */
    public enum Origin {
        /** Every file has a URL of a byte-identical upstream copy: {@code suite data download} rebuilds it. */
        FILES,
        /** Made by a conversion script (convert.py) that Java does not reproduce byte for byte. */
        CONVERTED,
        /** Byte-identical, but from a source this tool cannot fetch (a system package). */
        MANUAL
    }

    /**
     * One dataset: its name, what it is, its standard split, whether its README carries a caveat, how
     * it can be obtained, and its source (for {@link Origin#FILES}) or, otherwise, one sentence
     * saying where to get it and which script converts it.
     */
    public record Dataset(String name, String task, String split, boolean caveat, Origin origin, String source) {}

    /** The outcome of checking one file. */
    public enum Status { OK, MISSING, WRONG_SIZE, WRONG_CHECKSUM }

    /** A checked file. */
    public record Check(FileEntry entry, Status status, String detail) {}

    private static DatasetManifest instance;

    private final Map<String, Dataset> datasets;
    private final Map<String, List<FileEntry>> files;

    private DatasetManifest(Map<String, Dataset> datasets, Map<String, List<FileEntry>> files) {
        this.datasets = datasets;
        this.files = files;
    }

    /** The bundled manifest. */
    public static synchronized DatasetManifest load() {
        if (instance == null) {
            Map<String, Dataset> ds = new LinkedHashMap<>();
            for (String[] f : rows("datasets.tsv")) {
                ds.put(f[0], new Dataset(f[0], f[2], f[3], f[1].equals("1"),
                        Origin.valueOf(f[4].toUpperCase(java.util.Locale.ROOT)), f[5]));
            }
            Map<String, List<FileEntry>> fs = new LinkedHashMap<>();
            for (String[] f : rows("manifest.tsv")) {
                String url = f.length > 4 && !f[4].isBlank() ? f[4] : null;
                if (url != null && !url.startsWith("https://")) {
                    throw new IllegalStateException("manifest.tsv: " + f[0] + "/" + f[1] + " has a non-https url " + url);
                }
                fs.computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(new FileEntry(f[0], f[1], Long.parseLong(f[2]), f[3], url));
            }
            for (Dataset d : ds.values()) {
                boolean allUrls = fs.getOrDefault(d.name(), List.of()).stream().allMatch(e -> e.url() != null);
                if ((d.origin() == Origin.FILES) != allUrls) {
                    throw new IllegalStateException("datasets.tsv: " + d.name() + " is marked " + d.origin()
                            + " but " + (allUrls ? "every" : "not every") + " file has a url in manifest.tsv");
                }
            }
            instance = new DatasetManifest(ds, fs);
        }
        return instance;
    }

    /** Every dataset name, in the order of the datasets README. */
    public List<String> names() {
        return List.copyOf(datasets.keySet());
    }

    /** The dataset's description; throws for an unknown name. */
    public Dataset dataset(String name) {
        Dataset d = datasets.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + names());
        }
        return d;
    }

    /** The files expected for {@code name} (empty for an unknown name). */
    public List<FileEntry> files(String name) {
        return files.getOrDefault(name, List.of());
    }

    /** Checks every expected file of {@code name} in {@code dir}: presence, size, then sha256. */
    public List<Check> verify(String name, Path dir) throws IOException {
        List<Check> out = new ArrayList<>();
        for (FileEntry e : files(name)) {
            Path p = dir.resolve(e.file());
            if (!Files.isRegularFile(p)) {
                out.add(new Check(e, Status.MISSING, p + " is missing"));
                continue;
            }
            long size = Files.size(p);
            if (size != e.bytes()) {
                out.add(new Check(e, Status.WRONG_SIZE, p + " has " + size + " bytes, expected " + e.bytes()));
                continue;
            }
            String actual = sha256(p);
            out.add(actual.equals(e.sha256()) ? new Check(e, Status.OK, "")
                    : new Check(e, Status.WRONG_CHECKSUM, p + " has sha256 " + actual + ", expected " + e.sha256()));
        }
        return out;
    }

    /** The sha256 of a file as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static List<String[]> rows(String resource) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = DatasetManifest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the datasets module's resources");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.split("\t"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
