package dev.kafkaspark.testing;

import dev.kafkaspark.internal.cluster.ClusterBuilder;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.TopicSpec;
import dev.kafkaspark.internal.cluster.Topics;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.spark.LocalSpark;
import dev.kafkaspark.internal.stream.dstream.StreamingRunner;
import dev.kafkaspark.internal.support.Closer;
import dev.kafkaspark.internal.support.RuntimeCheck;
import dev.kafkaspark.internal.support.TempDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;

/**
 * A real ZooKeeper, real Kafka brokers and a real local Spark in this JVM, for a test or a demo: built with
 * {@link #builder()}, started, used, closed. Everything listens on 127.0.0.1 on free ports (unless given others), and
 * close removes every file it made.
 *
 * <pre>{@code
 * try (var env = KafkaSparkEnvironment.builder().brokers(1).topic("orders", 3).start()) {
 *     env.send("orders", "k", "v");
 *     JavaStreamingContext ssc = env.streamingContext(Duration.ofMillis(500));
 *     env.directStream(ssc, "orders", "my-group").map(ConsumerRecord::value).print();
 *     ...
 * }
 * }</pre>
 *
 * <p>Spark allows one Spark context and one running streaming context per JVM: environments in one JVM share the
 * Spark context (it stops when the last of them closes), and their streaming contexts must run one at a time. The
 * Kafka side of each environment is its own.
 */
