package dev.kafkaspark.app;

import dev.kafkaspark.cluster.Ports;
import dev.kafkaspark.pipeline.StreamingSettings;
import java.time.Duration;

/**
 * Everything the all-in-one demo needs to know, validated on construction.
 *
 * @param topic the topic
 * @param partitions its partitions
 * @param batchInterval Spark's batch interval
 * @param rate records per second; 0 or less means flat out
 * @param keys distinct keys
 * @param records produce exactly this many, wait until all are processed, then stop; -1: no limit
 * @param duration run this long, then stop; {@code null}: until Ctrl-C (or {@code records})
 * @param zkPort ZooKeeper's port and whether it was asked for explicitly
 * @param kafkaPort the broker's port and whether it was asked for explicitly
 * @param ui serve Spark's web UI
 * @param master the Spark master
 * @param group the consumer group
 * @param valueSize pad values to this many characters (0: none)
 * @param show records shown per batch
 */
public record DemoSettings(String topic, int partitions, Duration batchInterval, double rate, int keys, long records,
        Duration duration, PortRequest zkPort, PortRequest kafkaPort, boolean ui, String master, String group,
        int valueSize, int show) {

    /** The seed's topic name. */
    public static final String DEFAULT_TOPIC = "mytest";
    /** ZooKeeper's well-known port. */
    public static final int DEFAULT_ZK_PORT = 2181;
    /** Kafka's well-known port. */
    public static final int DEFAULT_KAFKA_PORT = 9092;

    /** A port and how it was asked for. */
    public record PortRequest(int port, Ports.Request request) {
        /** The well-known default, which may fall back to a free port. */
        public static PortRequest preferred(int port) {
            return new PortRequest(port, Ports.Request.PREFERRED);
        }

        /** A port the user typed. */
        public static PortRequest explicit(int port) {
            return new PortRequest(port, Ports.Request.EXPLICIT);
        }
    }

    /** Validates. */
    public DemoSettings {
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, not " + partitions);
        }
        if (batchInterval.isZero() || batchInterval.isNegative()) {
            throw new IllegalArgumentException("--batch-interval must be positive");
        }
        if (keys < 1) {
            throw new IllegalArgumentException("--keys must be at least 1, not " + keys);
        }
        if (records < -1 || records == 0) {
            throw new IllegalArgumentException("--records must be at least 1");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("--duration must be positive");
        }
    }

    /** The defaults of the seed's walkthrough: {@code mytest}, 3 partitions, 2 s batches, 5 records/s. */
    public static DemoSettings defaults() {
        return new DemoSettings(DEFAULT_TOPIC, 3, Duration.ofSeconds(2), 5, 10, -1, null,
                PortRequest.preferred(DEFAULT_ZK_PORT), PortRequest.preferred(DEFAULT_KAFKA_PORT), true, "local[2]",
                StreamingSettings.DEFAULT_GROUP, 0, 5);
    }

    /** Whether the producer runs flat out. */
    public boolean flatOut() {
        return rate <= 0 || Double.isInfinite(rate);
    }
}
