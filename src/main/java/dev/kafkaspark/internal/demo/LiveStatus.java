package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.batch.BatchTiming;
import dev.kafkaspark.internal.delivery.Ledger;
import dev.kafkaspark.internal.events.Event;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.events.StatusLine;
import dev.kafkaspark.internal.workload.SyntheticProducer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's live status, one line after each batch: records in and out per second, consumer lag (log end offsets minus
 * the offsets the job has reached), and how long the batch took and waited. Says so in words when
 * Spark falls behind. Works on its own thread, so Spark's listener thread never waits for Kafka.
 */
final class LiveStatus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStatus.class);

    private final Narrator narrator;
    private final Admin admin;
    private final List<TopicPartition> partitions;
    private final SyntheticProducer producer;
    private final Ledger ledger;
    private final Supplier<Optional<Map<TopicPartition, Long>>> reached;
    private final long intervalMillis;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "live-status");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Long> delays = new ArrayDeque<>();
    private long lastMillis = System.currentTimeMillis();
    private long lastProduced;
    private long lastProcessed;
    private boolean behind;

    /**
     * @param reached the offsets the job has reached per partition (committed to Kafka, or stored); empty when they
     *     cannot be read
     */
    LiveStatus(Narrator narrator, Admin admin, List<TopicPartition> partitions, SyntheticProducer producer,
            Ledger ledger, Supplier<Optional<Map<TopicPartition, Long>>> reached, long intervalMillis) {
        this.narrator = narrator;
        this.admin = admin;
        this.partitions = partitions;
        this.producer = producer;
        this.ledger = ledger;
        this.reached = reached;
        this.intervalMillis = intervalMillis;
    }

    /** Called by Spark's listener thread when a batch completes. */
    void onBatch(BatchTiming timing) {
        if (!worker.isShutdown()) { // Spark's last batches may complete after the status line has stopped.
            worker.execute(() -> print(timing));
        }
    }

    private void print(BatchTiming timing) {
        long now = System.currentTimeMillis();
        long produced = producer.acknowledged();
        long processed = ledger.records();
        // Structured Streaming reports its own rates (the query's input and processed rows per second); for DStreams
        // they are the producer's acknowledgements and the job's records per second since the last line.
        double in = timing.hasRates() ? timing.inputPerSecond()
                : StatusLine.perSecond(produced - lastProduced, now - lastMillis);
        double out = timing.hasRates() ? timing.processedPerSecond()
                : StatusLine.perSecond(processed - lastProcessed, now - lastMillis);
        lastMillis = now;
        lastProduced = produced;
        lastProcessed = processed;
        // Lag unknown (shown as "?") rather than a made-up 0 when either side cannot be read.
        Map<Integer, Long> lag = endOffsets().flatMap(end -> reached.get().map(r -> StatusLine.lag(end, byPartition(r))))
                .orElse(null);
        narrator.publish(new Event.StatusSample(Narrator.sinceStart(), in, out, lag, timing.processingMillis(),
                timing.schedulingDelayMillis()));
        delays.addLast(timing.schedulingDelayMillis());
        while (delays.size() > 3) {
            delays.removeFirst();
        }
        boolean nowBehind = StatusLine.fallingBehind(delays.stream().mapToLong(Long::longValue).toArray(),
                intervalMillis);
        if (nowBehind && !behind) {
            narrator.step("Spark is falling behind: batches now wait %.1f s before they start, longer each time; it"
                    + " cannot keep up with the producer", timing.schedulingDelayMillis() / 1000.0);
        } else if (behind && timing.schedulingDelayMillis() < intervalMillis / 2) {
            narrator.step("Spark has caught up: batches start on time again");
        }
        if (nowBehind) {
            behind = true;
        } else if (timing.schedulingDelayMillis() < intervalMillis / 2) {
            behind = false;
        }
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> m = new HashMap<>();
        offsets.forEach((tp, o) -> m.put(tp.partition(), o));
        return m;
    }

    private Optional<Map<Integer, Long>> endOffsets() {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<Integer, Long> end = new HashMap<>();
        try {
            admin.listOffsets(request).all().get(5, TimeUnit.SECONDS)
                    .forEach((tp, info) -> end.put(tp.partition(), info.offset()));
            return Optional.of(end);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("could not read end offsets for the status line: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.shutdownNow();
        }
    }
}
