package dev.kafkaspark.cli;

import dev.kafkaspark.app.DemoSettings;
import dev.kafkaspark.app.DemoSettings.PortRequest;
import dev.kafkaspark.pipeline.StreamingSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The all-in-one demo's options; shared by the top-level command and {@code demo}. */
public final class DemoOptions {

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = DemoSettings.DEFAULT_TOPIC,
            description = "Topic to create and stream (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3",
            description = "Partitions of the topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--batch-interval", paramLabel = "DURATION", defaultValue = "2s",
            converter = Converters.DurationConverter.class,
            description = "Spark Streaming batch interval, like 500ms or 2s (default: ${DEFAULT-VALUE}).")
    Duration batchInterval;

    @Option(names = "--rate", paramLabel = "PER_SECOND|max", defaultValue = "5",
            converter = Converters.RateConverter.class,
            description = "Records the producer sends per second, or 'max' for flat out (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "10",
            description = "Distinct record keys; records with one key always land in one partition"
                    + " (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--records", paramLabel = "N",
            description = "Produce exactly N records, wait until Spark has processed them all, then stop.")
    Long records;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Run this long (like 30s or 2m), let Spark catch up, then stop.")
    Duration duration;

    @Option(names = "--zk-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "ZooKeeper port (default: 2181, or a free port if 2181 is taken; 0: any free port).")
    Integer zkPort;

    @Option(names = "--kafka-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "Kafka broker port (default: 9092, or a free port if 9092 is taken; 0: any free port).")
    Integer kafkaPort;

    @Option(names = "--no-ui", negatable = false,
            description = "Do not serve Spark's web UI (default: served on 127.0.0.1:4040 or the next free port).")
    boolean noUi;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
            description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--group", paramLabel = "ID", defaultValue = StreamingSettings.DEFAULT_GROUP,
            description = "Consumer group of the Spark job (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--value-size", paramLabel = "BYTES", defaultValue = "0",
            description = "Pad each value with dots to this many characters, e.g. 100 for the standard"
                    + " throughput workload (default: no padding).")
    int valueSize;

    @Option(names = "--show", paramLabel = "N", defaultValue = "5",
            description = "Records shown per batch (default: ${DEFAULT-VALUE}).")
    int show;

    /** The settings, or an {@link IllegalArgumentException} naming the bad option. */
    DemoSettings toSettings() {
        if (show < 0) {
            throw new IllegalArgumentException("--show must not be negative, not " + show);
        }
        if (valueSize < 0) {
            throw new IllegalArgumentException("--value-size must not be negative, not " + valueSize);
        }
        return new DemoSettings(topic, partitions, batchInterval, rate, keys, records == null ? -1 : records,
                duration,
                zkPort == null ? PortRequest.preferred(DemoSettings.DEFAULT_ZK_PORT) : PortRequest.explicit(zkPort),
                kafkaPort == null ? PortRequest.preferred(DemoSettings.DEFAULT_KAFKA_PORT)
                        : PortRequest.explicit(kafkaPort),
                !noUi, master, group, valueSize, show);
    }
}
