package dev.kafkaspark.testing;

import dev.kafkaspark.support.Closer;
import dev.kafkaspark.cluster.KafkaCluster;
import dev.kafkaspark.cluster.TopicSpec;
import dev.kafkaspark.cluster.Topics;
import dev.kafkaspark.cluster.ZkKafkaCluster;
import dev.kafkaspark.pipeline.LocalSpark;
import dev.kafkaspark.pipeline.StreamingRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.spark.api.java.JavaSparkContext;
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
    private final CompletableFuture<LocalSpark.Lease> spark;
    private final Closer closer;
    private final List<JavaStreamingContext> streamingContexts = new ArrayList<>();
    private KafkaProducer<String, String> producer;
    private volatile boolean sparkAsked;
    private volatile boolean closed;

    private KafkaSparkEnvironment(KafkaCluster cluster, CompletableFuture<LocalSpark.Lease> spark, Closer closer) {
        this.cluster = cluster;
        this.spark = spark;
        this.closer = closer;
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

    /** ZooKeeper's connect string. */
    public String zookeeperConnect() {
        check();
        return cluster.zookeeperConnect().orElseThrow(() -> new IllegalStateException("this cluster has no"
                + " ZooKeeper"));
    }

    /** The cluster: its brokers (to stop and restart them), its admin client, its addresses. */
    public KafkaCluster cluster() {
        check();
        return cluster;
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

    /** Sends one record and waits for the brokers' acknowledgement. */
    public RecordMetadata send(String topic, String key, String value) {
        check();
        try {
            return producer().send(new ProducerRecord<>(topic, key, value)).get(TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send to " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        }
    }

    /** Sends records (key to value, in the map's order) and waits until all are acknowledged. */
    public void send(String topic, Map<String, String> records) {
        check();
        List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
        records.forEach((k, v) -> acks.add(producer().send(new ProducerRecord<>(topic, k, v))));
        TopicIo.awaitAll(topic, acks, TIMEOUT);
    }

    /** Sends values without keys and waits until all are acknowledged. */
    public void sendValues(String topic, Collection<String> values) {
        check();
        List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
        for (String v : values) {
            acks.add(producer().send(new ProducerRecord<>(topic, null, v)));
        }
        TopicIo.awaitAll(topic, acks, TIMEOUT);
    }

    /**
     * Reads a topic from the beginning of every partition until {@code count} records arrived.
     *
     * @throws AssertionError when fewer arrived within the timeout (it says how many did)
     */
    public List<ConsumerRecord<String, String>> read(String topic, int count, Duration timeout) {
        check();
        return TopicIo.read(bootstrapServers(), topic, count, timeout);
    }

    /** The Spark context (local, on loopback); waits for it if it is still starting. */
    public JavaSparkContext sparkContext() {
        check();
        if (spark == null) {
            throw new IllegalStateException("this environment was built with spark(false)");
        }
        sparkAsked = true;
        return join(spark).context();
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

    /** Consumer properties for a direct stream on this cluster: string keys and values, earliest, no auto-commit. */
    public Map<String, Object> kafkaParams(String groupId) {
        return StreamingRunner.directStreamParams(bootstrapServers(), groupId);
    }

    /** A kafka-0-10 direct stream on a topic ({@code PreferConsistent}, {@code Subscribe}). */
    public JavaInputDStream<ConsumerRecord<String, String>> directStream(JavaStreamingContext ssc, String topic,
            String groupId) {
        return KafkaUtils.createDirectStream(ssc, LocationStrategies.PreferConsistent(),
                ConsumerStrategies.<String, String>Subscribe(List.of(topic), kafkaParams(groupId)));
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = TopicIo.producer(bootstrapServers());
            KafkaProducer<String, String> created = producer;
            closer.register(() -> created.close(Duration.ofSeconds(10)));
        }
        return producer;
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
        if (failure == null && spark != null && !sparkAsked && spark.isCompletedExceptionally()) {
            // Nobody asked for the context, so nobody has heard that it failed: say it now rather than never.
            try {
                join(spark);
            } catch (IllegalStateException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static LocalSpark.Lease join(CompletableFuture<LocalSpark.Lease> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Spark did not start: " + cause.getMessage(), cause);
        }
    }

    /** Settings for an environment; fixed once {@link #start()} is called. */
    public static final class Builder {
        private final ZkKafkaCluster.Builder cluster = ZkKafkaCluster.builder();
        private final List<TopicSpec> topics = new ArrayList<>();
        private String sparkMaster = "local[2]";
        private String sparkAppName = "kafka-spark-test";
        private int sparkUiPort = -1;
        private final Map<String, String> sparkConf = new HashMap<>();
        private boolean alignedClock;
        private boolean withSpark = true;

        private Builder() {
        }

        /** How many brokers (1 to 5). */
        public Builder brokers(int count) {
            cluster.brokers(count);
            return this;
        }

        /** ZooKeeper's port (default: any free port). */
        public Builder zookeeperPort(int port) {
            cluster.zookeeperPort(port);
            return this;
        }

        /** The first broker's port (default: any free port). */
        public Builder brokerPort(int port) {
            cluster.brokerPort(port);
            return this;
        }

        /** A broker setting, as in server.properties, for every broker. */
        public Builder brokerProperty(String key, String value) {
            cluster.brokerProperty(key, value);
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
            CompletableFuture<LocalSpark.Lease> sparkLease = null;
            if (withSpark) {
                LocalSpark.Settings s = new LocalSpark.Settings(sparkMaster, sparkAppName, sparkUiPort > 0,
                        Math.max(sparkUiPort, 0), alignedClock, sparkConf);
                sparkLease = CompletableFuture.supplyAsync(() -> LocalSpark.acquire(s), r -> {
                    Thread t = new Thread(r, "spark-init");
                    t.setDaemon(true);
                    t.start();
                });
            }
            Closer closer = new Closer();
            boolean sparkRegistered = false;
            try {
                KafkaCluster started = closer.register(cluster.start());
                if (sparkLease != null) {
                    // Registered after the cluster, so it is released before the brokers stop.
                    closer.register(release(sparkLease));
                    sparkRegistered = true;
                }
                for (TopicSpec spec : topics) {
                    Topics.ensure(started.admin(), spec, TIMEOUT);
                }
                return new KafkaSparkEnvironment(started, sparkLease, closer);
            } catch (RuntimeException | Error e) {
                if (sparkLease != null && !sparkRegistered) {
                    closer.register(release(sparkLease));
                }
                try {
                    closer.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        private static AutoCloseable release(CompletableFuture<LocalSpark.Lease> lease) {
            return () -> {
                // A failed start has nothing to release; the failure itself is reported by sparkContext() or close().
                LocalSpark.Lease l = lease.handle((v, t) -> v).join();
                if (l != null) {
                    l.close();
                }
            };
        }
    }
}
