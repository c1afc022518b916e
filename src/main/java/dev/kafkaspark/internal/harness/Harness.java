package dev.kafkaspark.internal.harness;

import dev.kafkaspark.internal.cluster.ClusterBuilder;
import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.TopicSpec;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.spark.LocalSpark;
import dev.kafkaspark.internal.support.Closer;
import dev.kafkaspark.internal.support.RuntimeCheck;
import dev.kafkaspark.internal.support.TempDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real Kafka cluster and a lease on the local Spark context in this JVM, started together (Spark in the background
 * while the brokers start) and closed together: what the public harness ({@code testing.KafkaSparkEnvironment})
 * wraps and the demo runs on. Its {@link KafkaSide} and {@link SparkSide} each hold one half.
 */
public final class Harness implements AutoCloseable {

    private final KafkaSide kafka;
    private final SparkSide spark;
    private final Closer closer;
    private TempDir scratch;
    private volatile boolean closed;

    private Harness(KafkaCluster cluster, BackgroundSpark spark, Closer closer, boolean autoCreateTopics) {
        this.closer = closer;
        this.kafka = new KafkaSide(cluster, closer, autoCreateTopics);
        this.spark = spark == null ? null : new SparkSide(spark, () -> newDirectory("checkpoints"));
    }

    /** A builder: one broker, ZooKeeper mode, free ports, local Spark with the UI off. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Kafka side; fails once closed. */
    public KafkaSide kafka() {
        check();
        return kafka;
    }

    /** The Spark side; fails once closed, or when built without Spark. */
    public SparkSide spark() {
        check();
        if (spark == null) {
            throw new IllegalStateException("this environment was built with spark(false)");
        }
        return spark;
    }

    /** A new empty directory whose name starts with {@code name}, removed on close. */
    public synchronized Path newDirectory(String name) {
        check();
        if (scratch == null) {
            scratch = closer.register(TempDir.create("kafka-spark-env-"));
        }
        try {
            return Files.createTempDirectory(scratch.path(), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory in " + scratch.path(), e);
        }
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("the environment is closed");
        }
    }

    /**
     * Stops, in reverse start order, the streaming contexts and queries made for a test, the hold on Spark, the
     * clients, the brokers and ZooKeeper, and removes their files; safe to call twice.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = spark == null ? null : spark.stopStreams(null);
        try {
            closer.close();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure == null && spark != null) {
            // Nobody asked for the context, so nobody has heard that it failed: say it now rather than never.
            failure = spark.unreportedFailure().orElse(null);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Settings for a harness; fixed once {@link #start()} is called. */
    public static final class Builder {
        private ClusterMode mode = ClusterMode.ZOOKEEPER;
        private int brokers = 1;
        private int brokerPort;
        private Integer zookeeperPort;
        private Integer controllerPort;
        private final Map<String, String> brokerProperties = new HashMap<>();
        private final List<TopicSpec> topics = new ArrayList<>();
        private String sparkMaster = "local[2]";
        private String sparkAppName = "kafka-spark-test";
        private int sparkUiPort = -1;
        private final Map<String, String> sparkConf = new HashMap<>();
        private boolean alignedClock;
        private boolean withSpark = true;
        private boolean autoCreateTopics;
        private boolean scram;

        private Builder() {
        }

        public Builder scram(boolean enabled) {
            scram = enabled;
            return this;
        }

        public Builder mode(ClusterMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** How many brokers (1 to 5); says at once when the count is out of range. */
        public Builder brokers(int count) {
            ClusterBuilder.of(mode).brokers(count);
            brokers = count;
            return this;
        }

        public Builder zookeeperPort(int port) {
            zookeeperPort = port;
            return this;
        }

        public Builder controllerPort(int port) {
            controllerPort = port;
            return this;
        }

        public Builder brokerPort(int port) {
            brokerPort = port;
            return this;
        }

        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            if (key.equals("auto.create.topics.enable")) {
                autoCreateTopics = Boolean.parseBoolean(value.trim());
            }
            return this;
        }

        public Builder topic(TopicSpec spec) {
            topics.add(spec);
            return this;
        }

        public Builder spark(boolean enabled) {
            withSpark = enabled;
            return this;
        }

        public Builder sparkMaster(String master) {
            sparkMaster = master;
            withSpark = true;
            return this;
        }

        public Builder sparkAppName(String name) {
            sparkAppName = name;
            return this;
        }

        public Builder sparkUi(int firstPort) {
            sparkUiPort = firstPort;
            return this;
        }

        public Builder sparkConf(String key, String value) {
            sparkConf.put(key, value);
            return this;
        }

        /**
         * Lets the streaming runner of this program shift the streaming clock so a first batch comes right after
         * start (the demo's choice; off for everyone else, whose batches fall on multiples of the interval).
         */
        public Builder alignedStreamingClock(boolean enabled) {
            alignedClock = enabled;
            return this;
        }

        private ClusterBuilder clusterBuilder() {
            mode.otherModesSetting(zookeeperPort != null ? "zookeeperPort" : null,
                    controllerPort != null ? "controllerPort" : null).ifPresent(mistake -> {
                        throw new IllegalStateException(mistake + ": this environment runs in " + mode
                                + " mode; drop it, or pick the other mode");
                    });
            Integer mine = mode == ClusterMode.ZOOKEEPER ? zookeeperPort : controllerPort;
            return ClusterBuilder.of(mode).metadataPort(mine == null ? 0 : mine);
        }

        /**
         * Starts Spark (in the background), ZooKeeper and the brokers, then creates the topics. A start that fails
         * half-way stops what it started.
         */
        public Harness start() {
            // A class path or JVM that cannot run the brokers or Spark fails here, in one line, before anything starts.
            if (withSpark) {
                LocalSpark.checkRuntime();
            }
            RuntimeCheck.requireKafkaClients();
            ClusterBuilder cluster = clusterBuilder();
            BackgroundSpark sparkLease = null;
            if (withSpark) {
                sparkLease = BackgroundSpark.start(new LocalSpark.Settings(sparkMaster, sparkAppName, sparkUiPort > 0,
                        Math.max(sparkUiPort, 0), alignedClock, sparkConf));
            }
            Closer closer = new Closer();
            boolean sparkRegistered = false;
            try {
                KafkaCluster started = closer.register(cluster.brokers(brokers).brokerPort(brokerPort)
                        .brokerProperties(brokerProperties).scram(scram ? Scram.generate() : null).start());
                if (sparkLease != null) {
                    // Registered after the cluster, so it is released before the brokers stop.
                    closer.register(sparkLease);
                    sparkRegistered = true;
                }
                Harness harness = new Harness(started, sparkLease, closer, autoCreateTopics);
                topics.forEach(harness.kafka::createTopic);
                return harness;
            } catch (Throwable e) {
                // Any Throwable: Kafka's Scala code can throw checked exceptions it does not declare.
                if (sparkLease != null && !sparkRegistered) {
                    closer.register(sparkLease);
                }
                try {
                    closer.close();
                } catch (Throwable suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }
}
