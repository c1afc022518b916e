package dev.kafkaspark.internal.stream;

import dev.kafkaspark.internal.workload.RecordFormat;
import dev.kafkaspark.internal.workload.SequenceReader;
import java.time.Duration;
import java.util.Map;

/**
 * How the Spark Streaming job runs.
 *
 * @param master the Spark master ({@code local[2]}, or a real cluster's URL)
 * @param appName the application name Spark shows
 * @param batchInterval the batch interval
 * @param topic the topic to read
 * @param groupId the consumer group whose offsets the job commits
 * @param ui whether to serve Spark's web UI
 * @param uiPort the first port to try for the UI (Spark moves up when it is taken)
 * @param samplesPerPartition how many records of each partition and batch to keep as text
 * @param kafkaOverrides consumer properties that win over the defaults
 * @param sparkOverrides Spark properties that win over the defaults
 * @param checkpoint Structured Streaming: where the query keeps its checkpoint, kept after the run ({@code null}: a
 *     temp directory, removed at stop); DStreams keep none
 * @param sequences reads the sequence number in each record's value, for the delivery check
 */
public record StreamingSettings(String master, String appName, Duration batchInterval, String topic, String groupId,
        boolean ui, int uiPort, int samplesPerPartition, Map<String, String> kafkaOverrides,
        Map<String, String> sparkOverrides, java.nio.file.Path checkpoint, SequenceReader sequences) {

    /** The consumer group the classic walkthrough uses. */
    public static final String DEFAULT_GROUP = "spark-streaming-consumer-group";

    /** Validates and copies. */
    public StreamingSettings {
        if (batchInterval.isZero() || batchInterval.isNegative()) {
            throw new IllegalArgumentException("batch interval must be positive, not " + batchInterval.toMillis()
                    + " ms");
        }
        kafkaOverrides = Map.copyOf(kafkaOverrides);
        sparkOverrides = Map.copyOf(sparkOverrides);
    }

    /** Settings for the synthetic producer's records. */
    public StreamingSettings(String master, String appName, Duration batchInterval, String topic, String groupId,
            boolean ui, int uiPort, int samplesPerPartition, Map<String, String> kafkaOverrides,
            Map<String, String> sparkOverrides, java.nio.file.Path checkpoint) {
        this(master, appName, batchInterval, topic, groupId, ui, uiPort, samplesPerPartition, kafkaOverrides,
                sparkOverrides, checkpoint, RecordFormat.SEQUENCES);
    }

    /** Local mode, UI off, default group: what tests want. */
    public static StreamingSettings local(String topic, Duration batchInterval) {
        return new StreamingSettings("local[2]", "kafka-spark-demo", batchInterval, topic, DEFAULT_GROUP, false, 4040,
                5, Map.of(), Map.of(), null);
    }

    /** A copy with another group id. */
    public StreamingSettings withGroupId(String group) {
        return new StreamingSettings(master, appName, batchInterval, topic, group, ui, uiPort, samplesPerPartition,
                kafkaOverrides, sparkOverrides, checkpoint, sequences);
    }

    /** A copy whose Structured Streaming query keeps its checkpoint in this directory. */
    public StreamingSettings withCheckpoint(java.nio.file.Path dir) {
        return new StreamingSettings(master, appName, batchInterval, topic, groupId, ui, uiPort, samplesPerPartition,
                kafkaOverrides, sparkOverrides, dir, sequences);
    }

    /** Whether Spark runs inside this JVM. */
    public boolean isLocal() {
        return master.startsWith("local");
    }
}
