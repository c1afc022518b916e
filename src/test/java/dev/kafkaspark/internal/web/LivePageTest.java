package dev.kafkaspark.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.internal.events.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live page's server without a browser: who may use it (loopback Host, same-site Origin, the run's token for the
 * buttons), what a page that opens late gets, that a page that stops reading is dropped while publishing never waits,
 * and that a named port that is taken is refused.
 */
class LivePageTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final PageActions actions = new PageActions() {
        @Override
        public List<String> available() {
            return List.of("stop-broker");
        }

        @Override
        public String run(String action, int broker) {
            if (broker == 9) {
                throw new IllegalArgumentException("there is no broker 9");
            }
            asked.add(action + " " + broker);
            return "stopping broker " + broker;
        }
    };
    private final LivePage page = LivePage.start(WebSettings.at(0), new PageInfo("demo", "t", "dstream", 2000,
            "zookeeper", "", false), actions);

    @AfterEach
    void close() {
        page.close();
    }

    @Test
    void servesThePageAndItsAssetsFromTheJarToLoopbackOnly() throws IOException {
        assertThat(page.url()).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]{32}");
        assertThat(request("GET / HTTP/1.1\r\nHost: " + host() + "\r\n\r\n")).startsWith("HTTP/1.1 200")
                .contains("/app.js", "/uplot.js").doesNotContain("https://");
        assertThat(request("GET /uplot.js HTTP/1.1\r\nHost: " + host() + "\r\n\r\n")).startsWith("HTTP/1.1 200")
                .contains("uPlot");
        assertThat(request("GET / HTTP/1.1\r\nHost: localhost:" + page.port() + "\r\n\r\n"))
                .startsWith("HTTP/1.1 200");
        // DNS rebinding: a name of the attacker's that resolves to 127.0.0.1 still sends its own Host.
        assertThat(request("GET / HTTP/1.1\r\nHost: rebound.example:" + page.port() + "\r\n\r\n"))
                .startsWith("HTTP/1.1 403").contains("answers only to 127.0.0.1");
    }

    @Test
    void aButtonNeedsTheTokenAndThisSitesOrigin() throws IOException {
        String token = page.url().substring(page.url().indexOf("token=") + 6);
        String body = "action=stop-broker&broker=1";
        assertThat(post(body, "http://" + host(), null)).startsWith("HTTP/1.1 403").contains("needs the token");
        assertThat(post(body, "http://" + host(), "0".repeat(32))).startsWith("HTTP/1.1 403");
        assertThat(post(body, "http://evil.example", token)).startsWith("HTTP/1.1 403").contains("another site");
        assertThat(post(body, null, token)).startsWith("HTTP/1.1 403");
        assertThat(asked).isEmpty();
        assertThat(post(body, "http://" + host(), token)).startsWith("HTTP/1.1 200").endsWith("stopping broker 1");
        assertThat(asked).containsExactly("stop-broker 1");
        assertThat(post("action=stop-broker&broker=9", "http://" + host(), token)).startsWith("HTTP/1.1 409")
                .endsWith("there is no broker 9");
    }

    @Test
    void aPageThatOpensLateGetsTheStateSoFarThenEachEventAndTheEnd() throws IOException {
        page.accept(new Event.Step(100, "ZooKeeper is starting"));
        page.accept(new Event.Summary(900, List.of("SUMMARY produced=1")));
        try (Socket s = open("/events?client=a")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertThat(readUntil(in, "SUMMARY")).contains("\"type\":\"hello\"", "ZooKeeper is starting",
                    "\"actions\":[\"stop-broker\"]");
            page.accept(new Event.Step(1000, "a step after the page opened"));
            assertThat(readUntil(in, "after the page opened")).isNotEmpty();
            page.close();
            assertThat(readUntil(in, "\"type\":\"end\"")).isNotEmpty();
        }
    }

    @Test
    void aPageThatStopsReadingIsDroppedWithoutSlowingThePublisherAndIsToldWhenItComesBack() throws IOException {
        try (Socket stuck = open("/events?client=slow")) {
            await("the page's stream open").atMost(Duration.ofSeconds(10)).until(() -> page.openPages() == 1);
            String big = "x".repeat(20_000);
            for (int i = 0; i < 4 * SseClient.CAPACITY; i++) { // far more than the socket's buffers hold
                page.accept(new Event.Step(i, big));
            }
            await("the stuck page dropped").atMost(Duration.ofSeconds(30)).until(() -> page.openPages() == 0);
        }
        try (Socket back = open("/events?client=slow")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(back.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(readUntil(in, "\"type\":\"notice\"")).contains("\"text\":\"dropped\"");
        }
    }

    @Test
    void aNamedPortThatIsTakenIsAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LivePage.start(WebSettings.at(taken.getLocalPort()), new PageInfo("demo", "", "",
                    0, "", "", false), PageActions.NONE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("port " + taken.getLocalPort() + " for the live page is taken: pick another with"
                            + " --web-port, use --web-port 0 for any free port, or --no-web");
        }
    }

    private String host() {
        return "127.0.0.1:" + page.port();
    }

    private Socket open(String path) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), page.port());
        s.setSoTimeout(20_000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host() + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        return s;
    }

    private static String readUntil(BufferedReader in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(marker)) {
                return seen.toString();
            }
        }
        throw new AssertionError("the stream ended before '" + marker + "': " + seen);
    }

    private String post(String body, String origin, String token) throws IOException {
        return request("POST /action HTTP/1.1\r\nHost: " + host() + "\r\n" + (origin == null ? "" : "Origin: " + origin
                + "\r\n") + (token == null ? "" : "X-Demo-Token: " + token + "\r\n") + "Content-Type:"
                + " application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n"
                + "\r\n" + body);
    }

    private String request(String raw) throws IOException {
        if (!raw.contains("Connection:")) {
            raw = raw.replaceFirst("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
        }
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), page.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
