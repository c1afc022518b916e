package dev.kafkaspark.testing;

import dev.kafkaspark.internal.cluster.TopicSpec;
import dev.kafkaspark.internal.harness.Harness;
import dev.kafkaspark.internal.harness.StructuredStreams;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

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

    final Harness harness; // for this project's own tests, through testing.Internals
    private final Cluster cluster;

    private KafkaSparkEnvironment(Harness harness) {
        this.harness = harness;
        this.cluster = new Cluster(harness.kafka().cluster());
    }

    /** A builder: one broker, free ports, local Spark with the UI off. */
    public static Builder builder() {
        return new Builder();
    }

    /** The brokers' bootstrap address list. */
    public String bootstrapServers() {
        return harness.kafka().bootstrapServers();
    }

    /** ZooKeeper's connect string (ZooKeeper mode only). */
    public String zookeeperConnect() {
        return harness.kafka().cluster().zookeeperConnect().orElseThrow(() -> new IllegalStateException("this cluster"
                + " has no ZooKeeper: it runs in KRaft mode (see mode())"));
    }

    /** Which Kafka this environment runs. */
    public KafkaMode mode() {
        return KafkaMode.of(harness.kafka().cluster().mode());
    }

    /** The cluster: its brokers (to stop and restart them), its addresses, its controller. */
    public Cluster cluster() {
        harness.kafka(); // fails once closed
        return cluster;
    }

    /** Whether the brokers require logins ({@link KafkaAuth#SCRAM}) or take anyone. */
    public KafkaAuth auth() {
        return harness.kafka().scram() ? KafkaAuth.SCRAM : KafkaAuth.NONE;
    }

    /**
     * With {@link KafkaAuth#SCRAM}: what a Kafka client (or a Spark job's consumer, or the Kafka source with each key
     * prefixed {@code kafka.}) needs to log in as this user. A new user is created with a generated password and no
     * ACLs; grant them with {@code admin().createAcls(...)}. {@code "admin"} is the environment's super user.
     */
    public Map<String, String> clientProperties(String user) {
        return harness.kafka().clientProperties(user);
    }

    /** An admin client, owned by the environment (do not close it). */
    public Admin admin() {
        return harness.kafka().admin();
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
        harness.kafka().createTopic(new TopicSpec(name, partitions, (short) replicationFactor, configs));
    }

    /**
     * Sends one record and waits for the brokers' acknowledgement. A topic that does not exist fails at once, naming
     * the topics that do (the brokers do not create topics on first use).
     */
    public RecordMetadata send(String topic, String key, String value) {
        return harness.kafka().send(topic, key, value);
    }

    /** Sends records (key to value, in the map's order) and waits until all are acknowledged. */
    public void send(String topic, Map<String, String> records) {
        harness.kafka().send(topic, records);
    }

    /** Sends values without keys and waits until all are acknowledged. */
    public void sendValues(String topic, Collection<String> values) {
        harness.kafka().sendValues(topic, values);
    }

    /**
     * Waits until a topic holds at least {@code count} records, reading every partition from the beginning, and
     * returns what it read: the way to check a job's output topic.
     *
     * @throws AssertionError when fewer arrived within the timeout (it says how many did)
     */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, int count, Duration timeout) {
        return harness.kafka().awaitRecords(topic, count, timeout);
    }

    /** A new empty directory (a checkpoint, say) whose name starts with {@code name}, removed on close. */
    public Path newDirectory(String name) {
        return harness.newDirectory(name);
    }

    /** The Spark context (local, on loopback); waits for it if it is still starting. */
    public JavaSparkContext sparkContext() {
        return harness.spark().context();
    }

    /**
     * A new streaming context on the environment's Spark context. Start it yourself; the environment stops it on
     * close if you did not.
     */
    public JavaStreamingContext streamingContext(Duration batchInterval) {
        return harness.spark().streamingContext(batchInterval);
    }

    /**
     * Consumer properties for a direct stream on this cluster: string keys and values, earliest, no auto-commit (with
     * {@link KafkaAuth#SCRAM}, logged in as the admin user).
     */
    public Map<String, Object> kafkaParams(String groupId) {
        return harness.kafka().directStreamParams(groupId);
    }

    /** A kafka-0-10 direct stream on a topic ({@code PreferConsistent}, {@code Subscribe}). */
    public JavaInputDStream<ConsumerRecord<String, String>> directStream(JavaStreamingContext ssc, String topic,
            String groupId) {
        return harness.spark().directStream(ssc, topic, kafkaParams(groupId));
    }

    /**
     * The Spark session for Structured Streaming, on the environment's Spark context (one per environment, made on
     * first use). Queries without a {@code checkpointLocation} keep their checkpoints in the environment's directory;
     * the environment stops its active queries on close.
     */
    public SparkSession sparkSession() {
        return harness.spark().session();
    }

    /**
     * A topic as a streaming {@code Dataset} with the Kafka source pointed at this cluster, from the earliest offset:
     * columns {@code key} and {@code value} (strings), {@code topic}, {@code partition}, {@code offset},
     * {@code timestamp}. In a test, {@code query.processAllAvailable()} waits until everything sent so far is processed.
     */
    public Dataset<Row> readStream(String topic) {
        return harness.spark().readStream(bootstrapServers(), topic, harness.kafka().adminClientProperties());
    }

    /** Waits until a query has read at least {@code rows} rows; fails at the timeout or when the query fails. */
    public void awaitProcessed(StreamingQuery query, long rows, Duration timeout) {
        StructuredStreams.awaitProcessed(query, rows, timeout);
    }

    /** Stops everything it started, in reverse order, and removes their files; safe to call twice. */
    @Override
    public void close() {
        harness.close();
    }

    /** Settings for an environment; fixed once {@link #start()} is called. */
    public static final class Builder {
        private final Harness.Builder harness = Harness.builder().sparkAppName("kafka-spark-test");

        private Builder() {
        }

        /** Whether the brokers require SCRAM logins and ACLs (default {@link KafkaAuth#NONE}). */
        public Builder auth(KafkaAuth auth) {
            harness.scram(Objects.requireNonNull(auth, "auth") == KafkaAuth.SCRAM);
            return this;
        }

        /** Which Kafka (default {@link KafkaMode#ZOOKEEPER}); everything else works the same in both. */
        public Builder mode(KafkaMode mode) {
            harness.mode(Objects.requireNonNull(mode, "mode").clusterMode());
            return this;
        }

        /** How many brokers (1 to 5); in KRaft mode each is also a voter of the controller quorum. */
        public Builder brokers(int count) {
            harness.brokers(count);
            return this;
        }

        /** ZooKeeper's port (default: any free port); ZooKeeper mode only. */
        public Builder zookeeperPort(int port) {
            harness.zookeeperPort(port);
            return this;
        }

        /** The first controller's port (default: any free port); KRaft mode only. */
        public Builder controllerPort(int port) {
            harness.controllerPort(port);
            return this;
        }

        /** The first broker's port (default: any free port). */
        public Builder brokerPort(int port) {
            harness.brokerPort(port);
            return this;
        }

        /** A broker setting, as in server.properties, for every broker. */
        public Builder brokerProperty(String key, String value) {
            harness.brokerProperty(key, value);
            return this;
        }

        /** A topic to create at start, replication factor 1. */
        public Builder topic(String name, int partitions) {
            return topic(name, partitions, 1, Map.of());
        }

        /** A topic to create at start, with its replication factor and topic configs. */
        public Builder topic(String name, int partitions, int replicationFactor, Map<String, String> configs) {
            harness.topic(new TopicSpec(name, partitions, (short) replicationFactor, configs));
            return this;
        }

        /** Whether to start Spark (default: yes). */
        public Builder spark(boolean enabled) {
            harness.spark(enabled);
            return this;
        }

        /** Spark's master (default {@code local[2]}); a non-local master gets a context of its own. */
        public Builder sparkMaster(String master) {
            harness.sparkMaster(master);
            return this;
        }

        /** The application name Spark shows (default {@code kafka-spark-test}). */
        public Builder sparkAppName(String name) {
            harness.sparkAppName(name);
            return this;
        }

        /** Serve Spark's web UI on 127.0.0.1 from this port on (the next free one if taken); off by default. */
        public Builder sparkUi(int firstPort) {
            harness.sparkUi(firstPort);
            return this;
        }

        /** A Spark property that wins over the environment's defaults. */
        public Builder sparkConf(String key, String value) {
            harness.sparkConf(key, value);
            return this;
        }

        /**
         * Starts Spark (in the background), ZooKeeper and the brokers, then creates the topics. A start that fails
         * half-way stops what it started.
         */
        public KafkaSparkEnvironment start() {
            return new KafkaSparkEnvironment(harness.start());
        }
    }
}
