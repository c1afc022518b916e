package dev.kafkaspark.internal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Open pages for the bench: {@code n} readers of a child demo's live page event stream, as {@code n} browser tabs
 * would read it, each measuring how long after an event it arrived (the event's {@code at}, from the program's start,
 * against the time it was read).
 */
final class PageReaders implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("live page at (http://127\\.0\\.0\\.1:\\d+)/\\?token=");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Thread> readers = new ArrayList<>();
    private final Histogram delays = new Histogram(60_000L, 3);
    private volatile long messages;

    /** Waits (at most 2 minutes) for the child's page address in its output, then opens {@code n} pages on it. */
    static PageReaders open(Path childOutput, int n) {
        PageReaders r = new PageReaders();
        Thread starter = new Thread(() -> r.start(childOutput, n), "bench-page-readers");
        starter.setDaemon(true);
        starter.start();
        return r;
    }

    private void start(Path childOutput, int n) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String base = null;
        while (base == null && System.nanoTime() < deadline) {
            base = address(childOutput);
            if (base == null) {
                dev.kafkaspark.internal.support.Backoff.pause(100);
            }
        }
        if (base == null) {
            return;
        }
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < n; i++) {
            URI uri = URI.create(base + "/events?client=bench-" + i);
            Thread t = new Thread(() -> read(http, uri), "bench-page-" + i);
            t.setDaemon(true);
            synchronized (readers) {
                readers.add(t);
            }
            t.start();
        }
    }

    private static String address(Path childOutput) {
        try (Stream<String> lines = Files.lines(childOutput, StandardCharsets.UTF_8)) {
            return lines.map(URL::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    private void read(HttpClient http, URI uri) {
        try {
            HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofLines());
            long[] startedAt = {0};
            boolean[] live = {false}; // what the page replays on connecting happened earlier: measured from the first tick
            response.body().filter(l -> l.startsWith("data: ")).forEach(l -> {
                try {
                    JsonNode m = JSON.readTree(l.substring(6));
                    String type = m.path("type").asText();
                    if (m.has("startedAtMillis")) {
                        startedAt[0] = m.get("startedAtMillis").asLong();
                    } else if ("tick".equals(type)) {
                        live[0] = true;
                    } else if (live[0] && startedAt[0] > 0 && m.has("at")) {
                        long delay = System.currentTimeMillis() - (startedAt[0] + m.get("at").asLong());
                        synchronized (delays) {
                            delays.recordValue(Math.max(0, Math.min(delay, delays.getHighestTrackableValue())));
                        }
                    }
                    messages++;
                } catch (IOException e) {
                    // not JSON: not a message of the page's
                }
            });
        } catch (IOException e) {
            // the demo ended and closed the stream
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Pages that were open. */
    int opened() {
        synchronized (readers) {
            return readers.size();
        }
    }

    /** Delay from an event to a page, in ms: p50, p99, max, and how many were measured. */
    long[] delays() {
        synchronized (delays) {
            return new long[] {delays.getValueAtPercentile(50), delays.getValueAtPercentile(99), delays.getMaxValue(),
                delays.getTotalCount()};
        }
    }

    @Override
    public void close() {
        synchronized (readers) {
            readers.forEach(Thread::interrupt);
        }
    }
}
