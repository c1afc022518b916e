package dev.kafkaspark.internal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkaspark.internal.support.RuntimeCheck;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * One run of the harness as a user's test uses it, in a fresh JVM on one line's class path (the library jar and its
 * dependencies, nothing of the demo): the environment's start-up (broker and Spark context ready), then W2 through
 * the harness (a producer flat out for the duration, a direct stream counting every batch, until it has them all).
 * Prints one {@code HARNESS {...}} line; {@link HarnessLines} runs it for each line and reads it back.
 */
public final class HarnessRun {

    private static final int PARTITIONS = 3;
    private static final int VALUE_BYTES = 100;

    private HarnessRun() {
    }

    /** {@code HarnessRun SECONDS}: the W2 duration. */
    public static void main(String[] args) throws Exception {
        Duration produceFor = Duration.ofSeconds(Long.parseLong(args[0]));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("spark", RuntimeCheck.builtWith("spark.version"));
        report.put("scala", RuntimeCheck.builtWith("scala.binary.version"));
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.nanoTime();
        report.put("jvmToCallMs", System.currentTimeMillis() - jvmStart);
        try (KafkaSparkEnvironment env = KafkaSparkEnvironment.builder().start()) {
            report.put("brokerReadyMs", millisSince(t0));
            env.sparkContext();
            report.put("sparkReadyMs", millisSince(t0));
            throughput(env, produceFor, report);
        }
        report.put("closedMs", millisSince(t0));
        System.out.println("HARNESS " + new ObjectMapper().writeValueAsString(report));
    }

    private static void throughput(KafkaSparkEnvironment env, Duration produceFor, Map<String, Object> report)
            throws InterruptedException {
        String topic = "w2-" + UUID.randomUUID().toString().substring(0, 8);
        env.createTopic(topic, PARTITIONS);
        AtomicLong processed = new AtomicLong();
        AtomicLong lastProcessedAt = new AtomicLong();
        JavaStreamingContext ssc = env.streamingContext(Duration.ofSeconds(1));
        env.directStream(ssc, topic, "w2-" + UUID.randomUUID()).foreachRDD(rdd -> {
            long n = rdd.count();
            if (n > 0) {
                processed.addAndGet(n);
                lastProcessedAt.set(System.nanoTime());
            }
        });
        ssc.start();
        long produced = 0;
        long start = System.nanoTime();
        long end = start + produceFor.toNanos();
        String padding = "x".repeat(VALUE_BYTES - 12);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                producerProps(env.bootstrapServers(), 256 * 1024))) {
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1000; i++) {
                    producer.send(new ProducerRecord<>(topic, null, String.format("%012d", produced++) + padding));
                }
            }
            producer.flush();
        }
        long produceNanos = System.nanoTime() - start;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (processed.get() < produced && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50); // polling a counter the stream's batches move; bounded by the deadline
        }
        ssc.stop(false, false);
        report.put("records", produced);
        report.put("processed", processed.get());
        report.put("producedPerSec", Math.round(produced * 1e9 / produceNanos));
        report.put("processedPerSec", Math.round(processed.get() * 1e9 / Math.max(1, lastProcessedAt.get() - start)));
    }

    /**
     * The workloads' producer (docs/performance.md): acks=all, idempotent, linger 5 ms, string keys and values, with
     * the given batch size. Spark's path ({@link SparkPathRun}) sends with the same.
     */
    static Properties producerProps(String bootstrap, int batchBytes) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(batchBytes));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
