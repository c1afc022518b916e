package dev.kafkaspark.internal.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open page: server-sent events through a bounded queue, written by the HTTP server's thread that holds the
 * exchange. Offering never waits; a client whose queue is full has fallen behind and is dropped (its page reconnects by
 * itself and is told why).
 */
final class SseClient {

    /** Messages that may wait for one client before it is dropped. */
    static final int CAPACITY = 1_024;
    private static final String END = "\u0000end";

    private final String id;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean dropped;

    SseClient(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    boolean dropped() {
        return dropped;
    }

    /** Queues one message; false (and the client is dropped) when it has fallen too far behind. */
    boolean offer(String json) {
        if (dropped || !queue.offer(json)) {
            dropped = true;
            queue.clear();
            queue.offer(END);
            return false;
        }
        return true;
    }

    /** Ends the stream after what is queued. */
    void end() {
        if (!queue.offer(END)) {
            dropped = true;
            queue.clear();
            queue.offer(END);
        }
    }

    /** Writes the stream until it ends, the client goes away or the thread is interrupted. */
    void serve(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("retry: 1000\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                String next = queue.poll(15, TimeUnit.SECONDS);
                if (next == null) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                } else if (next.equals(END)) {
                    return;
                } else {
                    out.write(("data: " + next + "\n\n").getBytes(StandardCharsets.UTF_8));
                    String more;
                    while ((more = queue.poll()) != null && !more.equals(END)) { // what piled up, in one flush
                        out.write(("data: " + more + "\n\n").getBytes(StandardCharsets.UTF_8));
                    }
                    if (more != null) {
                        out.flush();
                        return;
                    }
                }
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