public final class KafkaSparkEnvironment implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaCluster cluster;
    private final BackgroundSpark spark;
    private final Closer closer;
    private final TopicIo io;
    private final List<JavaStreamingContext> streamingContexts = new ArrayList<>();
    private final StructuredStreams structured = new StructuredStreams(this::sparkContext,
            () -> newDirectory("checkpoints"));
    private TempDir scratch;
    private final Logins logins;
    private volatile boolean closed;

    private KafkaSparkEnvironment(KafkaCluster cluster, BackgroundSpark spark, Closer closer,
            boolean autoCreateTopics) {
        this.cluster = cluster;
        this.spark = spark;
        this.closer = closer;
        this.io = closer.register(new TopicIo(cluster.allBootstrapServers(), cluster.admin(), autoCreateTopics,
                TIMEOUT, cluster.adminClientProperties()));
        this.logins = new Logins(cluster, TIMEOUT);
    }

    /** A builder: one broker, free ports, local Spark with the UI off. */
    public static Builder builder() {
        return new Builder();
    }

    /** The brokers' bootstrap address list. */
    public String bootstrapServers() {
        check();
        return cluster.allBootstrapServers();
    }

    /** ZooKeeper's connect string (ZooKeeper mode only). */
    public String zookeeperConnect() {
        check();
        return cluster.zookeeperConnect().orElseThrow(() -> new IllegalStateException("this cluster has no"
                + " ZooKeeper: it runs in KRaft mode (see mode())"));
    }

    /** Which Kafka this environment runs. */
    public KafkaMode mode() {
        check();
        return KafkaMode.of(cluster.mode());
    }

    /** The cluster: its brokers (to stop and restart them), its admin client, its addresses. */
    public KafkaCluster cluster() {
        check();
        return cluster;
    }

    /** Whether the brokers require logins ({@link KafkaAuth#SCRAM}) or take anyone. */
    public KafkaAuth auth() {
        check();
        return cluster.scram().isPresent() ? KafkaAuth.SCRAM : KafkaAuth.NONE;
    }

    /**
     * With {@link KafkaAuth#SCRAM}: what a Kafka client (or a Spark job's consumer, or the Kafka source with each key
     * prefixed {@code kafka.}) needs to log in as this user. A new user is created with a generated password and no
     * ACLs; grant them with {@code admin().createAcls(...)}. {@code "admin"} is the environment's super user.
     */
    public Map<String, String> clientProperties(String user) {
        check();
        return logins.clientProperties(user);
    }

    /** An admin client, owned by the environment (do not close it). */
    public Admin admin() {
        check();
        return cluster.admin();
    }

    /** Creates a topic (replication factor 1), or accepts an existing one with the same settings. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, 1, Map.of());
    }

    /**
     * Creates a topic, or accepts an existing one with the same settings; returns once every partition has a leader.
     *
     * @param configs topic configs, such as {@code min.insync.replicas}
     */
    public void createTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
        check();
        Topics.ensure(cluster.admin(), new TopicSpec(name, partitions, (short) replicationFactor, configs), TIMEOUT);
    }

    /**
     * Sends one record and waits for the brokers' acknowledgement. A topic that does not exist fails at once, naming
     * the topics that do (the brokers do not create topics on first use).
     */
    public RecordMetadata send(String topic, String key, String value) {
        check();
        return io.send(topic, key, value);
    }

    /** Sends records (key to value, in the map's order) and waits until all are acknowledged. */
    public void send(String topic, Map<String, String> records) {
        check();
        io.send(topic, records);
    }

    /** Sends values without keys and waits until all are acknowledged. */
    public void sendValues(String topic, Collection<String> values) {
        check();
        io.sendValues(topic, values);
    }

    /**
     * Waits until a topic holds at least {@code count} records, reading every partition from the beginning, and
     * returns what it read: the way to check a job's output topic.
     *
     * @throws AssertionError when fewer arrived within the timeout (it says how many did)
     */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, int count, Duration timeout) {
        check();
        return io.awaitRecords(topic, count, timeout);
    }

    /** A new empty directory (a checkpoint, say) whose name starts with {@code name}, removed on close. */
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

    /** The Spark context (local, on loopback); waits for it if it is still starting. */
    public JavaSparkContext sparkContext() {
        check();
        if (spark == null) {
            throw new IllegalStateException("this environment was built with spark(false)");
        }
        return spark.context();
    }

    /**
     * A new streaming context on the environment's Spark context. Start it yourself; the environment stops it on
     * close if you did not.
     */
    public synchronized JavaStreamingContext streamingContext(Duration batchInterval) {
        JavaStreamingContext ssc = new JavaStreamingContext(sparkContext(),
                Durations.milliseconds(batchInterval.toMillis()));
        streamingContexts.add(ssc);
        return ssc;
    }

    /**
     * Consumer properties for a direct stream on this cluster: string keys and values, earliest, no auto-commit (with
     * {@link KafkaAuth#SCRAM}, logged in as the admin user).
     */
    public Map<String, Object> kafkaParams(String groupId) {
        Map<String, Object> p = StreamingRunner.directStreamParams(bootstrapServers(), groupId);
        p.putAll(cluster.adminClientProperties());
        return p;
    }

    /** A kafka-0-10 direct stream on a topic ({@code PreferConsistent}, {@code Subscribe}). */
    public JavaInputDStream<ConsumerRecord<String, String>> directStream(JavaStreamingContext ssc, String topic,
            String groupId) {
        return KafkaUtils.createDirectStream(ssc, LocationStrategies.PreferConsistent(),
                ConsumerStrategies.<String, String>Subscribe(List.of(topic), kafkaParams(groupId)));
    }

    /**
     * The Spark session for Structured Streaming, on the environment's Spark context (one per environment, made on
     * first use). Queries without a {@code checkpointLocation} keep their checkpoints in the environment's directory;
     * the environment stops its active queries on close.
     */
    public SparkSession sparkSession() {
        check();
        return structured.session();
    }

    /**
     * A topic as a streaming {@code Dataset} with the Kafka source pointed at this cluster, from the earliest offset:
     * columns {@code key} and {@code value} (strings), {@code topic}, {@code partition}, {@code offset},
     * {@code timestamp}. In a test, {@code query.processAllAvailable()} waits until everything sent so far is processed.
     */
    public Dataset<Row> readStream(String topic) {
        check();
        return structured.read(bootstrapServers(), topic, cluster.adminClientProperties());
    }

    /** Waits until a query has read at least {@code rows} rows; fails at the timeout or when the query fails. */
    public void awaitProcessed(StreamingQuery query, long rows, Duration timeout) {
        StructuredStreams.awaitProcessed(query, rows, timeout);
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("the environment is closed");
        }
    }

    /**
     * Stops, in reverse start order, the streaming contexts it made, its hold on Spark, its clients, the brokers and
     * ZooKeeper, and removes their files; safe to call twice.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        synchronized (this) {
            for (JavaStreamingContext ssc : streamingContexts) {
                try {
                    ssc.stop(false, false);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            failure = structured.stopQueries(failure);
        }
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

    /** Settings for an environment; fixed once {@link #start()} is called. */
    public static final class Builder {
        private KafkaMode mode = KafkaMode.ZOOKEEPER;
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
        private KafkaAuth auth = KafkaAuth.NONE;

        private Builder() {
        }

        /** Whether the brokers require SCRAM logins and ACLs (default {@link KafkaAuth#NONE}). */
        public Builder auth(KafkaAuth auth) {
            this.auth = java.util.Objects.requireNonNull(auth, "auth");
            return this;
        }

        /** Which Kafka (default {@link KafkaMode#ZOOKEEPER}); everything else works the same in both. */
        public Builder mode(KafkaMode mode) {
            this.mode = java.util.Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** How many brokers (1 to 5); in KRaft mode each is also a voter of the controller quorum. */
        public Builder brokers(int count) {
            ClusterBuilder.of(mode.clusterMode()).brokers(count); // says at once when the count is out of range
            brokers = count;
            return this;
        }

        /** ZooKeeper's port (default: any free port); ZooKeeper mode only. */
        public Builder zookeeperPort(int port) {
            zookeeperPort = port;
            return this;
        }

        /** The first controller's port (default: any free port); KRaft mode only. */
        public Builder controllerPort(int port) {
            controllerPort = port;
            return this;
        }

        /** The first broker's port (default: any free port). */
        public Builder brokerPort(int port) {
            brokerPort = port;
            return this;
        }

        /** A broker setting, as in server.properties, for every broker. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            if (key.equals("auto.create.topics.enable")) {
                autoCreateTopics = Boolean.parseBoolean(value.trim());
            }
            return this;
        }

        /** A topic to create at start, replication factor 1. */
        public Builder topic(String name, int partitions) {
            return topic(name, partitions, 1, Map.of());
        }

        /** A topic to create at start, with its replication factor and topic configs. */
        public Builder topic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
            topics.add(new TopicSpec(name, partitions, (short) replicationFactor, configs));
            return this;
        }

        /** Whether to start Spark (default: yes). */
        public Builder spark(boolean enabled) {
            withSpark = enabled;
            return this;
        }

        /** Spark's master (default {@code local[2]}); a non-local master gets a context of its own. */
        public Builder sparkMaster(String master) {
            sparkMaster = master;
            withSpark = true;
            return this;
        }

        /** The application name Spark shows (default {@code kafka-spark-test}). */
        public Builder sparkAppName(String name) {
            sparkAppName = name;
            return this;
        }

        /** Serve Spark's web UI on 127.0.0.1 from this port on (the next free one if taken); off by default. */
        public Builder sparkUi(int firstPort) {
            sparkUiPort = firstPort;
            return this;
        }

        /** A Spark property that wins over the environment's defaults. */
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

        /**
         * Starts Spark (in the background), ZooKeeper and the brokers, then creates the topics. A start that fails
         * half-way stops what it started.
         */
        public KafkaSparkEnvironment start() {
            // A class path or JVM that cannot run the brokers or Spark fails here, in one line, before anything starts.
            if (withSpark) {
                LocalSpark.checkRuntime();
            }
            RuntimeCheck.requireKafkaClients();
            BackgroundSpark sparkLease = null;
            if (withSpark) {
                sparkLease = BackgroundSpark.start(new LocalSpark.Settings(sparkMaster, sparkAppName, sparkUiPort > 0,
                        Math.max(sparkUiPort, 0), alignedClock, sparkConf));
            }
            Closer closer = new Closer();
            boolean sparkRegistered = false;
            try {
                KafkaCluster started = closer.register(mode.clusterBuilder(zookeeperPort, controllerPort)
                        .brokers(brokers).brokerPort(brokerPort).brokerProperties(brokerProperties)
                        .scram(auth == KafkaAuth.SCRAM ? Scram.generate() : null).start());
                if (sparkLease != null) {
                    // Registered after the cluster, so it is released before the brokers stop.
                    closer.register(sparkLease);
                    sparkRegistered = true;
                }
                for (TopicSpec spec : topics) {
                    Topics.ensure(started.admin(), spec, TIMEOUT);
                }
                return new KafkaSparkEnvironment(started, sparkLease, closer, autoCreateTopics);
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
