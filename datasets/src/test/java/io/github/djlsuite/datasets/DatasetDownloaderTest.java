package io.github.djlsuite.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.djlsuite.core.io.DownloadException;
import io.github.djlsuite.core.io.LocalHttpServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetDownloaderTest {

    private static final Path SHARED = Path.of(System.getenv("SUITE_DATA"));

    @TempDir
    Path tmp;

    private LocalHttpServer server;
    private DatasetManifest m;

    @BeforeEach
    void start() throws IOException {
        server = new LocalHttpServer();
        m = DatasetManifest.load();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The path under the mirror at which {@code url} is requested. */
    private static String mirrorPath(String url) {
        URI u = URI.create(url);
        return "/" + u.getHost() + u.getRawPath();
    }

    /** Serves every file of {@code name} from the shared copy at its mirrored URL. */
    private void serveShared(String name) throws IOException {
        for (DatasetManifest.FileEntry e : m.files(name)) {
            server.serve(mirrorPath(e.url()), Files.readAllBytes(SHARED.resolve(name).resolve(e.file())));
        }
    }

    private DatasetDownloader downloader(Path... roots) {
        return new DatasetDownloader(List.of(roots), URI.create(server.url("/")), false);
    }

    private List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void everyDownloadableFileHasAPinnedGithubRawUrl() {
        int urls = 0;
        for (String name : m.names()) {
            for (DatasetManifest.FileEntry e : m.files(name)) {
                if (e.url() != null) {
                    assertTrue(e.url().matches("https://raw\\.githubusercontent\\.com/[^/]+/[^/]+/[0-9a-f]{40}/.+"), e.url());
                    assertTrue(e.url().endsWith("/" + e.file()), e.url());
                    urls++;
                }
            }
        }
        assertEquals(9, urls, "DeepCTR (5), PaddleRec (1), FuxiCTR (3)");
        List<String> files = m.names().stream()
                .filter(n -> m.dataset(n).origin() == DatasetManifest.Origin.FILES).toList();
        assertEquals(List.of("criteo-sample", "avazu-sample", "movielens-sample", "census-income-sample",
                "din-amazon-electronics-sample", "taobao-ad-sample"), files);
        for (String n : m.names()) {
            assertFalse(m.dataset(n).source().isBlank(), n);
        }
    }

    @Test
    void datasetIsRebuiltFromTheMirrorVerifiedAndNotFetchedTwice() throws Exception {
        serveShared("taobao-ad-sample");
        Path root = tmp.resolve("cache");
        DatasetDownloader d = downloader(root);
        DatasetDownloader.Outcome o = d.download("taobao-ad-sample", false);
        assertEquals(DatasetDownloader.Status.DOWNLOADED, o.status(), o.message());
        Path dir = root.resolve("taobao-ad-sample");
        assertEquals(dir, o.dir());
        assertEquals(List.of("test_sample.csv", "train_sample.csv", "valid_sample.csv"), files(dir));
        for (DatasetManifest.FileEntry e : m.files("taobao-ad-sample")) {
            assertArrayEquals(Files.readAllBytes(SHARED.resolve("taobao-ad-sample").resolve(e.file())),
                    Files.readAllBytes(dir.resolve(e.file())));
            assertEquals(1, server.requests(mirrorPath(e.url())));
        }
        assertEquals(dir, DataRoot.locate("taobao-ad-sample", dir.getParent(), List.of("train_sample.csv")));
        // complete and verified: no request at all the second time
        assertEquals(DatasetDownloader.Status.ALREADY_PRESENT, d.download("taobao-ad-sample", false).status());
        // one file lost: only that one is fetched again
        Files.delete(dir.resolve("valid_sample.csv"));
        assertEquals(DatasetDownloader.Status.DOWNLOADED, d.download("taobao-ad-sample", false).status());
        for (DatasetManifest.FileEntry e : m.files("taobao-ad-sample")) {
            assertEquals(e.file().equals("valid_sample.csv") ? 2 : 1, server.requests(mirrorPath(e.url())), e.file());
        }
    }

    @Test
    void aTamperedUpstreamFileIsRejectedAndLeavesNothing() throws Exception {
        DatasetManifest.FileEntry e = m.files("avazu-sample").get(0);
        byte[] b = Files.readAllBytes(SHARED.resolve("avazu-sample").resolve(e.file()));
        b[b.length / 3] ^= 0x04;
        server.serve(mirrorPath(e.url()), b);
        Path root = tmp.resolve("cache");
        DownloadException ex = assertThrows(DownloadException.class, () -> downloader(root).download("avazu-sample", false));
        assertTrue(ex.getMessage().contains(e.sha256()) && ex.getMessage().contains(mirrorPath(e.url())), ex.getMessage());
        assertEquals(List.of(), Files.exists(root) ? files(root) : List.of());
    }

    @Test
    void convertedAndManualDatasetsExplainWhatToDoAndFetchNothing() throws Exception {
        DatasetDownloader d = downloader(tmp.resolve("cache"));
        DatasetDownloader.Outcome cora = d.download("cora", false);
        assertEquals(DatasetDownloader.Status.NOT_DOWNLOADABLE, cora.status());
        assertTrue(cora.message().contains("convert.py") && cora.message().contains("kimiyoung/planetoid")
                && cora.message().contains("af6abf468a772cc055bec88c52e4d6f51b7c37e3"), cora.message());
        assertEquals(1, cora.message().split("\\. ").length, "one sentence: " + cora.message());
        DatasetDownloader.Outcome uci = d.download("uci", false);
        assertEquals(DatasetDownloader.Status.NOT_DOWNLOADABLE, uci.status());
        assertTrue(uci.message().contains("python3-sklearn"), uci.message());
        assertFalse(Files.exists(tmp.resolve("cache")), "nothing created");
        assertThrows(IllegalArgumentException.class, () -> d.download("imagenet", false));
    }

    @Test
    void aDatasetVerifiedInAnyRootIsNotFetchedAgain() throws Exception {
        DatasetDownloader d = downloader(tmp.resolve("cache"), SHARED);
        DatasetDownloader.Outcome o = d.download("criteo-sample", false);
        assertEquals(DatasetDownloader.Status.ALREADY_PRESENT, o.status());
        assertEquals(SHARED.resolve("criteo-sample"), o.dir());
        assertEquals(0, server.requests(mirrorPath(m.files("criteo-sample").get(0).url())));
        assertFalse(Files.exists(tmp.resolve("cache")));
    }

    @Test
    void downloadsGoToTheFirstWritableRoot() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("blocker"), "a file, so no folder can be made under it");
        DatasetDownloader d = downloader(blocker.resolve("datasets"), tmp.resolve("cache"));
        assertEquals(tmp.resolve("cache"), d.targetRoot());
        IOException e = assertThrows(IOException.class, () -> downloader(blocker.resolve("datasets")).targetRoot());
        assertTrue(e.getMessage().contains("--data"), e.getMessage());
    }

    @Test
    void movielens100kNeedsTheTermsAndIsCheckedAgainstGroupLensMd5() throws Exception {
        Path root = tmp.resolve("cache");
        DatasetDownloader d = downloader(root);
        DatasetDownloader.Outcome o = d.download(DatasetDownloader.MOVIELENS_100K, false);
        assertEquals(DatasetDownloader.Status.TERMS_NOT_ACCEPTED, o.status());
        assertTrue(o.message().contains(DatasetDownloader.TERMS_URL) && o.message().contains("--accept-terms"),
                o.message());
        String path = mirrorPath(DatasetDownloader.MOVIELENS_100K_URL);
        assertEquals(0, server.requests(path));
        // with the terms accepted it is fetched; an archive that is not GroupLens' fails its MD5
        server.serve(path, "not the real archive".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        DownloadException e = assertThrows(DownloadException.class, () -> d.download(DatasetDownloader.MOVIELENS_100K, true));
        assertTrue(e.getMessage().contains("md5") && e.getMessage().contains(DatasetDownloader.MOVIELENS_100K_MD5),
                e.getMessage());
        assertEquals(1, server.requests(path));
        assertEquals(List.of(), files(root), "no archive, no partial folder");
    }

    @Test
    void notFoundMessageNamesTheDownloadCommandWhenThereIsOne() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class,
                () -> DataRoot.locate("criteo-sample", empty, List.of("criteo_sample.txt", "nope")));
        assertTrue(e.getMessage().contains("`suite data download criteo-sample`"), e.getMessage());
        e = assertThrows(DatasetNotFoundException.class, () -> DataRoot.locate("cora", empty, List.of("nope")));
        assertFalse(e.getMessage().contains("suite data download"), e.getMessage());
        assertEquals("suite data download movielens-100k --accept-terms",
                DatasetDownloader.command(DatasetDownloader.MOVIELENS_100K));
        assertNull(DatasetDownloader.command("fsdd"));
        assertNull(DatasetDownloader.command("imagenet"));
    }
}
