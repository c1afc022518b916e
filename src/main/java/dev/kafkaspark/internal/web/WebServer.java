package dev.kafkaspark.internal.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kafkaspark.internal.support.RuntimeCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The page's HTTP side, on the JDK's own server ({@code com.sun.net.httpserver}: no dependency, and server-sent events
 * need nothing more than a chunked response; Spark's Jetty is shaded and internal, so it is not ours to use): the
 * page and its assets (all in the jar, uPlot from its WebJar), the
 * event stream, and the buttons' one POST. It listens on loopback only. A request whose {@code Host} is not this
 * server's loopback address (DNS rebinding) or whose {@code Origin} is another site's is refused, and a POST needs
 * the run's token, which only the printed URL carries.
 */
final class WebServer {

    private static final String UPLOT = "/META-INF/resources/webjars/uplot/"
            + RuntimeCheck.builtWith("uplot.version") + "/dist/";
    private static final Map<String, String[]> ASSETS = Map.of(
            "/", new String[] {"/web/index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"/web/app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {"/web/app.css", "text/css; charset=utf-8"},
            "/uplot.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
            "/uplot.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"});
    static final int MAX_CLIENTS = 32;

    private final HttpServer server;
    private final ExecutorService threads;
    private final LivePage page;
    private final String token;
    private final Set<String> hosts;

    private WebServer(HttpServer server, LivePage page, String token) {
        this.server = server;
        this.page = page;
        this.token = token;
        int port = server.getAddress().getPort();
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "live-page-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /**
     * Binds the port (8080 or the next free one unless it was named) and starts serving.
     *
     * @throws IllegalArgumentException when a port the user named is taken
     */
    static WebServer start(WebSettings settings, LivePage page, String token) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int first = settings.port();
        int last = settings.explicit() || first == 0 ? first : first + 20;
        for (int port = first; port <= last; port++) {
            try {
                WebServer s = new WebServer(HttpServer.create(new InetSocketAddress(loopback, port), 50), page,
                        token);
                s.server.start();
                return s;
            } catch (BindException e) {
                if (settings.explicit()) {
                    throw new IllegalArgumentException("port " + port + " for the live page is taken: pick another"
                            + " with --web-port, use --web-port 0 for any free port, or --no-web");
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not serve the live page: " + e.getMessage(), e);
            }
        }
        return start(new WebSettings(0, false), page, token); // 8080 to 8100 all taken: any free port
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String host = x.getRequestHeaders().getFirst("Host");
            String origin = x.getRequestHeaders().getFirst("Origin");
            if (host == null || !hosts.contains(host)) {
                send(x, 403, "text/plain", "refused: this page answers only to 127.0.0.1 (Host " + host + ")");
                return;
            }
            if (origin != null && !hosts.stream().anyMatch(h -> origin.equals("http://" + h))) {
                send(x, 403, "text/plain", "refused: requests from another site (" + origin + ") may not use it");
                return;
            }
            String path = x.getRequestURI().getPath();
            if ("POST".equals(x.getRequestMethod()) && path.equals("/action")) {
                action(x, origin);
            } else if (!"GET".equals(x.getRequestMethod())) {
                send(x, 405, "text/plain", "only GET, and POST /action");
            } else if (path.equals("/events")) {
                String client = query(x).getOrDefault("client", "");
                if (!page.serve(client, x)) {
                    send(x, 503, "text/plain", "too many open pages (" + MAX_CLIENTS + ")");
                }
            } else if (ASSETS.containsKey(path)) {
                asset(x, ASSETS.get(path));
            } else {
                send(x, 404, "text/plain", "no such page: " + path);
            }
        }
    }

    private void action(HttpExchange x, String origin) throws IOException {
        String given = x.getRequestHeaders().getFirst("X-Demo-Token");
        if (origin == null || given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            send(x, 403, "text/plain", "refused: a button needs the token of the URL the demo printed");
            return;
        }
        Map<String, String> form = parse(new String(x.getRequestBody().readNBytes(1_000), StandardCharsets.UTF_8));
        try {
            int broker = Integer.parseInt(form.getOrDefault("broker", "-1"));
            send(x, 200, "text/plain", page.act(form.getOrDefault("action", ""), broker));
        } catch (IllegalArgumentException e) {
            send(x, 409, "text/plain", e.getMessage());
        }
    }

    private static void asset(HttpExchange x, String[] asset) throws IOException {
        try (InputStream in = WebServer.class.getResourceAsStream(asset[0])) {
            if (in == null) {
                send(x, 404, "text/plain", "missing from the jar: " + asset[0]);
                return;
            }
            x.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; style-src 'self'"
                    + " 'unsafe-inline'; img-src 'self' data:");
            x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            send(x, 200, asset[1], in.readAllBytes());
        }
    }

    private static Map<String, String> query(HttpExchange x) {
        String q = x.getRequestURI().getRawQuery();
        return q == null ? Map.of() : parse(q);
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> m = new HashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        send(x, status, type + "; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
