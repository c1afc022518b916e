package dev.kafkaspark.internal.delivery;

import dev.kafkaspark.internal.batch.BatchListener;
import dev.kafkaspark.internal.batch.BatchReport;
import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.workload.SeqSet;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The driver's account of what Spark processed, batch by batch: every sequence number (so duplicates and gaps show),
 * order per partition across batches, and which partition each key went to. Thread-safe.
 */
public final class Ledger implements BatchListener {

    /**
     * How long after the first batch with records the pipeline is still warming up: the JIT compiles Spark's and
     * Kafka's code while the producer runs, and the records the first batch left waiting drain. Latency from then on
     * is the steady state ({@link #steadyLatency()}).
     */
    public static final long WARM_UP_MILLIS = 5_000;

    private final SeqSet processed = new SeqSet();
    private final Map<TopicPartition, Long> lastSeqByPartition = new HashMap<>();
    private final Map<TopicPartition, Long> untilByPartition = new HashMap<>();
    private long replayed;
    private final Map<TopicKey, Integer> partitionOfKey = new HashMap<>();
    private long records;
    private long foreign;
    private long orderViolations;
    private long keyConflicts;
    private long batches;
    private long firstRecordsFinishedMillis = -1;
    private long firstBatchTimeMillis = -1;
    private long lastRecordsFinishedMillis = -1;
    private final org.HdrHistogram.Histogram latency = new org.HdrHistogram.Histogram(3_600_000L, 3);
    private final org.HdrHistogram.Histogram steadyLatency = new org.HdrHistogram.Histogram(3_600_000L, 3);

    @Override
    public synchronized void onBatch(BatchReport report) {
        batches++;
        if (firstBatchTimeMillis < 0 && report.batchTimeMillis() > 0) {
            firstBatchTimeMillis = report.batchTimeMillis();
        }
        boolean firstWithRecords = firstRecordsFinishedMillis < 0 && report.count() > 0;
        for (PartitionSummary p : report.partitions()) {
            records += p.count();
            foreign += p.foreign();
            processed.addAll(p.seqs());
            orderViolations += p.orderViolations();
            TopicPartition tp = p.range().topicPartition();
            long seenUntil = untilByPartition.getOrDefault(tp, Long.MIN_VALUE);
            boolean replay = p.range().fromOffset() < seenUntil;
            if (replay) {
                // Offsets read before, read again (a restart resumed from an older commit): repeats, not disorder.
                replayed += Math.min(p.range().untilOffset(), seenUntil) - p.range().fromOffset();
            }
            untilByPartition.put(tp, Math.max(seenUntil, p.range().untilOffset()));
            if (p.firstSeq() >= 0) {
                Long last = lastSeqByPartition.get(tp);
                if (!replay && last != null && p.firstSeq() <= last) {
                    orderViolations++;
                }
                lastSeqByPartition.put(tp, last == null ? p.lastSeq() : Math.max(last, p.lastSeq()));
            }
            for (String key : p.keys()) {
                Integer before = partitionOfKey.putIfAbsent(new TopicKey(p.range().topic(), key), p.partition());
                if (before != null && before != p.partition()) {
                    keyConflicts++;
                }
            }
            if (report.finishedMillis() > 0 && firstRecordsFinishedMillis > 0) {
                // Steady state only: records sent before the first batch with records finished waited for Spark
                // to start, which is start-up time (reported as such), not latency.
                long finished = report.finishedMillis();
                long startUpEnd = firstRecordsFinishedMillis;
                p.timestamps().forEach((ts, count) -> {
                    long ms = Math.min(latency.getHighestTrackableValue(), Math.max(0, finished - ts));
                    if (ts >= startUpEnd) {
                        latency.recordValueWithCount(ms, count);
                    }
                    if (ts >= startUpEnd + WARM_UP_MILLIS) {
                        steadyLatency.recordValueWithCount(ms, count);
                    }
                });
            }
        }
        if (report.count() > 0) {
            if (firstWithRecords) {
                firstRecordsFinishedMillis = report.finishedMillis();
            }
            lastRecordsFinishedMillis = report.finishedMillis();
        }
        notifyAll();
    }

    /** Records processed, all of them (including ones not in the synthetic format, and repeats). */
    public synchronized long records() {
        return records;
    }

    /** Synthetic records processed more than once (each repeat counts once). */
    public synchronized long duplicates() {
        return processed.duplicates();
    }

    /** Records read again from offsets already read (after a stream restart resumed from an older commit). */
    public synchronized long replayed() {
        return replayed;
    }

    /**
     * End-to-end latency so far, in milliseconds: from each record's timestamp to the end of its batch's output, for
     * records sent after the first batch with records finished (before that, records wait for start-up). A copy.
     */
    public synchronized org.HdrHistogram.Histogram latency() {
        return latency.copy();
    }

    /**
     * End-to-end latency in the steady state: as {@link #latency()}, for records sent at least
     * {@link #WARM_UP_MILLIS} after the first batch with records finished. A copy.
     */
    public synchronized org.HdrHistogram.Histogram steadyLatency() {
        return steadyLatency.copy();
    }

    /** A key of a topic: keys are checked per topic. */
    private record TopicKey(String topic, String key) {
    }

    /** The end offset processed so far, per partition (a copy). */
    public synchronized Map<TopicPartition, Long> reachedOffsets() {
        return Map.copyOf(untilByPartition);
    }

    /** Records that were not in the synthetic format. */
    public synchronized long foreign() {
        return foreign;
    }

    /** Records seen out of order within their partition. */
    public synchronized long orderViolations() {
        return orderViolations;
    }

    /** Times a key showed up in a partition other than the one it was first seen in. */
    public synchronized long keyConflicts() {
        return keyConflicts;
    }

    /** Batches seen, empty ones included. */
    public synchronized long batches() {
        return batches;
    }

    /** The time of the first batch Spark ran (its trigger, wall clock), records or not, or -1. */
    public synchronized long firstBatchTimeMillis() {
        return firstBatchTimeMillis;
    }

    /** Wall-clock time the first batch that held records finished, or -1. */
    public synchronized long firstRecordsFinishedMillis() {
        return firstRecordsFinishedMillis;
    }

    /** Wall-clock time the latest batch that held records finished, or -1. */
    public synchronized long lastRecordsFinishedMillis() {
        return lastRecordsFinishedMillis;
    }

    /** How many of {@code expected} have not been processed. */
    public synchronized long missingOf(SeqSet expected) {
        return processed.countMissing(expected);
    }

    /** The smallest of {@code expected} not processed, or -1. */
    public synchronized long firstMissingOf(SeqSet expected) {
        return processed.firstMissing(expected);
    }

    /** Whether every one of {@code expected} was processed. */
    public synchronized boolean covers(SeqSet expected) {
        return processed.countMissing(expected) == 0;
    }

    /**
     * Waits until every one of {@code expected} is processed, or the time is up.
     *
     * @return whether all were processed
     */
    public synchronized boolean awaitCovers(SeqSet expected, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!covers(expected)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
