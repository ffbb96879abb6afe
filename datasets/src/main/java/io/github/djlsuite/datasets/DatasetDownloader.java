package io.github.djlsuite.datasets;

import io.github.djlsuite.core.io.Download;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code suite data download}: rebuilds a dataset folder from its upstream sources and verifies
 * every file against the bundled {@link DatasetManifest}.
 *
 * <ul>
 *   <li>{@link DatasetManifest.Origin#FILES}: each file is fetched from its pinned URL (a GitHub raw
 *       URL at a fixed commit) with {@link Download}, which checks its size and sha256 before moving
 *       it into {@code <root>/<name>/}; files already there with the right sha256 are kept.
 *   <li>{@link DatasetManifest.Origin#CONVERTED} and {@link DatasetManifest.Origin#MANUAL}: nothing is
 *       fetched; the outcome carries the manifest's one sentence on where to get the data and which
 *       script converts it.
 *   <li>{@value #MOVIELENS_100K}: not in the shared snapshot, because GroupLens asks users to accept its
 *       usage licence; it is fetched only when the caller accepts the terms ({@link #TERMS_URL}), and
 *       the zip is checked against the MD5 that GroupLens publishes (it gives no sha256), then
 *       unpacked safely ({@link Archives}) into {@code <root>/movielens-100k/}.
 * </ul>
 * A dataset already complete and verified in any folder of the search path is not fetched again.
 * Downloads go to the first writable folder of the search path. Tests point the downloader at a
 * local server with a mirror URL: {@code https://host/path} is then fetched as
 * {@code <mirror>/host/path}.
 */
public final class DatasetDownloader {

    /** Name of the MovieLens-100K download (not part of the shared snapshot). */
    public static final String MOVIELENS_100K = "movielens-100k";
    /** GroupLens' MovieLens page, which states the usage licence users must accept. */
    public static final String TERMS_URL = "https://grouplens.org/datasets/movielens/";
    /** GroupLens' archive of MovieLens-100K. */
    static final String MOVIELENS_100K_URL = "https://files.grouplens.org/datasets/movielens/ml-100k.zip";
    /** The MD5 GroupLens publishes next to the archive (ml-100k.zip.md5). */
    static final String MOVIELENS_100K_MD5 = "0e33842e24a9c977be4e0107933c0723";
    /** Files a complete MovieLens-100K folder has (a subset; the archive has more). */
    static final List<String> MOVIELENS_100K_FILES = List.of("u.data", "u.item", "u.user", "u.genre", "README");

    /** What {@link #download} did. */
    public enum Status {
        /** At least one file was fetched; the folder is now complete and verified. */
        DOWNLOADED,
        /** The dataset was already complete and verified; nothing was fetched. */
        ALREADY_PRESENT,
        /** The dataset cannot be downloaded; {@link Outcome#message()} says what to do instead. */
        NOT_DOWNLOADABLE,
        /** The dataset's terms must be accepted first; {@link Outcome#message()} names them. */
        TERMS_NOT_ACCEPTED
    }

    /** The result for one dataset: its folder (null when none) and one sentence for the user. */
    public record Outcome(String dataset, Status status, Path dir, String message) {}

    private final List<Path> roots;
    private final URI mirror;
    private final boolean progress;
    private final HttpClient client;

    /**
     * @param roots the data folders in search order (see {@link DataRoot#searchPath(Path)}); downloads
     *     go to the first writable one
     * @param mirror null to fetch from the recorded URLs, or a base URL that {@code https://host/path}
     *     is rewritten to ({@code <mirror>/host/path})
     * @param progress whether to show progress bars
     */
    public DatasetDownloader(List<Path> roots, URI mirror, boolean progress) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("at least one data folder is needed");
        }
        this.roots = List.copyOf(roots);
        this.mirror = mirror;
        this.progress = progress;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** A downloader over {@link DataRoot#searchPath(Path)} fetching from the recorded URLs. */
    public static DatasetDownloader forSearchPath(Path explicit, boolean progress) {
        return new DatasetDownloader(DataRoot.searchPath(explicit), null, progress);
    }

    /** Every name {@link #download} accepts: the manifest's datasets, then {@value #MOVIELENS_100K}. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(DatasetManifest.load().names());
        out.add(MOVIELENS_100K);
        return out;
    }

    /**
     * The command that downloads {@code name}, or null when it cannot be downloaded (used in
     * {@link DatasetNotFoundException} messages).
     */
    public static String command(String name) {
        if (MOVIELENS_100K.equals(name)) {
            return "suite data download " + name + " --accept-terms";
        }
        DatasetManifest m = DatasetManifest.load();
        return m.names().contains(name) && m.dataset(name).origin() == DatasetManifest.Origin.FILES
                ? "suite data download " + name : null;
    }

    /** The first folder of the search path that exists and is writable, or can be created. */
    public Path targetRoot() throws IOException {
        for (Path root : roots) {
            if (Files.isDirectory(root) ? Files.isWritable(root) : creatable(root)) {
                return root;
            }
        }
        throw new IOException("no writable data folder among " + roots + " (use --data DIR)");
    }

    private static boolean creatable(Path dir) {
        Path p = dir.toAbsolutePath().getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.isDirectory(p) && Files.isWritable(p);
    }

    /**
     * Downloads dataset {@code name} (see the class comment).
     *
     * @param acceptTerms whether the user accepted the dataset's terms (needed for {@value #MOVIELENS_100K})
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     * @throws io.github.djlsuite.core.io.DownloadException when a transfer or a checksum fails (the
     *     file is then absent)
     */
    public Outcome download(String name, boolean acceptTerms) throws IOException {
        if (MOVIELENS_100K.equals(name)) {
            return movielens100k(acceptTerms);
        }
        DatasetManifest m = DatasetManifest.load();
        DatasetManifest.Dataset d = m.dataset(name); // throws for unknown names
        Path found = findVerified(name, m);
        if (found != null) {
            return new Outcome(name, Status.ALREADY_PRESENT, found, name + " is already present and verified in " + found);
        }
        if (d.origin() != DatasetManifest.Origin.FILES) {
            return new Outcome(name, Status.NOT_DOWNLOADABLE, null, name + " cannot be downloaded: " + d.source());
        }
        Path dir = targetRoot().resolve(name);
        boolean fetched = false;
        for (DatasetManifest.FileEntry e : m.files(name)) {
            Download.Outcome o = Download.builder()
                    .setUrl(resolve(e.url()))
                    .setTarget(dir.resolve(e.file()))
                    .setSha256(e.sha256())
                    .optSize(e.bytes())
                    .optProgress(progress)
                    .optClient(client)
                    .build()
                    .run();
            fetched |= o == Download.Outcome.DOWNLOADED;
        }
        for (DatasetManifest.Check c : m.verify(name, dir)) {
            if (c.status() != DatasetManifest.Status.OK) { // Download verified each file; this guards the folder
                throw new IOException(name + ": " + c.detail());
            }
        }
        return new Outcome(name, fetched ? Status.DOWNLOADED : Status.ALREADY_PRESENT, dir,
                name + (fetched ? " downloaded to " : " is already present and verified in ") + dir
                        + " (" + d.source() + ")");
    }

    private Path findVerified(String name, DatasetManifest m) throws IOException {
        for (Path root : roots) {
            Path dir = root.resolve(name);
            if (Files.isDirectory(dir) && m.verify(name, dir).stream()
                    .allMatch(c -> c.status() == DatasetManifest.Status.OK)) {
                return dir;
            }
        }
        return null;
    }

    private Outcome movielens100k(boolean acceptTerms) throws IOException {
        for (Path root : roots) {
            Path dir = root.resolve(MOVIELENS_100K);
            if (MOVIELENS_100K_FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
                return new Outcome(MOVIELENS_100K, Status.ALREADY_PRESENT, dir, MOVIELENS_100K + " is already present in "
                        + dir);
            }
        }
        if (!acceptTerms) {
            return new Outcome(MOVIELENS_100K, Status.TERMS_NOT_ACCEPTED, null, "MovieLens-100K may only be used under"
                    + " GroupLens' usage licence (" + TERMS_URL + "; the archive's README restates it): read it, then"
                    + " rerun with --accept-terms to fetch " + MOVIELENS_100K_URL);
        }
        Path root = targetRoot();
        Path dir = root.resolve(MOVIELENS_100K);
        Path zip = root.resolve(".ml-100k.zip");
        try {
            Download.builder().setUrl(resolve(MOVIELENS_100K_URL)).setTarget(zip)
                    .setDigest("MD5", MOVIELENS_100K_MD5).optProgress(progress).optClient(client).build().run();
            Archives.unpack(zip, dir, "ml-100k/");
        } finally {
            Files.deleteIfExists(zip);
        }
        for (String f : MOVIELENS_100K_FILES) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new DataFormatException(zip, "archive", "has no ml-100k/" + f);
            }
        }
        return new Outcome(MOVIELENS_100K, Status.DOWNLOADED, dir, MOVIELENS_100K + " downloaded to " + dir
                + " (GroupLens usage licence accepted: " + TERMS_URL + ")");
    }

    /** The URL to fetch: the recorded one, or its mirror. */
    URI resolve(String url) {
        URI u = URI.create(Objects.requireNonNull(url));
        if (mirror == null) {
            return u;
        }
        String base = mirror.toString().endsWith("/") ? mirror.toString() : mirror + "/";
        return URI.create(base + u.getHost() + u.getRawPath());
    }
}
