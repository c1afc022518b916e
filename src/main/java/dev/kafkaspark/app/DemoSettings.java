package dev.kafkaspark.app;

import dev.kafkaspark.cluster.Ports;
import dev.kafkaspark.pipeline.Delivery;
import dev.kafkaspark.pipeline.StreamingSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the all-in-one demo needs to know, validated on construction. Build with {@link #builder()}.
 *
 * @param topic the topic
 * @param partitions its partitions
 * @param batchInterval Spark's batch interval
 * @param rate records per second; 0 or less means flat out
 * @param keys distinct keys
 * @param records produce exactly this many, wait until all are processed, then stop; -1: no limit
 * @param duration run this long, then stop; {@code null}: until Ctrl-C (or {@code records})
 * @param zkPort ZooKeeper's port and whether it was asked for explicitly
 * @param kafkaPort the first broker's port and whether it was asked for explicitly
 * @param ui serve Spark's web UI
 * @param master the Spark master
 * @param group the consumer group
 * @param valueSize pad values to this many characters (0: none)
 * @param show records shown per batch
 * @param brokers how many brokers (1 to 5)
 * @param replicationFactor the topic's replication factor
 * @param minInsyncReplicas the topic's {@code min.insync.replicas}
 * @param killBrokerAfter stop the broker leading the most partitions after this long; {@code null}: never
 * @param restartBrokerAfter start it again after this long; {@code null}: never
 * @param restartStreamAfter stop the streaming context and start a new one after this long; {@code null}: never
 * @param delivery at-least-once (offsets committed to Kafka) or exactly-once (output and offsets in one store)
 * @param storeDir where exactly-once keeps its store; {@code null}: a new directory under {@code logs/}
 * @param quietBatches print only the status line for each batch, not its offsets and records
 * @param benchReport print a machine-readable {@code BENCH {...}} line at the end (for {@code bench})
 */
public record DemoSettings(String topic, int partitions, Duration batchInterval, double rate, int keys, long records,
        Duration duration, PortRequest zkPort, PortRequest kafkaPort, boolean ui, String master, String group,
        int valueSize, int show, int brokers, int replicationFactor, int minInsyncReplicas, Duration killBrokerAfter,
        Duration restartBrokerAfter, Duration restartStreamAfter, Delivery delivery, Path storeDir,
        boolean quietBatches, boolean benchReport) {

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

    /** Validates; every message names the option and the fix. */
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
        positive("--duration", duration);
        if (brokers < 1 || brokers > 5) {
            throw new IllegalArgumentException("--brokers must be between 1 and 5, not " + brokers);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("--replication-factor must be at least 1, not " + replicationFactor);
        }
        if (replicationFactor > brokers) {
            throw new IllegalArgumentException("--replication-factor " + replicationFactor + " needs at least "
                    + replicationFactor + " brokers, and there " + (brokers == 1 ? "is 1" : "are " + brokers)
                    + ": add --brokers " + replicationFactor + " or lower --replication-factor");
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("--min-insync-replicas must be between 1 and the replication factor ("
                    + replicationFactor + "), not " + minInsyncReplicas);
        }
        positive("--kill-broker", killBrokerAfter);
        positive("--restart-broker", restartBrokerAfter);
        positive("--restart-stream", restartStreamAfter);
        if (killBrokerAfter != null && brokers < 2) {
            throw new IllegalArgumentException("--kill-broker needs at least 2 brokers (a cluster that survives"
                    + " losing one): add --brokers 3");
        }
        if (killBrokerAfter != null && replicationFactor < 2) {
            throw new IllegalArgumentException("--kill-broker needs --replication-factor 2 or more: with one copy,"
                    + " the stopped broker's partitions have nowhere else to live");
        }
        if (restartBrokerAfter != null && (killBrokerAfter == null
                || restartBrokerAfter.compareTo(killBrokerAfter) <= 0)) {
            throw new IllegalArgumentException("--restart-broker must come after --kill-broker (it brings the"
                    + " stopped broker back)");
        }
        if (delivery == null) {
            throw new IllegalArgumentException("--delivery must be at-least-once or exactly-once");
        }
    }

    private static void positive(String option, Duration d) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException(option + " must be positive");
        }
    }

    /** The replication factor a cluster of this size gets unless told otherwise: 3 from 3 brokers up. */
    public static int defaultReplicationFactor(int brokers) {
        return Math.min(brokers, 3);
    }

    /** The {@code min.insync.replicas} a replication factor gets unless told otherwise: one less, at least 1. */
    public static int defaultMinInsync(int replicationFactor) {
        return Math.max(1, replicationFactor - 1);
    }

    /** The seed's defaults: {@code mytest}, 3 partitions, 2 s batches, 5 records/s, one broker. */
    public static DemoSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the producer runs flat out. */
    public boolean flatOut() {
        return rate <= 0 || Double.isInfinite(rate);
    }

    /** Settings with defaults; unset replication factor and min ISR follow the broker count. */
    public static final class Builder {
        private String topic = DEFAULT_TOPIC;
        private int partitions = 3;
        private Duration batchInterval = Duration.ofSeconds(2);
        private double rate = 5;
        private int keys = 10;
        private long records = -1;
        private Duration duration;
        private PortRequest zkPort = PortRequest.preferred(DEFAULT_ZK_PORT);
        private PortRequest kafkaPort = PortRequest.preferred(DEFAULT_KAFKA_PORT);
        private boolean ui = true;
        private String master = "local[2]";
        private String group = StreamingSettings.DEFAULT_GROUP;
        private int valueSize;
        private int show = 5;
        private int brokers = 1;
        private Integer replicationFactor;
        private Integer minInsyncReplicas;
        private Duration killBrokerAfter;
        private Duration restartBrokerAfter;
        private Duration restartStreamAfter;
        private Delivery delivery = Delivery.AT_LEAST_ONCE;
        private Path storeDir;
        private boolean quietBatches;
        private boolean benchReport;

        private Builder() {
        }

        /** @return this */
        public Builder topic(String v) {
            topic = v;
            return this;
        }

        /** @return this */
        public Builder partitions(int v) {
            partitions = v;
            return this;
        }

        /** @return this */
        public Builder batchInterval(Duration v) {
            batchInterval = v;
            return this;
        }

        /** Records per second; 0: flat out. @return this */
        public Builder rate(double v) {
            rate = v;
            return this;
        }

        /** @return this */
        public Builder keys(int v) {
            keys = v;
            return this;
        }

        /** @return this */
        public Builder records(long v) {
            records = v;
            return this;
        }

        /** @return this */
        public Builder duration(Duration v) {
            duration = v;
            return this;
        }

        /** @return this */
        public Builder zkPort(PortRequest v) {
            zkPort = v;
            return this;
        }

        /** @return this */
        public Builder kafkaPort(PortRequest v) {
            kafkaPort = v;
            return this;
        }

        /** Any free ports, as tests want. @return this */
        public Builder anyFreePorts() {
            zkPort = PortRequest.explicit(0);
            kafkaPort = PortRequest.explicit(0);
            return this;
        }

        /** @return this */
        public Builder ui(boolean v) {
            ui = v;
            return this;
        }

        /** @return this */
        public Builder master(String v) {
            master = v;
            return this;
        }

        /** @return this */
        public Builder group(String v) {
            group = v;
            return this;
        }

        /** @return this */
        public Builder valueSize(int v) {
            valueSize = v;
            return this;
        }

        /** @return this */
        public Builder show(int v) {
            show = v;
            return this;
        }

        /** @return this */
        public Builder brokers(int v) {
            brokers = v;
            return this;
        }

        /** @return this */
        public Builder replicationFactor(Integer v) {
            replicationFactor = v;
            return this;
        }

        /** @return this */
        public Builder minInsyncReplicas(Integer v) {
            minInsyncReplicas = v;
            return this;
        }

        /** @return this */
        public Builder killBrokerAfter(Duration v) {
            killBrokerAfter = v;
            return this;
        }

        /** @return this */
        public Builder restartBrokerAfter(Duration v) {
            restartBrokerAfter = v;
            return this;
        }

        /** @return this */
        public Builder restartStreamAfter(Duration v) {
            restartStreamAfter = v;
            return this;
        }

        /** @return this */
        public Builder delivery(Delivery v) {
            delivery = v;
            return this;
        }

        /** @return this */
        public Builder storeDir(Path v) {
            storeDir = v;
            return this;
        }

        /** @return this */
        public Builder quietBatches(boolean v) {
            quietBatches = v;
            return this;
        }

        /** @return this */
        public Builder benchReport(boolean v) {
            benchReport = v;
            return this;
        }

        /** Validates and builds. */
        public DemoSettings build() {
            int rf = replicationFactor != null ? replicationFactor : defaultReplicationFactor(brokers);
            int minIsr = minInsyncReplicas != null ? minInsyncReplicas : defaultMinInsync(rf);
            return new DemoSettings(topic, partitions, batchInterval, rate, keys, records, duration, zkPort, kafkaPort,
                    ui, master, group, valueSize, show, brokers, rf, minIsr, killBrokerAfter, restartBrokerAfter,
                    restartStreamAfter, delivery, storeDir, quietBatches, benchReport);
        }
    }
}
