package io.github.djlsuite.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where datasets are looked for, in order: the {@code --data} folder, then {@code SUITE_DATA},
 * then {@code ~/.djl-suite/datasets}. A dataset {@code name} is the folder {@code <root>/<name>}
 * of the first root that has all of its expected files.
 */
public final class DataRoot {

    private DataRoot() {}

    /** The folders searched, in order, without duplicates; {@code explicit} (--data) may be null. */
    public static List<Path> searchPath(Path explicit) {
        Set<Path> roots = new LinkedHashSet<>();
        if (explicit != null) {
            roots.add(explicit.toAbsolutePath().normalize());
        }
        String env = System.getenv("SUITE_DATA");
        if (env == null) {
            env = System.getProperty("SUITE_DATA");
        }
        if (env != null && !env.isBlank()) {
            roots.add(Paths.get(env).toAbsolutePath().normalize());
        }
        roots.add(cache());
        return new ArrayList<>(roots);
    }

    /** The per-user cache, {@code ~/.djl-suite/datasets}, where downloads go. */
    public static Path cache() {
        return Paths.get(System.getProperty("user.home"), ".djl-suite", "datasets").toAbsolutePath().normalize();
    }

    /**
     * The folder of dataset {@code name} holding every file in {@code expected} (relative paths).
     *
     * @param explicit the {@code --data} folder or null
     * @throws DatasetNotFoundException naming the dataset, the files expected, every folder searched and,
     *     for a downloadable dataset, the {@code suite data download} command
     */
    public static Path locate(String name, Path explicit, List<String> expected) throws DatasetNotFoundException {
        List<Path> roots = searchPath(explicit);
        for (Path root : roots) {
            Path dir = root.resolve(name);
            if (Files.isDirectory(dir) && expected.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
                return dir;
            }
        }
        String download = DatasetDownloader.command(name);
        throw new DatasetNotFoundException("dataset '" + name + "' not found: expected " + String.join(", ", expected)
                + " in one of " + roots.stream().map(r -> r.resolve(name).toString()).collect(Collectors.joining(", "))
                + " (" + (download != null ? "run `" + download + "`, or " : "")
                + "use --data DIR or SUITE_DATA to point at a folder holding " + name + "/)");
    }

    /** {@link #locate(String, Path, List)} with the files the manifest lists for {@code name}. */
    public static Path locate(String name, Path explicit) throws DatasetNotFoundException {
        List<String> files = DatasetManifest.load().files(name).stream().map(DatasetManifest.FileEntry::file).toList();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + DatasetManifest.load().names());
        }
        return locate(name, explicit, files);
    }
}
