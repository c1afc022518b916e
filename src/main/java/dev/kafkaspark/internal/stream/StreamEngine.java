package dev.kafkaspark.internal.stream;

import dev.kafkaspark.internal.batch.BatchListener;
import dev.kafkaspark.internal.batch.BatchTiming;
import dev.kafkaspark.internal.delivery.Checkpoints;
import dev.kafkaspark.internal.delivery.Guarantee;
import dev.kafkaspark.internal.spark.SparkLine;
import dev.kafkaspark.internal.stream.dstream.StreamingRunner;
import dev.kafkaspark.internal.stream.structured.StructuredRunner;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A streaming job reading the topic and handing every batch to a {@link BatchListener}: Spark Streaming's DStreams
 * ({@link StreamingRunner}, the classic walkthrough's) or a Structured Streaming query ({@link StructuredRunner}).
 */
public interface StreamEngine extends AutoCloseable {

    /** The engines, for people and the command line. */
    enum Kind {
        /** Spark Streaming: the kafka-0-10 direct stream, offsets committed to Kafka after each batch. */
        DSTREAM,
        /** Structured Streaming: the Kafka source, offsets kept in the query's checkpoint. */
        STRUCTURED;

        /** The engine's name for people: {@code Spark Streaming} or {@code Structured Streaming}. */
        public String title() {
            return this == DSTREAM ? "Spark Streaming" : "Structured Streaming";
        }

        /** The tab of Spark's web UI that charts its batches. */
        public String uiTab() {
            return this == DSTREAM ? "Streaming" : "Structured Streaming";
        }

        /**
         * Whether the job keeps its offsets in a checkpoint of its own (a Structured Streaming query) rather than
         * committing them to the consumer group (DStreams).
         */
        public boolean offsetsInCheckpoint() {
            return this == STRUCTURED;
        }

        /**
         * Checks that a checkpoint directory a user named is this job's, on this topic (nothing to check for an engine
         * without checkpoints).
         *
         * @throws IllegalArgumentException naming what does not match
         */
        public void checkCheckpoint(java.nio.file.Path dir, String topic, String appName) {
            if (offsetsInCheckpoint()) {
                Checkpoints.check(dir, topic, StructuredRunner.queryName(appName));
            }
        }

        /** Takes the Spark context for a job of this engine (creating it if none runs; no Kafka needed yet). */
        public StreamEngine prepare(StreamingSettings settings) {
            return this == DSTREAM ? StreamingRunner.prepare(settings) : StructuredRunner.prepare(settings);
        }

        /** The name on the command line. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Starts reading the topic at the given brokers, at-least-once. */
    default void start(String bootstrapServers, BatchListener listener) {
        start(bootstrapServers, listener, new Guarantee.AtLeastOnce());
    }

    /**
     * Tells the job when records are there to read (a producer in this JVM has one acknowledged), before
     * {@link #start}: an engine that can place its first batch lets it wait for that, at most one interval, so the first
     * batch is not an empty one followed by a whole interval's wait. Without it, the first batch runs as soon as the job
     * can take records.
     */
    default void firstBatchWhen(java.util.function.BooleanSupplier recordsThere) {
    }

    /** Starts reading the topic at the given brokers with the given guarantee. */
    void start(String bootstrapServers, BatchListener listener, Guarantee guarantee);

    /** The guarantee the job was started with ({@code null} before {@link #start}). */
    Guarantee guarantee();

    /**
     * Stops the job mid-run, without finishing the running batch (as a crash would), and starts it again on the same
     * Spark context, from what it kept: the group's committed offsets or the store's (DStreams), or the checkpoint
     * (Structured Streaming).
     *
     * @return the offsets the new job starts from, where the engine knows them before it runs (empty otherwise)
     */
    Map<TopicPartition, Long> restartStream();

    /** Receives every completed batch's timing (from Spark's listener thread). */
    void onBatchTiming(Consumer<BatchTiming> listener);

    /**
     * Waits up to the given time for the job to end on its own; rethrows the error that stopped it, if any.
     *
     * @return true when the job has ended
     */
    boolean awaitTermination(long millis);

    /** Where the job keeps its offsets, when in a checkpoint of its own; empty when it commits them to the group. */
    default Optional<java.nio.file.Path> checkpoint() {
        return Optional.empty();
    }

    /** Whether that checkpoint is a temp directory, removed when the job stops. */
    default boolean checkpointIsTemporary() {
        return false;
    }

    /** The address of Spark's web UI, when it runs. */
    default Optional<String> uiUrl() {
        return SparkLine.optional(sparkContext().sc().uiWebUrl());
    }

    /** The Spark context the job runs on. */
    JavaSparkContext sparkContext();

    /**
     * Stops the job and releases the Spark context (stopped once nobody else holds it).
     *
     * @param graceful finish the running batch first
     */
    void stop(boolean graceful);

    /** Stops gracefully; safe to call twice. */
    @Override
    void close();
}
