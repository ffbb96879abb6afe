package io.github.djlsuite.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Safe unpacking of downloaded archives: {@code .tar.gz}/{@code .tgz}, {@code .zip} and plain
 * {@code .gz}. Every entry is resolved against the target folder and rejected, with the archive,
 * the entry's index and name in a {@link DataFormatException}, when its normalised path leaves the
 * folder ({@code ../}, absolute paths, drive letters), when it is a symbolic or hard link whose
 * target leaves the folder, when it would be written through a link, or when it is a device or
 * FIFO. The archive is unpacked into a temporary folder next to the target, which is moved into
 * place ({@code ATOMIC_MOVE}) only when every entry was written: after a failure neither the target
 * nor the temporary folder exists.
 */
public final class Archives {

    private Archives() {}

    /**
     * Unpacks {@code archive} (by its name: {@code .tar.gz}, {@code .tgz}, {@code .zip}) into the
     * folder {@code target}, which must not exist yet.
     *
     * @param stripPrefix a leading folder every entry must start with and that is removed (such as
     *     {@code "ml-100k/"}), or null to keep the names as they are
     * @throws DataFormatException for an unsafe entry, an entry outside {@code stripPrefix}, or a
     *     damaged archive, naming the archive and the entry
     */
    public static void unpack(Path archive, Path target, String stripPrefix) throws IOException {
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean tar = name.endsWith(".tar.gz") || name.endsWith(".tgz");
        if (!tar && !name.endsWith(".zip")) {
            throw new IllegalArgumentException("not a .tar.gz, .tgz or .zip archive: " + archive);
        }
        Path dest = target.toAbsolutePath().normalize();
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(dest.toString(), null, "remove it before unpacking " + archive);
        }
        Files.createDirectories(dest.getParent());
        Path tmp = Files.createTempDirectory(dest.getParent(), "." + dest.getFileName() + ".unpack-");
        try {
            Unpacker u = new Unpacker(archive, tmp, stripPrefix);
            if (tar) {
                u.tar();
            } else {
                u.zip();
            }
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Decompresses the plain gzip file {@code gz} to {@code target} (via a temporary file next to it,
     * moved into place at the end); an existing target is replaced.
     *
     * @throws DataFormatException when {@code gz} is not gzip or is truncated
     */
    public static void gunzip(Path gz, Path target) throws IOException {
        Path dest = target.toAbsolutePath().normalize();
        Files.createDirectories(dest.getParent());
        Path tmp = Files.createTempFile(dest.getParent(), "." + dest.getFileName() + ".", ".part");
        try {
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(gz)), 1 << 16)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            } catch (EOFException | ZipException e) {
                throw new DataFormatException(gz, "gzip stream", "not gzip or truncated: " + e.getMessage(), e);
            }
            Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes entries under {@code root}, checking each one. */
    private static final class Unpacker {
        private final Path archive;
        private final Path root;
        private final String strip;
        private int index;

        Unpacker(Path archive, Path root, String strip) throws IOException {
            this.archive = archive;
            this.root = root.toRealPath();
            this.strip = strip;
        }

        void tar() throws IOException {
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                    TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(raw, 1 << 16))) {
                TarArchiveEntry e;
                while ((e = in.getNextEntry()) != null) {
                    index++;
                    Path p = resolve(e.getName());
                    if (p == null) {
                        continue;
                    }
                    if (e.isDirectory()) {
                        directory(p, e.getName());
                    } else if (e.isSymbolicLink()) {
                        symlink(p, e.getName(), e.getLinkName());
                    } else if (e.isLink()) {
                        Path source = resolve(e.getLinkName());
                        if (source == null || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                            throw bad(e.getName(), "hard link to '" + e.getLinkName()
                                    + "', which is not a file unpacked before it inside the target folder");
                        }
                        Files.copy(source, checkedParent(p, e.getName()));
                    } else if (e.isFile()) {
                        Files.copy(in, checkedParent(p, e.getName()));
                    } else {
                        throw bad(e.getName(), "is a device, FIFO or other special file");
                    }
                }
            } catch (EOFException | ZipException e) {
                throw new DataFormatException(archive, "entry " + (index + 1), "truncated or not tar.gz: " + e, e);
            }
        }

        void zip() throws IOException {
            try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
                for (Enumeration<ZipArchiveEntry> en = zip.getEntriesInPhysicalOrder(); en.hasMoreElements();) {
                    ZipArchiveEntry e = en.nextElement();
                    index++;
                    Path p = resolve(e.getName());
                    if (p == null) {
                        continue;
                    }
                    if (e.isDirectory()) {
                        directory(p, e.getName());
                    } else if (e.isUnixSymlink()) {
                        symlink(p, e.getName(), zip.getUnixSymlink(e));
                    } else {
                        try (InputStream in = zip.getInputStream(e)) {
                            Files.copy(in, checkedParent(p, e.getName()));
                        }
                    }
                }
            } catch (ZipException | EOFException e) {
                throw new DataFormatException(archive, "entry " + (index + 1), "damaged zip: " + e, e);
            }
        }

        /** The entry's path under the root, or null for the stripped prefix folder itself. */
        private Path resolve(String name) throws DataFormatException {
            if (name.isEmpty() || name.indexOf('\0') >= 0) {
                throw bad(name, "has an empty or NUL-containing name");
            }
            String n = name.replace('\\', '/');
            if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) {
                throw bad(name, "is an absolute path");
            }
            if (strip != null) {
                if (n.equals(strip) || (n + "/").equals(strip)) {
                    return null;
                }
                if (!n.startsWith(strip)) {
                    throw bad(name, "is outside the expected top folder '" + strip + "'");
                }
                n = n.substring(strip.length());
            }
            Path p = root.resolve(n).normalize();
            if (!p.startsWith(root) || p.equals(root)) {
                throw bad(name, "escapes the target folder");
            }
            return p;
        }

        private void directory(Path p, String name) throws IOException {
            Files.createDirectories(p);
            if (!p.toRealPath().startsWith(root)) {
                throw bad(name, "is a folder reached through a link that leads out of the target folder");
            }
        }

        /** Creates the parent folders of {@code p}, checking that no link on the way leads out. */
        private Path checkedParent(Path p, String name) throws IOException {
            Path parent = p.getParent();
            Files.createDirectories(parent);
            if (!parent.toRealPath().startsWith(root)) {
                throw bad(name, "would be written through a link that leads out of the target folder");
            }
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                throw bad(name, "appears twice in the archive");
            }
            return p;
        }

        private void symlink(Path p, String name, String linkTarget) throws IOException {
            if (linkTarget == null || linkTarget.isEmpty() || linkTarget.startsWith("/") || linkTarget.startsWith("\\")
                    || linkTarget.matches("^[A-Za-z]:.*")) {
                throw bad(name, "is a symbolic link to the absolute path '" + linkTarget + "'");
            }
            Path resolved = p.getParent().resolve(linkTarget).normalize();
            if (!resolved.startsWith(root)) {
                throw bad(name, "is a symbolic link to '" + linkTarget + "', outside the target folder");
            }
            Files.createSymbolicLink(checkedParent(p, name), Paths.get(linkTarget));
        }

        private DataFormatException bad(String name, String problem) {
            return new DataFormatException(archive, "entry " + index + " '" + name + "'", problem + "; nothing was unpacked");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) { // does not follow links: a link is deleted, not its target
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
