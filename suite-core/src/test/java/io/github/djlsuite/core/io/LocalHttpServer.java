package io.github.djlsuite.core.io;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server on 127.0.0.1 at an ephemeral port, for download tests: serve bytes at a path,
 * misbehave on purpose (drop the connection mid-transfer, stall, redirect), and count requests per
 * path. Unknown paths answer 404. Close it after the test.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** How a path answers. */
    public interface Responder {
        /** Writes the whole response (headers and body) of one request. */
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** Starts the server. */
    public LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            try (exchange) {
                Responder r = routes.get(path);
                if (r == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    r.respond(exchange);
                }
            } catch (IOException e) {
                // a responder that misbehaves on purpose (dropped connection) ends here
            }
        });
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path} (which starts with '/'). */
    public String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + path;
    }

    /** Serves {@code body} at {@code path} with its Content-Length. */
    public LocalHttpServer serve(String path, byte[] body) {
        return route(path, ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
    }

    /** Serves {@code body} chunked, without a Content-Length. */
    public LocalHttpServer serveChunked(String path, byte[] body) {
        return route(path, ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
    }

    /** Announces {@code announced} bytes, sends the first {@code sent} of {@code body}, then closes the connection. */
    public LocalHttpServer serveTruncated(String path, byte[] body, int sent, long announced) {
        return route(path, ex -> {
            ex.sendResponseHeaders(200, announced);
            OutputStream out = ex.getResponseBody();
            out.write(body, 0, sent);
            out.flush();
            ex.close(); // fewer bytes than announced: the JDK server closes the connection
        });
    }

    /** Sends the first {@code sent} bytes of {@code body} with the full Content-Length, then waits {@code stallMillis}. */
    public LocalHttpServer serveStalling(String path, byte[] body, int sent, long stallMillis) {
        return route(path, ex -> {
            ex.sendResponseHeaders(200, body.length);
            OutputStream out = ex.getResponseBody();
            out.write(body, 0, sent);
            out.flush();
            try {
                Thread.sleep(stallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
    }

    /** Answers {@code path} with a 302 to {@code location}. */
    public LocalHttpServer redirect(String path, String location) {
        return route(path, ex -> {
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(302, -1);
        });
    }

    /** Answers {@code path} with {@code responder}. */
    public LocalHttpServer route(String path, Responder responder) {
        routes.put(path, responder);
        return this;
    }

    /** How many requests {@code path} has received. */
    public int requests(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
