package io.github.djlsuite.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetManifestTest {

    private static final Path SHARED = Path.of(System.getenv("SUITE_DATA"));

    @TempDir
    Path tmp;

    @Test
    void knowsEverySharedDatasetAndItsCaveats() {
        DatasetManifest m = DatasetManifest.load();
        assertEquals(23, m.names().size());
        assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz"), m.files("mnist").stream().map(DatasetManifest.FileEntry::file)
                .filter(f -> f.endsWith(".gz")).sorted().toList());
        List<String> caveats = m.names().stream().filter(n -> m.dataset(n).caveat()).toList();
        assertEquals(List.of("fashion-mnist", "pubmed", "taobao-ad-sample", "listops"), caveats);
        assertThrows(IllegalArgumentException.class, () -> m.dataset("imagenet"));
    }

    @Test
    void everySharedFileMatchesItsPublishedChecksum() throws Exception {
        DatasetManifest m = DatasetManifest.load();
        int files = 0;
        for (String name : m.names()) {
            for (DatasetManifest.Check c : m.verify(name, SHARED.resolve(name))) {
                assertEquals(DatasetManifest.Status.OK, c.status(), c.detail());
                files++;
            }
        }
        assertEquals(131, files, "every data file of ../shared/datasets (READMEs and conversion scripts aside)");
    }

    @Test
    void tamperedTruncatedAndMissingFilesAreCaught() throws Exception {
        DatasetManifest m = DatasetManifest.load();
        Path dir = Files.createDirectories(tmp.resolve("mnist"));
        for (DatasetManifest.FileEntry e : m.files("mnist")) {
            Files.copy(SHARED.resolve("mnist").resolve(e.file()), dir.resolve(e.file()));
        }
        byte[] labels = Files.readAllBytes(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        labels[labels.length / 2] ^= 0x01; // same size, one bit flipped
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels);
        byte[] images = Files.readAllBytes(dir.resolve("t10k-images-idx3-ubyte.gz"));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(images, images.length - 10));
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        Map<String, DatasetManifest.Status> status = m.verify("mnist", dir).stream()
                .collect(Collectors.toMap(c -> c.entry().file(), DatasetManifest.Check::status));
        assertEquals(DatasetManifest.Status.WRONG_CHECKSUM, status.get("t10k-labels-idx1-ubyte.gz"));
        assertEquals(DatasetManifest.Status.WRONG_SIZE, status.get("t10k-images-idx3-ubyte.gz"));
        assertEquals(DatasetManifest.Status.MISSING, status.get("train-labels-idx1-ubyte.gz"));
        assertEquals(DatasetManifest.Status.OK, status.get("train-images-idx3-ubyte.gz"));
    }

    @Test
    void locateFindsTheSharedFolderAndOtherwiseNamesEverythingItSearched() throws Exception {
        assertEquals(SHARED.resolve("mnist").toAbsolutePath().normalize(), DataRoot.locate("mnist", null));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(empty.toAbsolutePath().normalize(), DataRoot.searchPath(empty).get(0));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> DataRoot.locate("mnist", empty, List.of("train-images-idx3-ubyte.gz", "nope.gz")));
        assertTrue(e.getMessage().contains("'mnist'") && e.getMessage().contains("nope.gz"), e.getMessage());
        for (Path root : DataRoot.searchPath(empty)) {
            assertTrue(e.getMessage().contains(root.resolve("mnist").toString()), e.getMessage());
        }
    }
}
