package io.github.djlsuite.core.zoo;

import ai.djl.Application;
import ai.djl.repository.RemoteRepository;
import ai.djl.repository.Repository;
import ai.djl.util.Utils;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.djlsuite.core.io.Download;
import io.github.djlsuite.core.io.DownloadException;
import io.github.djlsuite.core.model.Architecture;
import io.github.djlsuite.core.model.Architectures;
import io.github.djlsuite.core.model.DataKind;
import io.github.djlsuite.core.model.SavedModel;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A suite model repository: a folder, or an http(s) URL that serves such a folder, in DJL's
 * repository layout.
 *
 * <pre>
 * &lt;root&gt;/model/&lt;application&gt;/io/github/djlsuite/&lt;architecture&gt;/metadata.json
 * &lt;root&gt;/model/&lt;application&gt;/io/github/djlsuite/&lt;architecture&gt;/&lt;version&gt;/&lt;id&gt;-NNNN.params
 * &lt;root&gt;/model/&lt;application&gt;/io/github/djlsuite/&lt;architecture&gt;/&lt;version&gt;/model.json
 * </pre>
 * The application follows the architecture's first data kind ({@link #application(DataKind)}), the
 * version folder is a {@link SavedModel} folder, and {@code metadata.json} is described in
 * {@link ZooMetadata}. DJL's {@code LocalRepository}/{@code RemoteRepository} read the metadata;
 * the suite's loader ({@link SuiteModelZoo}) adds what DJL lacks:
 * <ul>
 *   <li>every file is checked against its {@code sha256} before use: in place for a folder, and for
 *       a URL after {@link Download} has fetched it into the cache (progress bar, atomic move). A
 *       file that fails is rejected with a {@link ZooException} naming artifact, version, file and
 *       both digests; for a URL, the version's cache folder is deleted, so nothing unverified stays;</li>
 *   <li>a URL's {@code metadata.json} is read afresh on every load (DJL keeps it for a day), and the
 *       cache is keyed by repository and version, so a cached copy can never stand in for another;</li>
 *   <li>{@link #publish} refuses to overwrite a version: published versions are immutable, because
 *       DJL's own cache would otherwise keep serving the old files.</li>
 * </ul>
 *
 * <p>Location: {@code --zoo}, else system property {@code suite.zoo}, else environment
 * {@code SUITE_ZOO}, else {@code ~/.djl-suite/zoo}. Cache for URL repositories: system property
 * {@code suite.zoo.cache}, else {@code SUITE_ZOO_CACHE}, else {@code $DJL_CACHE_DIR/suite-zoo}
 * ({@code ~/.djl.ai/suite-zoo}). Both are read when a repository is created, not once per process.
 */
public final class ZooRepository {

    /** The group id of every suite model. */
    public static final String GROUP_ID = "io.github.djlsuite";
    /** System property naming the repository (folder or URL). */
    public static final String LOCATION_PROPERTY = "suite.zoo";
    /** Environment variable naming the repository (folder or URL). */
    public static final String LOCATION_ENV = "SUITE_ZOO";
    /** System property naming the download cache of URL repositories. */
    public static final String CACHE_PROPERTY = "suite.zoo.cache";
    /** Environment variable naming the download cache of URL repositories. */
    public static final String CACHE_ENV = "SUITE_ZOO_CACHE";
    /** Name of an artifact's metadata file. */
    public static final String METADATA = "metadata.json";
    /** Metric names preferred, in order, as the one-number summary of a version. */
    public static final List<String> KEY_METRICS = List.of("test_accuracy", "test_auc", "test_logloss", "test_loss",
            "validation_accuracy", "train_loss");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String location;
    private final Path folder; // null for http(s)
    private final URI base; // ends with '/'
    private final Path cache;

    private ZooRepository(String location, Path folder, URI base, Path cache) {
        this.location = location;
        this.folder = folder;
        this.base = base;
        this.cache = cache;
    }

    /**
     * The repository at {@code location}: an {@code http://} or {@code https://} URL, a
     * {@code file:} URL, or a folder path (which need not exist yet: {@link #publish} creates it).
     *
     * @throws IllegalArgumentException naming the location when it is malformed
     */
    public static ZooRepository of(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("zoo location is empty");
        }
        String loc = location.trim();
        String lower = loc.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri;
            try {
                uri = URI.create(loc.endsWith("/") ? loc : loc + "/"); // a base URL must end in '/' to resolve under it
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("zoo location is not a valid URL: " + loc, e);
            }
            return new ZooRepository(loc, null, uri, defaultCache());
        }
        if (lower.startsWith("file:")) {
            return of(Paths.get(URI.create(loc)));
        }
        if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new IllegalArgumentException("zoo location must be a folder or an http(s) URL, got " + loc);
        }
        if (loc.equals("~") || loc.startsWith("~/")) {
            loc = System.getProperty("user.home") + loc.substring(1);
        }
        return of(Paths.get(loc));
    }

    /** The repository in {@code folder}. */
    public static ZooRepository of(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        return new ZooRepository(abs.toString(), abs, abs.toUri(), defaultCache());
    }

    /** The repository named by {@code suite.zoo}, else {@code SUITE_ZOO}, else {@code ~/.djl-suite/zoo}. */
    public static ZooRepository fromEnvironment() {
        return of(defaultLocation());
    }

    /** The location {@link #fromEnvironment()} uses. */
    public static String defaultLocation() {
        String v = System.getProperty(LOCATION_PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(LOCATION_ENV);
        }
        if (v == null || v.isBlank()) {
            v = Paths.get(System.getProperty("user.home"), ".djl-suite", "zoo").toString();
        }
        return v;
    }

    /** The download cache for URL repositories (see the class comment). */
    public static Path defaultCache() {
        String v = System.getProperty(CACHE_PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(CACHE_ENV);
        }
        return v == null || v.isBlank() ? Utils.getCacheDir().resolve("suite-zoo") : Paths.get(v);
    }

    /** The same repository with its download cache in {@code dir}. */
    public ZooRepository withCache(Path dir) {
        return new ZooRepository(location, folder, base, dir.toAbsolutePath().normalize());
    }

    /** The location as given (folder path or URL). */
    public String location() {
        return location;
    }

    /** Whether this is an http(s) repository (files are downloaded into the cache). */
    public boolean isRemote() {
        return folder == null;
    }

    /** The folder of a local repository. */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** The root URI (ends with '/'). */
    public URI baseUri() {
        return base;
    }

    /** This repository's own part of the download cache. */
    public Path cacheDir() {
        return cache.resolve(sha256(base.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16));
    }

    /** The same location as a DJL {@link Repository}, for {@code MRL}s and DJL's metadata readers. */
    public Repository djlRepository() {
        return folder != null ? Repository.newInstance("djl-suite", folder) : new RemoteRepository("djl-suite", base);
    }

    /**
     * The DJL application of a data kind, which is also the path segment under {@code model/}:
     * feature vectors {@code tabular/softmax_regression}, graphs {@code graph/node_classification},
     * CTR rows {@code tabular/click_through_rate}, token sequences {@code nlp/token_sequence}.
     */
    public static Application application(DataKind kind) {
        return switch (kind) {
            case VECTORS -> Application.Tabular.SOFTMAX_REGRESSION;
            case GRAPH -> Application.of("graph/node_classification");
            case CTR -> Application.of("tabular/click_through_rate");
            case TOKENS -> Application.of("nlp/token_sequence");
        };
    }

    /** The application of an architecture: that of its first data kind (in {@link DataKind} order). */
    public static Application application(Architecture architecture) {
        return application(primaryKind(architecture));
    }

    static DataKind primaryKind(Architecture architecture) {
        return architecture.dataKinds().stream().min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalStateException(architecture.id() + " names no data kind"));
    }

    /** {@code model/<application>/io/github/djlsuite/<id>/}, relative to the root. */
    public static String artifactPath(Architecture architecture) {
        return "model/" + application(architecture).getPath() + "/" + GROUP_ID.replace('.', '/') + "/"
                + architecture.id() + "/";
    }

    private static Architecture architecture(String id) throws ZooException {
        try {
            return Architectures.require(id);
        } catch (IllegalArgumentException e) {
            throw new ZooException(e.getMessage(), e);
        }
    }

    /**
     * The metadata of {@code architectureId}, or empty when the repository has none.
     *
     * @throws ZooException when the repository cannot be read or the metadata is malformed
     */
    public Optional<ZooMetadata> metadata(String architectureId) throws ZooException {
        String rel = artifactPath(architecture(architectureId)) + METADATA;
        if (folder != null) {
            Path file = folder.resolve(rel);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(ZooMetadata.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                if (e instanceof ZooException z) {
                    throw z;
                }
                throw new ZooException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        URI uri = base.resolve(rel);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(TIMEOUT).build();
        HttpResponse<String> r;
        try {
            r = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ZooException("cannot read zoo repository " + location + ": GET " + uri + " failed (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZooException("interrupted while reading " + uri, e);
        }
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new ZooException("cannot read zoo repository " + location + ": HTTP " + r.statusCode() + " for " + uri);
        }
        return Optional.of(ZooMetadata.parse(uri.toString(), r.body()));
    }

    /** The metadata of every registered architecture that this repository holds, by id. */
    public List<ZooMetadata> list() throws ZooException {
        List<ZooMetadata> list = new ArrayList<>();
        for (Architecture a : Architectures.all()) {
            metadata(a.id()).ifPresent(list::add);
        }
        return list;
    }

    /**
     * Makes the files of {@code version} available locally and verified, and returns the folder
     * that holds them (a {@link SavedModel} folder). For a folder repository that is the version
     * folder itself, checked in place; for a URL, the files are downloaded (or found) in
     * {@link #cacheDir()}.
     *
     * @param progress whether downloads draw a progress bar
     * @throws ZooException naming the artifact, version and file when a file is missing, has the
     *         wrong size or sha256, or cannot be downloaded; nothing of that version is then left in the cache
     */
    public Path fetch(ZooMetadata.Entry version, boolean progress) throws IOException {
        Architecture arch = architecture(version.metadata().artifactId());
        String rel = artifactPath(arch);
        String what = arch.id() + " " + version.version() + " from " + location;
        List<ZooMetadata.FileEntry> files = version.files();
        if (folder != null) {
            Path artifactDir = folder.resolve(rel).normalize();
            Path dir = null;
            for (ZooMetadata.FileEntry f : files) {
                Path p = artifactDir.resolve(f.uri()).normalize();
                if (dir == null) {
                    dir = p.getParent();
                } else if (!dir.equals(p.getParent())) {
                    throw new ZooException(what + ": files \"" + files.get(0).key() + "\" and \"" + f.key()
                            + "\" are in different folders; a version's files share one folder");
                }
                verify(what, f, p);
            }
            return dir;
        }
        Path dir = cacheDir().resolve(rel).resolve(version.version());
        try {
            for (ZooMetadata.FileEntry f : files) {
                Download.builder().setUrl(base.resolve(rel + f.uri())).setTarget(dir.resolve(f.name()))
                        .setSha256(f.sha256()).optSize(f.size()).optProgress(progress).build().run();
                verify(what, f, dir.resolve(f.name())); // the digest of what is used now, not only of what arrived
            }
            return dir;
        } catch (DownloadException e) {
            deleteTree(dir);
            throw new ZooException(what + " rejected: " + e.getMessage() + " (nothing was kept in the cache "
                    + dir + ")", e);
        } catch (ZooException | RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** Whether every file of {@code version} is already in the cache with the right size (URL) or present (folder). */
    public boolean isFetched(ZooMetadata.Entry version) throws ZooException {
        Architecture arch = architecture(version.metadata().artifactId());
        Path dir = folder != null ? null : cacheDir().resolve(artifactPath(arch)).resolve(version.version());
        for (ZooMetadata.FileEntry f : version.files()) {
            Path p = folder != null ? folder.resolve(artifactPath(arch)).resolve(f.uri()) : dir.resolve(f.name());
            try {
                if (!Files.isRegularFile(p) || (f.size() >= 0 && Files.size(p) != f.size())) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static void verify(String what, ZooMetadata.FileEntry f, Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new ZooException(what + ": file \"" + f.key() + "\" (" + p + ") is missing");
        }
        long size = Files.size(p);
        if (f.size() >= 0 && size != f.size()) {
            throw new ZooException(what + ": file \"" + f.key() + "\" (" + p + ") has " + size + " bytes, metadata says "
                    + f.size() + "; the artifact is corrupt or was tampered with, refusing to load it");
        }
        String actual = digests(p)[0];
        if (!actual.equals(f.sha256())) {
            throw new ZooException(what + ": file \"" + f.key() + "\" (" + p + ") sha256 mismatch: expected "
                    + f.sha256() + ", actual " + actual + "; the artifact is corrupt or was tampered with, refusing to load it");
        }
    }

    /**
     * Publishes {@code saved} as {@code version} of its architecture: copies its parameters,
     * {@code model.json} and the architecture's {@link Architecture#servingFiles} (e.g. a CTR model's
     * {@code encoder.json}) into {@code <artifact>/<version>/} and adds the version to
     * {@code metadata.json} with size, sha256 and sha1 per file, the builder arguments, and the
     * dataset, kind, input/output description, classes and metrics as properties. Concurrent
     * publishers of one artifact are serialised with a file lock; the version folder and the
     * metadata are each moved into place atomically.
     *
     * @param version e.g. {@code 1.0.0}; null for the next patch version after the newest
     *                ({@code 0.1.0} for the first)
     * @throws ZooException when the repository is a URL, the version is malformed, or the version
     *         exists already (published versions are immutable)
     */
    public ZooMetadata.Entry publish(SavedModel saved, String version) throws IOException {
        if (folder == null) {
            throw new ZooException("cannot publish to " + location + ": a URL repository is read-only;"
                    + " publish into a folder (--zoo DIR) and serve that folder over http(s)");
        }
        Architecture arch = architecture(saved.architecture());
        String rel = artifactPath(arch);
        Path artifactDir = folder.resolve(rel);
        Files.createDirectories(artifactDir);
        Path metaFile = artifactDir.resolve(METADATA);
        try (FileChannel lockChannel = FileChannel.open(artifactDir.resolve(".publish.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockChannel.lock()) {
            if (!lock.isValid()) {
                throw new ZooException("could not lock " + artifactDir + " for publishing");
            }
            ZooMetadata meta = Files.isRegularFile(metaFile)
                    ? ZooMetadata.parse(metaFile.toString(), Files.readString(metaFile, StandardCharsets.UTF_8))
                    : ZooMetadata.empty(metaFile.toString(), application(arch).getPath(), arch.id(), arch.description());
            String v = version == null ? nextVersion(meta) : version.trim();
            if (!v.matches("[0-9]+(\\.[0-9]+){0,3}(-[A-Za-z0-9]+)?")) {
                throw new ZooException("version '" + v + "' is not of the form 1.2.3 (or 1.2.3-tag)");
            }
            Path versionDir = artifactDir.resolve(v);
            if (meta.version(v).isPresent() || Files.exists(versionDir)) {
                throw new ZooException(arch.id() + " " + v + " is already published in " + location
                        + ": published versions are immutable (a cached copy of the old files would keep being"
                        + " served); publish as another version, e.g. --version " + bump(v));
            }
            Map<String, Path> sources = servingSources(arch, saved);
            Path staging = Files.createTempDirectory(artifactDir, ".publish-");
            JsonObject files = new JsonObject();
            try {
                for (Map.Entry<String, Path> e : sources.entrySet()) {
                    String name = e.getValue().getFileName().toString();
                    Path copy = staging.resolve(name);
                    Files.copy(e.getValue(), copy);
                    String[] d = digests(copy);
                    JsonObject f = new JsonObject();
                    f.addProperty("uri", v + "/" + name);
                    f.addProperty("name", name);
                    f.addProperty("size", Files.size(copy));
                    f.addProperty("sha256", d[0]);
                    f.addProperty("sha1Hash", d[1]);
                    files.add(e.getKey(), f);
                }
                Files.move(staging, versionDir, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(staging);
            }
            JsonObject artifact = new JsonObject();
            artifact.addProperty("version", v);
            artifact.addProperty("snapshot", false);
            artifact.addProperty("name", arch.id());
            artifact.add("properties", properties(saved, v));
            artifact.add("arguments", saved.config().deepCopy());
            // sorted for a stable file: "parameters", "model" and the architecture's serving files
            JsonObject sortedFiles = new JsonObject();
            files.keySet().stream().sorted().forEach(k -> sortedFiles.add(k, files.get(k)));
            artifact.add("files", sortedFiles);
            JsonObject doc = meta.json().deepCopy();
            doc.getAsJsonArray("artifacts").add(artifact);
            Path tmp = Files.createTempFile(artifactDir, ".metadata-", ".tmp");
            try {
                Files.writeString(tmp, new GsonBuilder().setPrettyPrinting().create().toJson(doc), StandardCharsets.UTF_8);
                Files.move(tmp, metaFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                deleteTree(versionDir); // a version folder without metadata would block the version forever
                throw e;
            } finally {
                Files.deleteIfExists(tmp);
            }
            ZooMetadata written = new ZooMetadata(metaFile.toString(), doc);
            return written.version(v).orElseThrow();
        }
    }

    /**
     * The files a version holds, by key: {@code parameters}, {@code model} and the architecture's
     * {@link Architecture#servingFiles}, each checked to exist in the saved model's folder.
     */
    private static Map<String, Path> servingSources(Architecture arch, SavedModel saved) throws ZooException {
        Map<String, Path> sources = new LinkedHashMap<>();
        sources.put("parameters", saved.parameters());
        sources.put("model", saved.dir().resolve(SavedModel.INFO_FILE));
        Path base = saved.dir().toAbsolutePath().normalize();
        for (Map.Entry<String, String> e : arch.servingFiles(saved.config()).entrySet()) {
            Path p = base.resolve(e.getValue()).normalize();
            if (sources.containsKey(e.getKey()) || !base.equals(p.getParent())
                    || sources.values().stream().anyMatch(q -> q.getFileName().equals(p.getFileName()))) {
                throw new ZooException(arch.id() + " names serving file \"" + e.getKey() + "\" = " + e.getValue()
                        + ": keys parameters and model are taken, and each file must be a distinct file name in the"
                        + " model folder");
            }
            if (!Files.isRegularFile(p)) {
                throw new ZooException("cannot publish " + saved.dir() + ": " + arch.id() + " models need "
                        + e.getValue() + " (\"" + e.getKey() + "\") for serving, and it is missing");
            }
            sources.put(e.getKey(), p);
        }
        return sources;
    }

    private static JsonObject properties(SavedModel saved, String version) {
        JsonObject info = saved.info();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("version", version);
        p.put("architecture", saved.architecture());
        p.put("dataset", text(info, "dataset"));
        p.put("kind", text(info, "kind"));
        p.put("inputShape", java.util.Arrays.stream(saved.inputShape().getShape()).mapToObj(Long::toString)
                .collect(Collectors.joining(",")));
        JsonObject in = info.getAsJsonObject("input");
        p.put("input", in.has("description") ? in.get("description").getAsString() : null);
        JsonObject out = info.has("output") ? info.getAsJsonObject("output") : new JsonObject();
        p.put("output", out.has("description") ? out.get("description").getAsString() : null);
        if (out.has("classes")) {
            p.put("classes", out.get("classes").toString());
        }
        JsonObject metrics = saved.metrics();
        for (Map.Entry<String, JsonElement> m : metrics.entrySet()) {
            p.put("metric." + m.getKey(), m.getValue().getAsString());
        }
        String key = KEY_METRICS.stream().filter(metrics::has).findFirst()
                .orElse(metrics.keySet().stream().findFirst().orElse(null));
        p.put("keyMetric", key);
        if (info.has("environment") && info.getAsJsonObject("environment").has("engine")) {
            p.put("trainedOn", info.getAsJsonObject("environment").get("engine").getAsString());
        }
        p.put("created", text(info, "created"));
        p.put("published", Instant.now().toString());
        JsonObject o = new JsonObject();
        p.forEach((k, v) -> {
            if (v != null) {
                o.addProperty(k, v);
            }
        });
        return o;
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    /** The version after the newest one, or {@code 0.1.0}. */
    static String nextVersion(ZooMetadata meta) {
        List<ZooMetadata.Entry> all = meta.versions();
        return all.isEmpty() ? "0.1.0" : bump(all.get(all.size() - 1).version());
    }

    /** {@code 1.2.3 -> 1.2.4}, {@code 1.2.3-rc1 -> 1.2.4}. */
    static String bump(String version) {
        String core = version.replaceFirst("-.*$", "");
        String[] parts = core.split("\\.");
        try {
            parts[parts.length - 1] = Long.toString(Long.parseLong(parts[parts.length - 1]) + 1);
            return String.join(".", parts);
        } catch (NumberFormatException e) {
            return core + ".1";
        }
    }

    /** sha256 and sha1 of a file, lower-case hex. */
    static String[] digests(Path file) throws IOException {
        MessageDigest sha256;
        MessageDigest sha1;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                sha256.update(buf, 0, n);
                sha1.update(buf, 0, n);
            }
        }
        return new String[] {HexFormat.of().formatHex(sha256.digest()), HexFormat.of().formatHex(sha1.digest())};
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The newest version's key metric as {@code name=value}, for listings. */
    public static String keyMetric(ZooMetadata.Entry version) {
        String key = version.property("keyMetric");
        if (key == null) {
            return "-";
        }
        String value = version.property("metric." + key);
        try {
            return key + "=" + String.format(Locale.ROOT, "%.4g", Double.parseDouble(value));
        } catch (RuntimeException e) {
            return key + "=" + value;
        }
    }

    /** The class names stored with a version ({@code properties.classes}), or empty. */
    public static List<String> classes(ZooMetadata.Entry version) {
        String c = version.property("classes");
        if (c == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        com.google.gson.JsonParser.parseString(c).getAsJsonArray().forEach(e -> names.add(e.getAsString()));
        return names;
    }

    @Override
    public String toString() {
        return location;
    }
}
