package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.delivery.Delivery;
import dev.kafkaspark.internal.stream.StreamEngine;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.testing.KafkaAuth;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the all-in-one demo needs to know, in six groups, validated on construction. Build with
 * {@link #builder()}; a bad value throws {@link InvalidSettingException}.
 *
 * @param cluster brokers and ports
 * @param topic the topic and its replication
 * @param producer what the synthetic producer sends
 * @param stream how the Spark job runs and what it promises
 * @param scenario when the run ends and what happens on the way
 * @param output what the console shows
 */
public record DemoSettings(Cluster cluster, Topic topic, Producer producer, Stream stream, Scenario scenario,
        Output output) {

    /** The classic walkthrough's topic name. */
    public static final String DEFAULT_TOPIC = "mytest";
    /** ZooKeeper's well-known port. */
    public static final int DEFAULT_ZK_PORT = 2181;
    /** Kafka's well-known port. */
    public static final int DEFAULT_KAFKA_PORT = 9092;
    /** The controller port of Kafka's own KRaft quick start. */
    public static final int DEFAULT_CONTROLLER_PORT = 9093;

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

    /**
     * Where the cluster keeps its metadata, how many brokers (1 to 5), where ZooKeeper (ZooKeeper mode), the first
     * broker and the first controller (KRaft mode) listen, and whether the brokers require logins.
     */
    public record Cluster(ClusterMode mode, int brokers, PortRequest zkPort, PortRequest kafkaPort,
            PortRequest controllerPort, KafkaAuth auth) {

        /** The port of the metadata service this mode runs: ZooKeeper's, or the first controller's. */
        public PortRequest metadataPort() {
            return mode == ClusterMode.KRAFT ? controllerPort : zkPort;
        }
    }

    /** The topic: name, partitions, replication factor and {@code min.insync.replicas}. */
    public record Topic(String name, int partitions, int replicationFactor, int minInsyncReplicas) {
    }

    /**
     * The synthetic producer.
     *
     * @param rate records per second; 0 or less means flat out
     * @param keys distinct keys
     * @param records produce exactly this many, then stop once all are processed; -1: no limit
     * @param valueSize pad values to this many characters (0: none)
     */
    public record Producer(double rate, int keys, long records, int valueSize) {
        /** Whether the producer runs flat out. */
        public boolean flatOut() {
            return rate <= 0 || Double.isInfinite(rate);
        }
    }

    /**
     * The Spark job.
     *
     * @param master the Spark master
     * @param group the consumer group
     * @param batchInterval the batch interval
     * @param ui serve Spark's web UI
     * @param delivery at-least-once (offsets committed to Kafka) or exactly-once (output and offsets in one store)
     * @param storeDir where exactly-once keeps its store; {@code null}: a new directory under {@code logs/}
     * @param engine DStreams (the classic walkthrough's) or a Structured Streaming query
     * @param checkpoint Structured Streaming: where the query keeps its checkpoint; {@code null}: a temp directory
     *     (at-least-once) or {@code checkpoint/} in the store (exactly-once)
     */
    public record Stream(String master, String group, Duration batchInterval, boolean ui, Delivery delivery,
            Path storeDir, StreamEngine.Kind engine, Path checkpoint) {
    }

    /**
     * When the run ends, and what it does on the way ({@code null}: not at all).
     *
     * @param duration run this long, then stop; {@code null}: until a stop request (or the record count)
     * @param killBrokerAfter stop the broker leading the most partitions after this long
     * @param restartBrokerAfter start it again after this long
     * @param restartStreamAfter stop the streaming context mid-run and start a new one after this long
     */
    public record Scenario(Duration duration, Duration killBrokerAfter, Duration restartBrokerAfter,
            Duration restartStreamAfter) {
    }

    /**
     * What the console shows.
     *
     * @param show records shown per batch
     * @param quietBatches only the status line for each batch
     * @param benchReport a machine-readable {@code BENCH {...}} line at the end (for {@code bench})
     */
    /** @param web where the live page listens; {@code null}: no page */
    public record Output(int show, boolean quietBatches, boolean benchReport,
            dev.kafkaspark.internal.web.WebSettings web) {
    }

    /** Validates across the groups; every message names the setting and the fix. */
    public DemoSettings {
        require(topic.partitions() >= 1, "{partitions} must be at least 1, not " + topic.partitions());
        require(!stream.batchInterval().isZero() && !stream.batchInterval().isNegative(),
                "{batch-interval} must be positive");
        require(producer.keys() >= 1, "{keys} must be at least 1, not " + producer.keys());
        require(producer.records() == -1 || producer.records() >= 1, "{records} must be at least 1");
        require(producer.valueSize() >= 0, "{value-size} must not be negative, not " + producer.valueSize());
        require(output.show() >= 0, "{show} must not be negative, not " + output.show());
        positive("duration", scenario.duration());
        int brokers = cluster.brokers();
        int rf = topic.replicationFactor();
        require(brokers >= 1 && brokers <= 5, "{brokers} must be between 1 and 5, not " + brokers);
        require(rf >= 1, "{replication-factor} must be at least 1, not " + rf);
        require(rf <= brokers, "{replication-factor} " + rf + " needs at least " + rf + " brokers, and there "
                + (brokers == 1 ? "is 1" : "are " + brokers) + ": add {brokers} " + rf
                + " or lower {replication-factor}");
        require(topic.minInsyncReplicas() >= 1 && topic.minInsyncReplicas() <= rf, "{min-insync-replicas} must be"
                + " between 1 and the replication factor (" + rf + "), not " + topic.minInsyncReplicas());
        positive("kill-broker", scenario.killBrokerAfter());
        positive("restart-broker", scenario.restartBrokerAfter());
        positive("restart-stream", scenario.restartStreamAfter());
        require(scenario.killBrokerAfter() == null || brokers >= 2, "{kill-broker} needs at least 2 brokers (a"
                + " cluster that survives losing one): add {brokers} 3");
        require(scenario.killBrokerAfter() == null || rf >= 2, "{kill-broker} needs {replication-factor} 2 or more:"
                + " with one copy, the stopped broker's partitions have nowhere else to live");
        require(scenario.restartBrokerAfter() == null || scenario.killBrokerAfter() != null
                && scenario.restartBrokerAfter().compareTo(scenario.killBrokerAfter()) > 0,
                "{restart-broker} must come after {kill-broker} (it brings the stopped broker back)");
        require(stream.delivery() != null, "{delivery} must be at-least-once or exactly-once");
        require(stream.storeDir() == null || stream.delivery() == Delivery.EXACTLY_ONCE,
                "{store} is for {delivery} exactly-once");
        require(cluster.auth() == KafkaAuth.NONE || stream.master().startsWith("local"),
                "{auth} scram runs with a local Spark master only: drop {master}, or {auth}");
        require(stream.checkpoint() == null || stream.engine() == StreamEngine.Kind.STRUCTURED,
                "{checkpoint} is for {engine} structured (the DStream job keeps its offsets in the consumer group or"
                        + " the exactly-once store)");
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new InvalidSettingException(problem);
        }
    }

    private static void positive(String setting, Duration d) {
        require(d == null || !d.isZero() && !d.isNegative(), "{" + setting + "} must be positive");
    }

    /** The replication factor a cluster of this size gets unless told otherwise: 3 from 3 brokers up. */
    public static int defaultReplicationFactor(int brokers) {
        return Math.min(brokers, 3);
    }

    /** The {@code min.insync.replicas} a replication factor gets unless told otherwise: one less, at least 1. */
    public static int defaultMinInsync(int replicationFactor) {
        return Math.max(1, replicationFactor - 1);
    }

    /** The classic walkthrough's defaults: {@code mytest}, 3 partitions, 2 s batches, 5 records/s, one broker. */
    public static DemoSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static DemoSettingsBuilder builder() {
        return new DemoSettingsBuilder();
    }
}
