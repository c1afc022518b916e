package dev.kafkaspark.bench;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.app.Memory;
import dev.kafkaspark.pipeline.SyntheticProducer;
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

/**
 * The limit on this machine (workload W3): the same broker and topic as the demo, no Spark. One producer flat out with
 * the demo's settings for a set time, then one plain consumer reading everything back.
 */
public final class BrokerLimit {

    private BrokerLimit() {
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

            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
            long consumed = 0;
            long start = System.nanoTime();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
                List<TopicPartition> tps = new ArrayList<>();
                for (int i = 0; i < partitions; i++) {
                    tps.add(new TopicPartition("limit", i));
                }
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (consumed < produced && System.nanoTime() < deadline) {
                    consumed += consumer.poll(Duration.ofMillis(200)).count();
                }
            }
            double consuming = (System.nanoTime() - start) / 1e9;
            m.put("consumed", consumed);
            m.put("consuming_s", consuming);
            m.put("consumed_per_s", consumed / consuming);
        }
        m.put("peak_heap_mb", Memory.peakHeapMb());
        m.put("peak_rss_mb", Memory.peakRssMb());
        return m;
    }
}
