package dev.kafkaspark.internal.bench;

import dev.kafkaspark.internal.demo.Memory;
import dev.kafkaspark.internal.workload.SyntheticProducer;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The limit on this machine (workload W3): the same broker and topic as the demo, no Spark. One producer flat out with
 * the demo's settings for a set time, then one plain consumer reading everything back.
 */
public final class BrokerLimit {

    private BrokerLimit() {
    }

    /** Reads every record of the topic from the beginning with a new consumer; returns records per second. */
    private static double readAll(String bootstrap, int partitions, long expected,
            Class<? extends Deserializer<?>> deserializer) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, deserializer.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, deserializer.getName());
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        long consumed = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<Object, Object> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition("limit", i));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (consumed < expected && System.nanoTime() < deadline) {
                consumed += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return consumed / ((System.nanoTime() - start) / 1e9);
    }

    /** Runs the workload and returns its measurements. */
    public static Map<String, Object> run(Duration duration, int valueSize, int partitions) {
        Memory.startSampling();
        Map<String, Object> m = new LinkedHashMap<>();
        try (KafkaSparkEnvironment env = KafkaSparkEnvironment.builder().spark(false).topic("limit", partitions)
                .start()) {
            SyntheticProducer producer = SyntheticProducer.start(new SyntheticProducer.Settings(
                    env.bootstrapServers(), "limit", 0, 10, -1, valueSize, Map.of()));
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(Math.min(end - System.nanoTime(), 100_000_000L));
            }
            producer.close();
            long produced = producer.acknowledged();
            double producing = (producer.lastAckMillis() - producer.startedAtMillis()) / 1000.0;
            m.put("produced", produced);
            m.put("producing_s", producing);
            m.put("produced_per_s", produced / producing);

            // What no pipeline can avoid: the broker handing out the records to a plain consumer that keeps the
            // bytes; then the same with strings, as a job that reads values pays for them.
            double bytesRate = readAll(env.bootstrapServers(), partitions, produced, ByteArrayDeserializer.class);
            m.put("consumed_per_s", bytesRate);
            m.put("consumed_string_per_s", readAll(env.bootstrapServers(), partitions, produced,
                    StringDeserializer.class));
            // Producing and consuming on the same cores: each record costs both, so their times add up.
            double p = produced / producing;
            m.put("model_both_per_s", 1 / (1 / p + 1 / bytesRate));
        }
        m.put("peak_heap_mb", Memory.peakHeapMb());
        m.put("peak_rss_mb", Memory.peakRssMb());
        return m;
    }
}
