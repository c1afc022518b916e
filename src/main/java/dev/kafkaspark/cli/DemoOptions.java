package dev.kafkaspark.cli;

import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.delivery.Delivery;
import dev.kafkaspark.internal.demo.DemoSettings;
import dev.kafkaspark.internal.demo.DemoSettings.PortRequest;
import dev.kafkaspark.internal.stream.StreamEngine;
import dev.kafkaspark.internal.stream.StreamingSettings;
import dev.kafkaspark.internal.web.WebSettings;
import dev.kafkaspark.testing.KafkaAuth;
import java.nio.file.Path;
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

    @Option(names = "--mode", paramLabel = "zookeeper|kraft", defaultValue = "zookeeper",
            converter = Converters.ModeConverter.class,
            description = "Where Kafka keeps its metadata: zookeeper (the classic walkthrough) or kraft (no ZooKeeper:"
                    + " a controller quorum of its own, as in Kafka 4) (default: ${DEFAULT-VALUE}).")
    ClusterMode mode;

    @Option(names = "--auth", paramLabel = "none|scram", defaultValue = "none",
            description = "none (anyone may read and write, as in the classic walkthrough) or scram (every broker port"
                    + " requires a SASL/SCRAM login, and ACLs decide who may do what; ZooKeeper mode)"
                    + " (default: ${DEFAULT-VALUE}).")
    KafkaAuth auth;

    @Option(names = "--zk-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "ZooKeeper port (default: 2181, or a free port if 2181 is taken; 0: any free port).")
    Integer zkPort;

    @Option(names = "--controller-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "KRaft mode: the first controller's port (default: 9093, or a free port if 9093 is taken;"
                    + " 0: any free port).")
    Integer controllerPort;

    @Option(names = "--kafka-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "Kafka broker port (default: 9092, or a free port if 9092 is taken; 0: any free port).")
    Integer kafkaPort;

    @Option(names = "--no-ui", negatable = false,
            description = "Do not serve Spark's web UI (default: served on 127.0.0.1:4040 or the next free port).")
    boolean noUi;

    @Option(names = "--web-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "Serve the live page (Kafka and Spark side by side) on this port (default: 8080, or the"
                    + " next free port; 0: any free port).")
    Integer webPort;

    @Option(names = "--no-web", negatable = false, description = "Do not serve the live page.")
    boolean noWeb;

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

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "1",
            description = "Brokers in the cluster, 1 to 5 (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Copies of each partition (default: 3 with 3 or more brokers, else the number of brokers).")
    Integer replicationFactor;

    @Option(names = "--min-insync-replicas", paramLabel = "N",
            description = "Copies that must have a record before it counts as written (acks=all)"
                    + " (default: replication factor - 1, at least 1).")
    Integer minInsyncReplicas;

    @Option(names = "--kill-broker", paramLabel = "AFTER", converter = Converters.DurationConverter.class,
            description = "After this long, stop the broker that leads the most partitions, and watch the others"
                    + " take over (needs 2+ brokers).")
    Duration killBrokerAfter;

    @Option(names = "--restart-broker", paramLabel = "AFTER", converter = Converters.DurationConverter.class,
            description = "After this long, start the stopped broker again and watch it catch up.")
    Duration restartBrokerAfter;

    @Option(names = "--restart-stream", paramLabel = "AFTER", converter = Converters.DurationConverter.class,
            description = "After this long, stop the streaming job mid-run and start a new one that resumes from"
                    + " the saved offsets.")
    Duration restartStreamAfter;

    @Option(names = "--delivery", paramLabel = "MODE", defaultValue = "at-least-once",
            converter = Converters.DeliveryConverter.class,
            description = "at-least-once (offsets committed to Kafka after each batch) or exactly-once (each batch's"
                    + " output and offsets stored together in one local store) (default: ${DEFAULT-VALUE}).")
    Delivery delivery;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Where exactly-once keeps its store (default: a new directory under logs/).")
    Path store;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "dstream",
            description = "dstream (Spark Streaming's direct stream, the classic walkthrough's) or structured (a"
                    + " Structured Streaming query, offsets in its checkpoint) (default: ${DEFAULT-VALUE}).")
    StreamEngine.Kind engine;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "With --engine structured: keep the query's checkpoint in DIR (default: a temp directory"
                    + " removed at exit; exactly-once: checkpoint/ in the store).")
    Path checkpoint;

    @Option(names = "--quiet-batches",
            description = "For each batch print only the status line (rates, lag, timing), not offsets and records.")
    boolean quietBatches;

    @Option(names = "--bench-report", hidden = true,
            description = "Print a machine-readable BENCH line at the end (used by 'bench').")
    boolean benchReport;

    /** The settings, or an {@link IllegalArgumentException} naming the bad option. */
    DemoSettings toSettings() {
        mode.otherModesSetting(zkPort != null ? "--zk-port" : null, controllerPort != null ? "--controller-port" : null)
                .ifPresent(mistake -> {
                    throw new IllegalArgumentException(mistake + (mode == ClusterMode.KRAFT
                            ? ": drop it (--controller-port sets the controller's port)"
                            : ": add --mode kraft, or drop it"));
                });
        if (noWeb && webPort != null) {
            throw new IllegalArgumentException("--no-web and --web-port contradict each other: drop one of them");
        }
        return DemoSettings.builder().mode(mode).auth(auth)
                .web(noWeb ? null : webPort == null ? WebSettings.standard() : WebSettings.at(webPort))
                .controllerPort(controllerPort == null ? PortRequest.preferred(DemoSettings.DEFAULT_CONTROLLER_PORT)
                        : PortRequest.explicit(controllerPort)).topic(topic).partitions(partitions).batchInterval(batchInterval).rate(rate)
                .keys(keys).records(records == null ? -1 : records).duration(duration)
                .zkPort(zkPort == null ? PortRequest.preferred(DemoSettings.DEFAULT_ZK_PORT)
                        : PortRequest.explicit(zkPort))
                .kafkaPort(kafkaPort == null ? PortRequest.preferred(DemoSettings.DEFAULT_KAFKA_PORT)
                        : PortRequest.explicit(kafkaPort))
                .ui(!noUi).master(master).group(group).valueSize(valueSize).show(show).brokers(brokers)
                .replicationFactor(replicationFactor).minInsyncReplicas(minInsyncReplicas)
                .killBrokerAfter(killBrokerAfter).restartBrokerAfter(restartBrokerAfter)
                .restartStreamAfter(restartStreamAfter).delivery(delivery).storeDir(store)
                .engine(engine).checkpoint(checkpoint)
                .quietBatches(quietBatches).benchReport(benchReport).build();
    }
}
