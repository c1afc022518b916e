package dev.kafkaspark.internal.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Structured Streaming on an environment ({@link KafkaSparkEnvironment}): its session, made on first use, its Kafka
 * source, waits for queries, and stopping its queries on close.
 */
public final class StructuredStreams {

    private final Supplier<JavaSparkContext> context;
    private final Supplier<Path> checkpoints;
    private SparkSession session;

    /**
     * @param context the environment's Spark context
     * @param checkpoints a directory for the checkpoints of queries that name no location (asked once)
     */
    public StructuredStreams(Supplier<JavaSparkContext> context, Supplier<Path> checkpoints) {
        this.context = context;
        this.checkpoints = checkpoints;
    }

    /**
     * A session of its own on the shared Spark context (its SQL settings are the environment's), whose queries keep
     * their checkpoints in the environment's directory unless they name a location.
     */
    public synchronized SparkSession session() {
        if (session == null) {
            SparkSession root = SparkSession.builder().sparkContext(context.get().sc()).getOrCreate();
            SparkSession made = root.newSession();
            made.conf().set("spark.sql.streaming.checkpointLocation", checkpoints.get().toString());
            made.conf().set("spark.sql.shuffle.partitions", "2");
            session = made;
        }
        return session;
    }

    /** Stops the session's active queries; returns the first failure (or {@code failure}, when there was one). */
    public synchronized RuntimeException stopQueries(RuntimeException failure) {
        RuntimeException first = failure;
        for (StreamingQuery query : session == null ? new StreamingQuery[0] : session.streams().active()) {
            try {
                query.stop();
            } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
                first = first != null ? first : new IllegalStateException("could not stop query " + query.name(), e);
            }
        }
        return first;
    }

    /** The topic as a streaming Dataset from its earliest offset, key and value as strings, with this login. */
    public Dataset<Row> read(String bootstrapServers, String topic, java.util.Map<String, String> login) {
        var reader = session().readStream().format("kafka");
        login.forEach((key, value) -> reader.option("kafka." + key, value));
        return reader
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .load()
                .selectExpr("CAST(key AS STRING) AS key", "CAST(value AS STRING) AS value", "topic", "partition",
                        "offset", "timestamp");
    }

    /** Rows the query read, by its progress reports so far (Spark keeps the last 100). */
    public static long processed(StreamingQuery query) {
        long rows = 0;
        for (StreamingQueryProgress p : query.recentProgress()) {
            rows += p.numInputRows();
        }
        return rows;
    }

    /** Waits until the query has read {@code rows} rows; fails at the deadline or when the query fails. */
    public static void awaitProcessed(StreamingQuery query, long rows, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processed(query) < rows) {
            if (query.exception().isDefined()) {
                StreamingQueryException e = query.exception().get();
                throw new IllegalStateException("the query failed: " + e.getMessage(), e);
            }
            if (!query.isActive()) {
                throw new IllegalStateException("the query stopped after " + processed(query) + " of " + rows
                        + " rows");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the query read " + processed(query) + " of " + rows + " rows within "
                        + timeout.toMillis() + " ms");
            }
            try {
                query.awaitTermination(50);
            } catch (StreamingQueryException e) {
                throw new IllegalStateException("the query failed: " + e.getMessage(), e);
            }
        }
    }
}
