package dev.kafkaspark.internal.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;

/**
 * The Spark side of a harness: its lease on the JVM's Spark context (started in the background), the streaming
 * contexts and the Structured Streaming session it made for a test, stopped on close.
 */
public final class SparkSide {

    private final BackgroundSpark spark;
    private final List<JavaStreamingContext> streamingContexts = new ArrayList<>();
    private final StructuredStreams structured;

    SparkSide(BackgroundSpark spark, Supplier<Path> checkpoints) {
        this.spark = spark;
        this.structured = new StructuredStreams(this::context, checkpoints);
    }

    /** The Spark context; waits for it if it is still starting. */
    public JavaSparkContext context() {
        return spark.context();
    }

    /** A new streaming context on the Spark context, stopped on close unless stopped before. */
    public synchronized JavaStreamingContext streamingContext(Duration batchInterval) {
        JavaStreamingContext ssc = new JavaStreamingContext(context(),
                Durations.milliseconds(batchInterval.toMillis()));
        streamingContexts.add(ssc);
        return ssc;
    }

    /** A kafka-0-10 direct stream on a topic ({@code PreferConsistent}, {@code Subscribe}). */
    public JavaInputDStream<ConsumerRecord<String, String>> directStream(JavaStreamingContext ssc, String topic,
            Map<String, Object> kafkaParams) {
        return KafkaUtils.createDirectStream(ssc, LocationStrategies.PreferConsistent(),
                ConsumerStrategies.<String, String>Subscribe(List.of(topic), kafkaParams));
    }

    /** The Structured Streaming session (one per harness, made on first use). */
    public SparkSession session() {
        return structured.session();
    }

    /** A topic as a streaming Dataset, from the earliest offset. */
    public Dataset<Row> readStream(String bootstrapServers, String topic, Map<String, String> login) {
        return structured.read(bootstrapServers, topic, login);
    }

    /** Stops the streaming contexts and queries made here; returns the first failure, added to {@code failure}. */
    synchronized RuntimeException stopStreams(RuntimeException failure) {
        for (JavaStreamingContext ssc : streamingContexts) {
            try {
                ssc.stop(false, false);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        return structured.stopQueries(failure);
    }

    /** A failed start nobody has asked about. */
    Optional<IllegalStateException> unreportedFailure() {
        return spark.unreportedFailure();
    }
}
