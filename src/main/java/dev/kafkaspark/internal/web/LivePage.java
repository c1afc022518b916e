package dev.kafkaspark.internal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.kafkaspark.internal.events.Event;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.Ticker;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live page: a subscriber of the run's events (on the event bus's own thread for it, so it never slows the
 * pipeline) that serves them to every open page over server-sent events, each page through its own bounded queue.
 * A page that opens late gets the state so far; a page that falls behind is dropped, reconnects by itself and is told
 * so. When the run ends the page shows the summary and that the run is over; closing never waits for a browser longer
 * than a moment.
 */
public final class LivePage implements Consumer<Event>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LivePage.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DROPPED_KEPT = 100;

    private final PageState state;
    private final PageActions actions;
    private final String token;
    private final WebServer server;
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final Set<String> dropped = Collections.synchronizedSet(new LinkedHashSet<>());
    private final Ticker ticker;

    private LivePage(WebSettings settings, PageInfo info, PageActions actions) {
        this.actions = actions;
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
        ObjectNode hello = JSON.createObjectNode().put("kind", info.kind()).put("topic", info.topic())
                .put("engine", info.engine()).put("intervalMs", info.intervalMillis()).put("mode", info.mode())
                .put("bootstrap", info.bootstrapServers()).put("auth", info.auth())
                .put("startedAtMillis", Narrator.startedAtMillis()); // each message's "at" counts from here
        actions.available().forEach(hello.putArray("actions")::add);
        this.state = new PageState(hello);
        this.server = WebServer.start(settings, this, token);
        this.ticker = Ticker.every(Duration.ofSeconds(1), Duration.ofSeconds(1), "live-page-tick",
                () -> broadcast(PageState.object("tick", Narrator.sinceStart()).toString()));
    }

    /**
     * Starts serving the page.
     *
     * @throws IllegalArgumentException when a port the user named is taken
     */
    public static LivePage start(WebSettings settings, PageInfo info, PageActions actions) {
        return new LivePage(settings, info, actions);
    }

    /** The page's address, with the token its buttons need. */
    public String url() {
        return "http://127.0.0.1:" + server.port() + "/?token=" + token;
    }

    /** The port it listens on. */
    public int port() {
        return server.port();
    }

    /** Pages open right now. */
    public int openPages() {
        return clients.size();
    }

    @Override
    public synchronized void accept(Event event) {
        state.apply(event).ifPresent(this::broadcast);
    }

    /** Says something of the page's own on its timeline (a button's step, a note). */
    public synchronized void note(String text) {
        broadcast(state.own(PageState.object("note", Narrator.sinceStart()).put("text", text)));
    }

    /** Sends a message of the page's own kind (the {@code web} command's cluster view), kept as the latest. */
    public synchronized void publish(ObjectNode message) {
        broadcast(state.own(message));
    }

    /** Serves one page's event stream until it closes; false when too many pages are open. */
    boolean serve(String clientId, HttpExchange exchange) throws IOException {
        SseClient client = new SseClient(clientId);
        synchronized (this) {
            if (clients.size() >= WebServer.MAX_CLIENTS) {
                return false;
            }
            state.snapshot().forEach(client::offer);
            if (!clientId.isEmpty() && dropped.remove(clientId)) {
                client.offer(PageState.object("notice", Narrator.sinceStart()).put("text", "dropped").toString());
            }
            clients.add(client);
        }
        try {
            client.serve(exchange);
        } catch (IOException e) {
            LOG.debug("a page went away: {}", e.toString());
        } finally {
            clients.remove(client);
        }
        return true;
    }

    /** Runs a button's action. */
    String act(String action, int broker) {
        return actions.run(action, broker);
    }

    private synchronized void broadcast(String json) {
        for (SseClient c : clients) {
            if (!c.offer(json)) {
                clients.remove(c);
                LOG.warn("a page fell {} messages behind and was dropped; it reconnects by itself",
                        SseClient.CAPACITY);
                if (!c.id().isEmpty()) {
                    dropped.add(c.id());
                    synchronized (dropped) {
                        while (dropped.size() > DROPPED_KEPT) {
                            dropped.remove(dropped.iterator().next());
                        }
                    }
                }
            }
        }
    }

    /** Tells every page the run has ended (after its summary), gives them a moment to receive it, and stops serving. */
    @Override
    public void close() {
        ticker.close();
        synchronized (this) {
            broadcast(state.own(PageState.object("end", Narrator.sinceStart())));
            clients.forEach(SseClient::end);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (!clients.isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        server.stop();
    }
}
