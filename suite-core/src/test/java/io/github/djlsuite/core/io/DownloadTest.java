package io.github.djlsuite.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTest {

    private static final byte[] BODY = body(200_000, 7);
    private static final String SHA = sha256(BODY);

    @TempDir
    Path tmp;

    private LocalHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LocalHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Download.Builder download(String path, Path target) {
        return Download.builder().setUrl(server.url(path)).setTarget(target).setSha256(SHA).optProgress(false);
    }

    @Test
    void goodFileIsVerifiedMovedIntoPlaceAndNotFetchedTwice() throws Exception {
        server.serve("/data/good.bin", BODY);
        Path target = tmp.resolve("sub").resolve("good.bin");
        Download d = download("/data/good.bin", target).optSize(BODY.length).build();
        assertEquals(Download.Outcome.DOWNLOADED, d.run());
        assertArrayEquals(BODY, Files.readAllBytes(target));
        assertEquals(Download.Outcome.ALREADY_PRESENT, d.run());
        assertEquals(1, server.requests("/data/good.bin"), "second run must not touch the network");
        assertEquals(List.of(target), files(tmp));
        // a file with the wrong content at the target is replaced
        Files.write(target, new byte[] {1, 2, 3});
        assertEquals(Download.Outcome.DOWNLOADED, d.run());
        assertArrayEquals(BODY, Files.readAllBytes(target));
        assertEquals(2, server.requests("/data/good.bin"));
    }

    @Test
    void unknownSizeAndRedirectsWork() throws Exception {
        server.serveChunked("/chunked", BODY).redirect("/moved", "/chunked");
        Path target = tmp.resolve("c.bin");
        assertEquals(Download.Outcome.DOWNLOADED, download("/moved", target).optProgress(true).build().run());
        assertArrayEquals(BODY, Files.readAllBytes(target));
        assertEquals(1, server.requests("/moved"));
        assertEquals(1, server.requests("/chunked"));
    }

    @Test
    void tamperedFileIsRejectedAndNothingIsLeft() throws Exception {
        byte[] tampered = BODY.clone();
        tampered[12345] ^= 0x01;
        server.serve("/tampered", tampered);
        Path target = tmp.resolve("t.bin");
        DownloadException e = assertThrows(DownloadException.class, () -> download("/tampered", target).build().run());
        assertTrue(e.getMessage().contains(server.url("/tampered")), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + SHA) && e.getMessage().contains("actual " + sha256(tampered)),
                e.getMessage());
        assertEquals(List.of(), files(tmp), "no target and no temporary file");
        // an old wrong file at the target does not survive the failure either
        Files.write(target, new byte[] {9});
        assertThrows(DownloadException.class, () -> download("/tampered", target).build().run());
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void connectionDroppedMidTransferIsAClearErrorAndLeavesNothing() throws Exception {
        server.serveTruncated("/drop", BODY, 50_000, BODY.length);
        Path target = tmp.resolve("d.bin");
        DownloadException e = assertThrows(DownloadException.class, () -> download("/drop", target).build().run());
        assertTrue(e.getMessage().contains(server.url("/drop")) && e.getMessage().contains(SHA), e.getMessage());
        assertTrue(e.getMessage().contains("of " + BODY.length), "names how much was expected: " + e.getMessage());
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void sizeMismatchIsCaughtBeforeAndAfterTheTransfer() throws Exception {
        server.serve("/good", BODY);
        Path target = tmp.resolve("s.bin");
        DownloadException e = assertThrows(DownloadException.class,
                () -> download("/good", target).optSize(BODY.length + 1).build().run());
        assertTrue(e.getMessage().contains("Content-Length") && e.getMessage().contains(String.valueOf(BODY.length + 1)),
                e.getMessage());
        server.serveChunked("/chunked", BODY);
        e = assertThrows(DownloadException.class,
                () -> download("/chunked", target).optSize(BODY.length - 1).build().run());
        assertTrue(e.getMessage().contains("more than the " + (BODY.length - 1)), e.getMessage());
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void http404IsAClearError() throws Exception {
        Path target = tmp.resolve("missing.bin");
        DownloadException e = assertThrows(DownloadException.class, () -> download("/nope", target).build().run());
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains(server.url("/nope")), e.getMessage());
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void aStalledTransferIsAbandonedAfterTheIdleTimeout() throws Exception {
        server.serveStalling("/stall", BODY, 10_000, 5_000);
        Path target = tmp.resolve("stall.bin");
        long start = System.nanoTime();
        DownloadException e = assertThrows(DownloadException.class,
                () -> download("/stall", target).optIdleTimeout(Duration.ofMillis(300)).build().run());
        assertTrue((System.nanoTime() - start) / 1e9 < 4, "gave up before the server's 5 s stall ended: " + e.getMessage());
        assertTrue(e.getMessage().contains("no data for 300 ms"), e.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt must not leak");
        assertEquals(List.of(), files(tmp));
    }

    @Test
    void builderRejectsBadSettings() {
        Path target = tmp.resolve("x");
        assertThrows(IllegalArgumentException.class,
                () -> Download.builder().setUrl("ftp://h/x").setTarget(target).setSha256(SHA).build());
        assertThrows(IllegalArgumentException.class,
                () -> Download.builder().setUrl("http://h/x").setTarget(target).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Download.builder().setUrl("http://h/x").setTarget(target).setSha256("abc").build());
        assertTrue(e.getMessage().contains("64 hex digits"), e.getMessage());
        // other algorithms are accepted for publishers without sha256
        Download.builder().setUrl("http://h/x").setTarget(target).setDigest("MD5", "0e33842e24a9c977be4e0107933c0723")
                .build();
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static byte[] body(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
