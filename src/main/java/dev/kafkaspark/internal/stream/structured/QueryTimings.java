package dev.kafkaspark.internal.stream.structured;

import dev.kafkaspark.internal.batch.BatchTiming;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Turns a Structured Streaming query's progress events into {@link BatchTiming}s: one per micro-batch that ran (idle
 * triggers, which run no batch, are skipped), with Spark's own input and processing rates, and the time the batch
 * waited after its trigger time (a processing-time trigger fires on multiples of the interval; a batch that overran
 * makes the next one start late).
 */
final class QueryTimings extends StreamingQueryListener {

    private final long intervalMillis;
    private final List<Consumer<BatchTiming>> listeners = new CopyOnWriteArrayList<>();
    private volatile UUID queryId;
    private long previousStart = -1;
    private long previousEnd = -1;

    QueryTimings(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Follows this query (by its id, which a restart from the same checkpoint keeps). */
    void follow(UUID id) {
        queryId = id;
    }

    void add(Consumer<BatchTiming> listener) {
        listeners.add(listener);
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        if (!p.id().equals(queryId) || !p.durationMs().containsKey("addBatch")) {
            return; // another query's, or a trigger that found no new data and ran no batch
        }
        long start = Instant.parse(p.timestamp()).toEpochMilli();
        long took = p.durationMs().get("triggerExecution");
        BatchTiming timing;
        synchronized (this) {
            long waited = waitMillis(start, previousStart, previousEnd, intervalMillis);
            previousStart = start;
            previousEnd = start + took;
            timing = new BatchTiming(start - Math.floorMod(start, intervalMillis), p.numInputRows(), waited, took,
                    p.inputRowsPerSecond(), p.processedRowsPerSecond());
        }
        listeners.forEach(l -> l.accept(timing));
    }

    /**
     * How long a batch that started at {@code start} waited after its trigger time. A trigger due while the previous
     * batch still ran fires as soon as that batch ends: it was due one interval after the previous trigger time.
     * Otherwise it fired on time, at the multiple of the interval just before it started.
     *
     * @param previousStart when the previous batch started (-1: none)
     * @param previousEnd when it ended
     */
    static long waitMillis(long start, long previousStart, long previousEnd, long interval) {
        long due = start - Math.floorMod(start, interval);
        boolean overran = previousStart >= 0 && previousEnd - previousStart > interval && start - previousEnd < 100;
        if (overran) {
            due = previousStart - Math.floorMod(previousStart, interval) + interval;
        }
        return Math.max(0, start - due);
    }
}
