package io.github.djlsuite.core.io;

import ai.djl.training.util.ProgressBar;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one http(s) URL to a file, verified: the body goes to a temporary file next to the
 * target, its digest (sha256 unless told otherwise) and, when given, its size are checked, and only
 * then is it moved into place with {@link StandardCopyOption#ATOMIC_MOVE}. A reader of the target
 * therefore sees either nothing or the complete, verified file.
 *
 * <pre>{@code
 * Download.builder()
 *         .setUrl("https://raw.githubusercontent.com/owner/repo/<commit>/path/file.txt")
 *         .setTarget(dir.resolve("file.txt"))
 *         .setSha256("0211d6...")
 *         .optSize(8337)
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>Behaviour:
 * <ul>
 *   <li>a target that already exists with the expected digest is not fetched again
 *       ({@link Outcome#ALREADY_PRESENT}); one with another digest is deleted and fetched anew;
 *   <li>redirects are followed (never from https to http); connecting and receiving the response
 *       headers are bounded by the timeout, and a body that delivers no byte for the idle timeout
 *       is abandoned;
 *   <li>progress (optional) is DJL's {@link ProgressBar} when the size is known (expected size or
 *       {@code Content-Length}), otherwise a byte count on standard output;
 *   <li>any failure (HTTP status other than 200, connection refused or dropped mid-transfer, fewer or
 *       more bytes than {@code Content-Length} or the expected size, digest mismatch) throws
 *       {@link DownloadException} naming the URL, the expected digest and size and what arrived;
 *       the target path is then absent and the temporary file deleted.
 * </ul>
 * Instances are immutable and may be run more than once.
 */
public final class Download {

    /** What {@link #run()} did. */
    public enum Outcome {
        /** The file was fetched, verified and moved into place. */
        DOWNLOADED,
        /** The target already had the expected digest; nothing was fetched. */
        ALREADY_PRESENT
    }

    private final URI url;
    private final Path target;
    private final String algorithm;
    private final String expected;
    private final long size;
    private final boolean progress;
    private final Duration timeout;
    private final Duration idleTimeout;
    private final HttpClient client;

    private Download(Builder b) {
        url = b.url;
        target = b.target.toAbsolutePath().normalize();
        algorithm = b.algorithm;
        expected = b.expected;
        size = b.size;
        progress = b.progress;
        timeout = b.timeout;
        idleTimeout = b.idleTimeout;
        client = b.client != null ? b.client : HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout)
                .build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The URL fetched. */
    public URI url() {
        return url;
    }

    /** Where the verified file goes. */
    public Path target() {
        return target;
    }

    /**
     * Fetches the URL into the target unless the target already has the expected digest.
     *
     * @throws DownloadException when the transfer or the verification fails; the target is then absent
     * @throws IOException when the target folder cannot be written
     */
    public Outcome run() throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        if (Files.isRegularFile(target)) {
            if (size < 0 || Files.size(target) == size) {
                if (digest(target).equals(expected)) {
                    return Outcome.ALREADY_PRESENT;
                }
            }
            Files.delete(target); // wrong content: it would be replaced anyway, and must not survive a failure
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            Received got = fetch(tmp);
            if (size >= 0 && got.bytes != size) {
                throw fail("received " + got.bytes + " bytes, expected " + size, null);
            }
            if (!got.digest.equals(expected)) {
                throw fail(algorithmName() + " mismatch: expected " + expected + ", actual " + got.digest
                        + " (" + got.bytes + " bytes)", null);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return Outcome.DOWNLOADED;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private record Received(long bytes, String digest) {}

    private Received fetch(Path tmp) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            FileSubscriber body = new FileSubscriber(channel, newDigest());
            CompletableFuture<HttpResponse<Long>> future = client.sendAsync(request, info -> {
                long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (info.statusCode() != 200 || (size >= 0 && announced >= 0 && announced != size)) {
                    return HttpResponse.BodySubscribers.replacing(-1L); // judged below, from the headers
                }
                body.start(size >= 0 ? size : announced);
                return body;
            });
            HttpResponse<Long> response = await(future, body);
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (response.statusCode() != 200) {
                throw fail("HTTP " + response.statusCode() + " from " + response.uri(), null);
            }
            if (size >= 0 && announced >= 0 && announced != size) {
                throw fail("server announces " + announced + " bytes (Content-Length), expected " + size, null);
            }
            long bytes = response.body();
            if (body.tooMany) {
                throw fail("more than the " + body.total + " bytes expected arrived", null);
            }
            if (announced >= 0 && bytes != announced) {
                throw fail("connection closed after " + bytes + " of " + announced + " bytes (Content-Length)", null);
            }
            body.finish();
            return new Received(bytes, HexFormat.of().formatHex(body.md.digest()));
        }
    }

    /** Waits for the response, giving up when the body stalls for the idle timeout. */
    private HttpResponse<Long> await(CompletableFuture<HttpResponse<Long>> future, FileSubscriber body)
            throws IOException {
        long tick = Math.max(10, Math.min(250, idleTimeout.toMillis() / 4));
        while (true) {
            try {
                return future.get(tick, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (body.started() && System.nanoTime() - body.lastByte > idleTimeout.toNanos()) {
                    body.cancel();
                    future.cancel(true);
                    throw fail("no data for " + idleTimeout.toMillis() + " ms after " + body.bytes
                            + (body.total >= 0 ? " of " + body.total : "") + " bytes", null);
                }
            } catch (InterruptedException e) {
                body.cancel();
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while fetching " + url);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null
                        ? e.getCause().getCause() : e.getCause();
                throw fail((body.started() ? "transfer broke off after " + body.bytes
                        + (body.total >= 0 ? " of " + body.total : "") + " bytes (" : "request failed (") + cause + ")",
                        cause);
            }
        }
    }

    /** Writes the body to the temporary file and hashes it as it arrives; shows progress. */
    private final class FileSubscriber implements HttpResponse.BodySubscriber<Long> {
        private final FileChannel channel;
        private final MessageDigest md;
        private final CompletableFuture<Long> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private volatile long lastByte;
        private volatile long bytes;
        private volatile long total = -1;
        private volatile boolean tooMany;
        private volatile boolean started;
        private ProgressBar bar;
        private long nextReport = 1 << 20;

        FileSubscriber(FileChannel channel, MessageDigest md) {
            this.channel = channel;
            this.md = md;
        }

        void start(long expectedTotal) {
            total = expectedTotal;
            lastByte = System.nanoTime();
            if (progress && expectedTotal >= 0) {
                bar = new ProgressBar(target.getFileName().toString(), expectedTotal);
            }
            started = true;
        }

        boolean started() {
            return started;
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        void finish() {
            if (progress && bar == null) {
                System.out.println("\r" + target.getFileName() + ": " + String.format(Locale.ROOT, "%,d", bytes) + " bytes");
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            try {
                for (ByteBuffer item : items) {
                    md.update(item.duplicate());
                    long n = item.remaining();
                    while (item.hasRemaining()) {
                        channel.write(item);
                    }
                    bytes += n;
                }
            } catch (IOException e) {
                cancel();
                result.completeExceptionally(e);
                return;
            }
            lastByte = System.nanoTime();
            if (total >= 0 && bytes > total) {
                tooMany = true;
                cancel();
                result.complete(bytes);
                return;
            }
            if (bar != null) {
                bar.update(bytes);
            } else if (progress && bytes >= nextReport) {
                System.out.print("\r" + target.getFileName() + ": " + String.format(Locale.ROOT, "%,d", bytes)
                        + " bytes (size unknown)");
                nextReport += 1 << 20;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes);
        }

        @Override
        public CompletionStage<Long> getBody() {
            return result;
        }
    }

    private DownloadException fail(String what, Throwable cause) {
        return new DownloadException(url, "download of " + url + " failed: " + what + " [expected "
                + algorithmName() + " " + expected + (size >= 0 ? ", " + size + " bytes" : "") + "; target "
                + target + " not written]", cause);
    }

    private String algorithmName() {
        return algorithm.toLowerCase(Locale.ROOT).replace("-", "");
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String digest(Path file) throws IOException {
        MessageDigest md = newDigest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Builds a {@link Download}: {@code setUrl}, {@code setTarget} and a digest are required. */
    public static final class Builder {
        private URI url;
        private Path target;
        private String algorithm;
        private String expected;
        private long size = -1;
        private boolean progress = true;
        private Duration timeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private HttpClient client;

        private Builder() {}

        /** The http or https URL to fetch. */
        public Builder setUrl(URI url) {
            this.url = url;
            return this;
        }

        /** As {@link #setUrl(URI)}; throws {@link IllegalArgumentException} naming a malformed URL. */
        public Builder setUrl(String url) {
            return setUrl(URI.create(url));
        }

        /** The file to create (its folder is created when missing). */
        public Builder setTarget(Path target) {
            this.target = target;
            return this;
        }

        /** The expected SHA-256 of the body, 64 hex digits. */
        public Builder setSha256(String hex) {
            return setDigest("SHA-256", hex);
        }

        /**
         * The expected digest under another algorithm that {@link MessageDigest} knows ("SHA-1", "MD5"),
         * for publishers that give no SHA-256.
         */
        public Builder setDigest(String algorithm, String hex) {
            this.algorithm = algorithm;
            this.expected = hex == null ? null : hex.trim().toLowerCase(Locale.ROOT);
            return this;
        }

        /** The expected size in bytes; checked against {@code Content-Length} before the transfer. */
        public Builder optSize(long bytes) {
            this.size = bytes;
            return this;
        }

        /** Whether to show progress on standard output (default true). */
        public Builder optProgress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /** Limit for connecting and for receiving the response headers (default 30 s). */
        public Builder optTimeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Longest wait for the next bytes of the body before giving up (default 60 s). */
        public Builder optIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** The client to use (default: one that follows redirects, with the connect timeout). */
        public Builder optClient(HttpClient client) {
            this.client = client;
            return this;
        }

        /** Validates the settings; messages name the bad value. */
        public Download build() {
            if (url == null || url.getScheme() == null
                    || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("url must be http(s), got " + url);
            }
            if (target == null || target.toAbsolutePath().getParent() == null) {
                throw new IllegalArgumentException("target must be a file path, got " + target);
            }
            if (algorithm == null || expected == null) {
                throw new IllegalArgumentException("an expected digest is required (setSha256) for " + url);
            }
            MessageDigest md;
            try {
                md = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
            }
            if (!expected.matches("[0-9a-f]{" + 2 * md.getDigestLength() + "}")) {
                throw new IllegalArgumentException(algorithm + " must be " + 2 * md.getDigestLength()
                        + " hex digits, got '" + expected + "'");
            }
            if (size < -1) {
                throw new IllegalArgumentException("size must be >= 0, got " + size);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()
                    || idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be > 0, got " + timeout + " and " + idleTimeout);
            }
            return new Download(this);
        }
    }
}
