package dev.kafkaspark.testing;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/** Structured Streaming on an environment: its session, Kafka source and waits ({@link KafkaSparkEnvironment}). */
final class StructuredStreams {

    private StructuredStreams() {
    }

    /**
     * A session of its own on the shared Spark context (its SQL settings are the environment's), whose queries keep
     * their checkpoints under {@code checkpoints} unless they name a location.
     */
    static SparkSession session(JavaSparkContext sc, Path checkpoints) {
        SparkSession root = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        SparkSession session = root.newSession();
        session.conf().set("spark.sql.streaming.checkpointLocation", checkpoints.toString());
        session.conf().set("spark.sql.shuffle.partitions", "2");
        return session;
    }

    /** The topic as a streaming Dataset from its earliest offset, key and value as strings. */
    static Dataset<Row> read(SparkSession session, String bootstrapServers, String topic) {
        return session.readStream().format("kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .load()
                .selectExpr("CAST(key AS STRING) AS key", "CAST(value AS STRING) AS value", "topic", "partition",
                        "offset", "timestamp");
    }

    /** Rows the query read, by its progress reports so far (Spark keeps the last 100). */
    static long processed(StreamingQuery query) {
        long rows = 0;
        for (StreamingQueryProgress p : query.recentProgress()) {
            rows += p.numInputRows();
        }
        return rows;
    }

    /** Waits until the query has read {@code rows} rows; fails at the deadline or when the query fails. */
    static void awaitProcessed(StreamingQuery query, long rows, Duration timeout) {
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
