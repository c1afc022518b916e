package dev.kafkaspark.internal.batch;

import dev.kafkaspark.internal.workload.RecordFormat;
import dev.kafkaspark.internal.workload.SeqSet;
import dev.kafkaspark.internal.workload.SequenceReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.streaming.kafka010.OffsetRange;

/**
 * What one Kafka partition contributed to one batch, computed where the records are (on the executor) so only this
 * small summary travels to the driver: the offset range, counts, the sequence numbers seen, whether they kept their
 * order, the keys seen, the first few records as text, and how many records carried each timestamp.
 */
public final class PartitionSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Keys kept per partition and batch; with more keys than this, the key-to-partition check is partial. */
    public static final int MAX_KEYS = 1000;

    private OffsetRange range;
    private long count;
    private long foreign;
    private final SeqSet seqs = new SeqSet();
    private long firstSeq = -1;
    private long lastSeq = -1;
    private long orderViolations;
    // A hash set: every record's key is looked up here, and a tree set's string comparisons showed in the profile.
    private final HashSet<String> keys = new HashSet<>();
    private final List<Sample> samples = new ArrayList<>();
    private final TimeCounts timestamps = new TimeCounts();
    private String executor = "";

    /** One record shown to the learner. */
    public record Sample(int partition, long offset, String key, String value) implements Serializable {
    }

    /** @param range the offsets this partition covers in the batch */
    public PartitionSummary(OffsetRange range) {
        this.range = range;
    }

    /** Moves the end of the range (a Structured Streaming batch learns it from its last record). */
    public void until(long untilOffset) {
        range = OffsetRange.create(range.topic(), range.partition(), range.fromOffset(), untilOffset);
    }

    /** A summary read back from a store: range, counts and sequence numbers (no keys or samples). */
    public static PartitionSummary restored(OffsetRange range, long count, long foreign, SeqSet seqs, long firstSeq,
            long lastSeq, long orderViolations) {
        PartitionSummary p = new PartitionSummary(range);
        p.count = count;
        p.foreign = foreign;
        p.seqs.addAll(seqs);
        p.firstSeq = firstSeq;
        p.lastSeq = lastSeq;
        p.orderViolations = orderViolations;
        return p;
    }

    /** Adds one of the synthetic producer's records (in offset order); see the next method. */
    public void add(long offset, String key, byte[] value, long timestamp, int maxSamples) {
        add(offset, key, value, RecordFormat.SEQUENCES, timestamp, maxSamples);
    }

    /**
     * Adds one record (in offset order), its sequence number read by the given reader; its value becomes text only
     * when it is one of the samples.
     */
    public void add(long offset, String key, byte[] value, SequenceReader sequences, long timestamp, int maxSamples) {
        add(offset, key, sequences.seq(value),
                value != null && sampling(maxSamples) ? new String(value, StandardCharsets.UTF_8) : null, timestamp,
                maxSamples);
    }

    /** Whether the next record added becomes one of the samples (so its value is wanted as text). */
    public boolean sampling(int maxSamples) {
        return samples.size() < maxSamples;
    }

    /**
     * Adds one record (in offset order) whose sequence number was read already (-1: not one of ours); {@code text},
     * its value as text, is used only when the record becomes one of the samples.
     */
    public void add(long offset, String key, long seq, String text, long timestamp, int maxSamples) {
        count++;
        if (sampling(maxSamples)) {
            samples.add(new Sample(range.partition(), offset, key, text));
        }
        timestamps.add(timestamp);
        if (seq < 0) {
            foreign++;
            return;
        }
        seqs.add(seq);
        if (firstSeq < 0) {
            firstSeq = seq;
        } else if (seq <= lastSeq) {
            orderViolations++;
        }
        lastSeq = seq;
        if (key != null) {
            if (keys.size() < MAX_KEYS) {
                keys.add(key);
            }
        }
    }

    /**
     * Notes where this summary was computed: {@code executor 1 on worker 127.0.0.1:43273} (its worker, as in the
     * worker's id {@code worker-...-127.0.0.1-43273}), {@code executor 1 on HOST} where no standalone worker launched
     * it, or empty in local mode.
     */
    void ranOn(String executorId, String where) {
        this.executor = "driver".equals(executorId) ? "" : "executor " + executorId + " on " + where;
    }

    /** Notes the executor this code runs on (nothing outside Spark's tasks). */
    public void ranHere() {
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        if (env != null) {
            ranOn(env.executorId(), where(env.blockManager().blockManagerId().host(),
                    System.getProperty("sun.java.command", "")));
        }
    }

    /**
     * Where an executor runs, from its host and its JVM's command line: a standalone worker passes its address as
     * {@code --worker-url spark://Worker@HOST:PORT}.
     */
    static String where(String host, String javaCommand) {
        java.util.regex.Matcher m = WORKER_URL.matcher(javaCommand);
        return m.find() ? "worker " + m.group(1) : host;
    }

    private static final java.util.regex.Pattern WORKER_URL = java.util.regex.Pattern.compile(
            "--worker-url spark://Worker@(\\S+)");

    /** Where this summary was computed ({@code executor 1 on 127.0.0.1}); empty when the job runs in local mode. */
    public String executor() {
        return executor;
    }

    /** The offset range covered. */
    public OffsetRange range() {
        return range;
    }

    /** The partition number. */
    public int partition() {
        return range.partition();
    }

    /** Records in this partition's share of the batch. */
    public long count() {
        return count;
    }

    /** Records whose value is not in the synthetic format (produced by someone else). */
    public long foreign() {
        return foreign;
    }

    /** The sequence numbers seen. */
    public SeqSet seqs() {
        return seqs;
    }

    /** The first sequence number seen, or -1. */
    public long firstSeq() {
        return firstSeq;
    }

    /** The last sequence number seen, or -1. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Records whose sequence number was not above the one before it in this partition. */
    public long orderViolations() {
        return orderViolations;
    }

    /** The keys seen (up to {@link #MAX_KEYS}). */
    public Set<String> keys() {
        return Collections.unmodifiableSet(keys);
    }

    /** The first records, in offset order. */
    public List<Sample> samples() {
        return Collections.unmodifiableList(samples);
    }

    /** How many records carried each timestamp. */
    public TimeCounts timestamps() {
        return timestamps;
    }

}
