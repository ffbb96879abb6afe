package io.github.djlsuite.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {

    @TempDir
    Path tmp;

    /** One archive entry: a file (content), a folder (content null, name ends with '/') or a symlink. */
    record E(String name, String content, String link) {
        static E file(String name, String content) {
            return new E(name, content, null);
        }

        static E dir(String name) {
            return new E(name, null, null);
        }

        static E symlink(String name, String target) {
            return new E(name, null, target);
        }
    }

    private Path tarGz(String fileName, E... entries) throws IOException {
        Path p = tmp.resolve("archives").resolve(fileName);
        Files.createDirectories(p.getParent());
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(p));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (E e : entries) {
                TarArchiveEntry t;
                if (e.link() != null) {
                    t = new TarArchiveEntry(e.name(), TarArchiveEntry.LF_SYMLINK, true);
                    t.setLinkName(e.link());
                } else {
                    t = new TarArchiveEntry(e.name(), true); // keep absolute names as they are
                }
                byte[] b = e.content() == null ? new byte[0] : e.content().getBytes(StandardCharsets.UTF_8);
                if (e.content() != null) {
                    t.setSize(b.length);
                }
                tar.putArchiveEntry(t);
                tar.write(b);
                tar.closeArchiveEntry();
            }
        }
        return p;
    }

    private Path zip(String fileName, E... entries) throws IOException {
        Path p = tmp.resolve("archives").resolve(fileName);
        Files.createDirectories(p.getParent());
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(p)) {
            for (E e : entries) {
                ZipArchiveEntry z = new ZipArchiveEntry(e.name());
                byte[] b;
                if (e.link() != null) {
                    z.setUnixMode(0120777);
                    b = e.link().getBytes(StandardCharsets.UTF_8);
                } else {
                    b = e.content() == null ? new byte[0] : e.content().getBytes(StandardCharsets.UTF_8);
                }
                zip.putArchiveEntry(z);
                zip.write(b);
                zip.closeArchiveEntry();
            }
        }
        return p;
    }

    /** Everything under tmp except the archives themselves. */
    private List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> !p.equals(tmp) && !p.startsWith(tmp.resolve("archives")))
                    .map(p -> tmp.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void goodTarGzUnpacksWithTheRightContentsAndPrefixStripped() throws Exception {
        Path a = tarGz("good.tar.gz", E.dir("top/"), E.file("top/a.txt", "alpha"), E.dir("top/sub/"),
                E.file("top/sub/b.csv", "x,y\n1,2\n"), E.symlink("top/sub/a-link", "../a.txt"));
        Path target = tmp.resolve("out").resolve("ds");
        Archives.unpack(a, target, "top/");
        assertEquals("alpha", Files.readString(target.resolve("a.txt")));
        assertEquals("x,y\n1,2\n", Files.readString(target.resolve("sub/b.csv")));
        assertTrue(Files.isSymbolicLink(target.resolve("sub/a-link")));
        assertEquals("alpha", Files.readString(target.resolve("sub/a-link")));
        assertEquals(List.of("out", "out/ds", "out/ds/a.txt", "out/ds/sub", "out/ds/sub/a-link", "out/ds/sub/b.csv"),
                leftovers(), "no temporary folder remains");
        // the target must not exist yet
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> Archives.unpack(a, target, "top/"));
    }

    @Test
    void goodZipUnpacks() throws Exception {
        Path a = zip("good.zip", E.dir("ml/"), E.file("ml/u.data", "1\t2\t3\n"), E.file("ml/README", "terms"));
        Path target = tmp.resolve("ml");
        Archives.unpack(a, target, "ml/");
        assertEquals("1\t2\t3\n", Files.readString(target.resolve("u.data")));
        assertEquals("terms", Files.readString(target.resolve("README")));
        Path keep = tmp.resolve("keep");
        Archives.unpack(a, keep, null);
        assertEquals("terms", Files.readString(keep.resolve("ml/README")));
    }

    @Test
    void entriesEscapingTheTargetAreRejectedAndNothingIsWritten() throws Exception {
        String abs = tmp.resolve("abs-evil").toString();
        List<Path> bad = List.of(
                tarGz("dotdot.tar.gz", E.file("ok.txt", "fine"), E.file("../evil", "pwned")),
                tarGz("nested.tar.gz", E.file("a/b/../../../evil", "pwned")),
                tarGz("absolute.tar.gz", E.file("ok.txt", "fine"), E.file(abs, "pwned")),
                tarGz("symlink-out.tar.gz", E.symlink("link", "../../evil-dir")),
                tarGz("symlink-abs.tar.gz", E.symlink("link", tmp.toString())),
                zip("dotdot.zip", E.file("ok.txt", "fine"), E.file("../evil", "pwned")),
                zip("absolute.zip", E.file(abs, "pwned")),
                zip("symlink-out.zip", E.symlink("link", "../evil-dir")));
        for (Path a : bad) {
            Path target = tmp.resolve("out");
            DataFormatException e = assertThrows(DataFormatException.class, () -> Archives.unpack(a, target, null),
                    a.getFileName().toString());
            assertTrue(e.getMessage().contains(a.toString()) && e.getMessage().contains("entry "), e.getMessage());
            assertTrue(e.getMessage().contains("escapes") || e.getMessage().contains("absolute")
                    || e.getMessage().contains("outside"), e.getMessage());
            assertEquals(List.of(), leftovers(), a.getFileName() + ": nothing written, no temporary folder left");
        }
        assertFalse(Files.exists(tmp.resolve("evil")) || Files.exists(tmp.getParent().resolve("evil")));
    }

    @Test
    void entryOutsideTheExpectedTopFolderIsRejected() throws Exception {
        Path a = zip("mixed.zip", E.file("ml/u.data", "1"), E.file("other/x", "2"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Archives.unpack(a, tmp.resolve("o"), "ml/"));
        assertTrue(e.getMessage().contains("'other/x'"), e.getMessage());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void gunzipRestoresTheBytesAndRejectsATruncatedStream() throws Exception {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 % 251);
        }
        Path gz = tmp.resolve("archives").resolve("d.bin.gz");
        Files.createDirectories(gz.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(data);
        }
        Archives.gunzip(gz, tmp.resolve("d.bin"));
        assertArrayEquals(data, Files.readAllBytes(tmp.resolve("d.bin")));
        byte[] all = Files.readAllBytes(gz);
        Path cut = tmp.resolve("archives").resolve("cut.bin.gz");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Archives.gunzip(cut, tmp.resolve("cut.bin")));
        assertTrue(e.getMessage().contains("cut.bin.gz"), e.getMessage());
        assertEquals(List.of("d.bin"), leftovers());
    }
}
