package dev.kafkaspark.internal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkaspark.internal.support.TempDir;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kafka.server.KafkaConfig;
import kafka.server.KafkaServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Time;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import org.apache.zookeeper.server.NIOServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;

/**
 * Spark's own path, the baseline the bench compares with: Kafka set up the way Spark's connector tests set it up
 * ({@code KafkaTestUtils} of spark-streaming-kafka-0-10), step by step and one after another, then an ordinary
 * streaming context with the direct stream. Spark's own class is built against Kafka 3.4 and does not link with this
 * project's Kafka, so its steps are written out here: a ZooKeeperServer with a 500 ms tick, a broker with that class's
 * settings (a flush to disk after every message among them), the topic, and only then Spark, in a JVM with neither
 * the class cache nor the launcher. Prints one {@code SPARKPATH {...}} line; {@link SparkPath} runs it.
 */
public final class SparkPathRun {

    private static final int PARTITIONS = 3;
    private static final int BATCH_BYTES = 65536;
    private static final long START = ManagementFactory.getRuntimeMXBean().getStartTime();

    private SparkPathRun() {
    }

    /** {@code SparkPathRun startup INTERVAL_MS} (W1) or {@code SparkPathRun throughput SECONDS} (W2). */
    public static void main(String[] args) throws Exception {
        boolean startup = args[0].equals("startup");
        Map<String, Object> report = new LinkedHashMap<>();
        try (TempDir dir = TempDir.create("kafka-spark-spark-path-")) {
            ZooKeeperServer zk = new ZooKeeperServer(dir.path().resolve("zk").toFile(),
                    dir.path().resolve("zk").toFile(), 500);
            NIOServerCnxnFactory factory = new NIOServerCnxnFactory();
            factory.configure(new InetSocketAddress("127.0.0.1", 0), 16);
            factory.startup(zk);
            report.put("zookeeper_ready_ms", sinceStart());
            KafkaConfig config = KafkaConfig.fromProps(brokerConfig(dir.path().resolve("kafka").toFile(),
                    "127.0.0.1:" + factory.getLocalPort()));
            KafkaServer broker = new KafkaServer(config, Time.SYSTEM, scala.Option.apply(null), false);
            broker.startup();
            String bootstrap = "127.0.0.1:" + broker.boundPort(ListenerName.normalised("PLAINTEXT"));
            report.put("broker_ready_ms", sinceStart());
            String topic = "spark-path-" + UUID.randomUUID().toString().substring(0, 8);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            report.put("topic_ready_ms", sinceStart());
            try {
                if (startup) {
                    firstBatch(bootstrap, topic, Long.parseLong(args[1]), report);
                } else {
                    throughput(bootstrap, topic, Long.parseLong(args[1]), report);
                }
            } finally {
                broker.shutdown();
                broker.awaitShutdown();
                factory.shutdown();
                zk.shutdown();
            }
        }
        System.out.println("SPARKPATH " + new ObjectMapper().writeValueAsString(report));
    }

    /** W1: 400 records at 200/s from the moment the topic is there; the first batch with records ends it. */
    private static void firstBatch(String bootstrap, String topic, long intervalMs, Map<String, Object> report)
            throws InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        AtomicLong firstBatchMs = new AtomicLong();
        Thread producer = new Thread(() -> {
            try (KafkaProducer<String, String> p = new KafkaProducer<>(
                    HarnessRun.producerProps(bootstrap, BATCH_BYTES))) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 400 && first.getCount() > 0; i++) {
                    p.send(new ProducerRecord<>(topic, "key-" + (i % 10), "value-" + i));
                    long due = t0 + TimeUnit.MILLISECONDS.toNanos(5L * (i + 1)); // 200 records/s
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime())); // the producer's pace
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spark-path-producer");
        producer.start();
        JavaStreamingContext ssc = streamingContext(intervalMs);
        stream(ssc, bootstrap, topic).foreachRDD(rdd -> {
            if (rdd.count() > 0 && first.getCount() > 0) {
                firstBatchMs.set(sinceStart());
                first.countDown();
            }
        });
        ssc.start();
        report.put("spark_ready_ms", sinceStart());
        boolean done = first.await(120, TimeUnit.SECONDS);
        ssc.stop(true, false);
        producer.join();
        report.put("first_batch_ms", done ? firstBatchMs.get() : -1);
    }

    /** W2: a producer flat out for the duration, each batch counted, until every record is counted. */
    private static void throughput(String bootstrap, String topic, long seconds, Map<String, Object> report)
            throws InterruptedException {
        AtomicLong processed = new AtomicLong();
        AtomicLong lastAt = new AtomicLong();
        JavaStreamingContext ssc = streamingContext(2000);
        stream(ssc, bootstrap, topic).foreachRDD(rdd -> {
            long n = rdd.count();
            if (n > 0) {
                processed.addAndGet(n);
                lastAt.set(System.nanoTime());
            }
        });
        ssc.start();
        report.put("spark_ready_ms", sinceStart());
        Properties config = HarnessRun.producerProps(bootstrap, BATCH_BYTES);
        long produced = 0;
        String value = "x".repeat(100);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(config)) {
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1000; i++, produced++) {
                    p.send(new ProducerRecord<>(topic, "key-" + (produced % 10), value));
                }
            }
            p.flush();
        }
        long producing = System.nanoTime() - start;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (processed.get() < produced && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50); // polling a counter the batches move; bounded by the deadline
        }
        ssc.stop(true, false);
        report.put("produced", produced);
        report.put("processed", processed.get());
        report.put("produced_per_s", Math.round(produced * 1e9 / producing));
        report.put("processed_per_s", Math.round(processed.get() * 1e9 / Math.max(1, lastAt.get() - start)));
    }

    private static JavaStreamingContext streamingContext(long intervalMs) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("spark-path")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1");
        return new JavaStreamingContext(conf, Durations.milliseconds(intervalMs));
    }

    private static org.apache.spark.streaming.api.java.JavaInputDStream<
            org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> stream(JavaStreamingContext ssc,
                    String bootstrap, String topic) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        params.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        params.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        params.put(ConsumerConfig.GROUP_ID_CONFIG, "spark-path-" + UUID.randomUUID());
        params.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        params.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return KafkaUtils.createDirectStream(ssc, LocationStrategies.PreferConsistent(),
                ConsumerStrategies.<String, String>Subscribe(new ArrayList<>(List.of(topic)), params));
    }

    /** The broker settings of Spark's {@code KafkaTestUtils.brokerConfiguration}, in Spark 3.5. */
    private static Properties brokerConfig(File logDir, String zookeeper) {
        Properties p = new Properties();
        p.put("broker.id", "0");
        p.put("listeners", "PLAINTEXT://127.0.0.1:0");
        p.put("log.dir", logDir.getAbsolutePath());
        p.put("zookeeper.connect", zookeeper);
        p.put("zookeeper.connection.timeout.ms", "60000");
        p.put("log.flush.interval.messages", "1");
        p.put("replica.socket.timeout.ms", "1500");
        p.put("delete.topic.enable", "true");
        p.put("offsets.topic.num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("group.initial.rebalance.delay.ms", "10");
        return p;
    }

    private static long sinceStart() {
        return System.currentTimeMillis() - START;
    }
}
