package dev.kafkaspark.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.internal.batch.BatchReport;
import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.TopicSpec;
import dev.kafkaspark.internal.cluster.Topics;
import dev.kafkaspark.internal.delivery.Checkpoints;
import dev.kafkaspark.internal.delivery.Ledger;
import dev.kafkaspark.internal.stream.structured.StructuredRunner;
import dev.kafkaspark.internal.workload.RecordFormat;
import dev.kafkaspark.internal.workload.SeqSet;
import dev.kafkaspark.internal.workload.SyntheticProducer;
import dev.kafkaspark.testing.KafkaMode;
import dev.kafkaspark.testing.Internals;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real broker, a real producer and a real streaming job of each engine: every record is processed exactly once, each
 * key stays in one partition, order holds within each partition, and the job's record of its progress reaches the end
 * (the group's committed offsets for DStreams, the checkpoint's commit log for Structured Streaming).
 */
@KafkaSparkTest(shared = true)
class PipelineEndToEndTest {

    private static final int RECORDS = 3000;
    private static final int KEYS = 7;
    private static final int PARTITIONS = 3;

    @ParameterizedTest(name = "{0}")
    @EnumSource(StreamEngine.Kind.class)
    void everyRecordExactlyOnceInOrderPerPartition(StreamEngine.Kind engine, KafkaSparkEnvironment env) {
        KafkaCluster cluster = Internals.cluster(env);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "e2e-" + suffix;
        String group = "e2e-group-" + suffix;
        List<BatchReport> reports = Collections.synchronizedList(new ArrayList<>());
        Ledger ledger = new Ledger();
        {
            Topics.ensure(cluster.admin(), TopicSpec.of(topic, PARTITIONS, 1), Duration.ofSeconds(30));
            SeqSet produced;
            Map<TopicPartition, Long> checkpointed = new HashMap<>();
            try (StreamEngine runner = engine.prepare(
                    StreamingSettings.local(topic, Duration.ofMillis(500)).withGroupId(group))) {
                runner.start(cluster.bootstrapServers(), report -> {
                    reports.add(report);
                    ledger.onBatch(report);
                });
                try (SyntheticProducer producer = SyntheticProducer.start(new SyntheticProducer.Settings(
                        cluster.bootstrapServers(), topic, 0, KEYS, RECORDS, 100, Map.of()))) {
                    await("all records acknowledged").atMost(Duration.ofSeconds(60))
                            .until(() -> producer.acknowledged() == RECORDS);
                    produced = producer.acknowledgedSet();
                }
                await("Spark to process every record").atMost(Duration.ofSeconds(60))
                        .until(() -> ledger.covers(produced));
                if (runner instanceof StructuredRunner query) {
                    await("the checkpoint to commit the last micro-batch").atMost(Duration.ofSeconds(10))
                            .until(() -> Checkpoints.committedOffsets(query.checkpoint().orElseThrow()).values().stream()
                                    .mapToLong(Long::longValue).sum() == RECORDS);
                    checkpointed.putAll(Checkpoints.committedOffsets(query.checkpoint().orElseThrow()));
                }
            }

            // Exactly once: every sequence number 0..RECORDS-1 was seen, none twice.
            SeqSet seen = new SeqSet();
            synchronized (reports) {
                reports.forEach(r -> r.partitions().forEach(p -> seen.addAll(p.seqs())));
            }
            assertThat(seen.size()).isEqualTo(RECORDS);
            assertThat(seen.duplicates()).isZero();
            for (long i = 0; i < RECORDS; i++) {
                assertThat(seen.contains(i)).as("seq %d", i).isTrue();
            }

            // Each key in one partition only.
            Map<String, Set<Integer>> partitionsOfKey = new HashMap<>();
            synchronized (reports) {
                reports.forEach(r -> r.partitions().forEach(p -> p.keys().forEach(
                        k -> partitionsOfKey.computeIfAbsent(k, x -> new HashSet<>()).add(p.partition()))));
            }
            assertThat(partitionsOfKey).hasSize(KEYS).allSatisfy((k, ps) -> assertThat(ps).as(k).hasSize(1));

            // Per partition: batches cover contiguous offset ranges, and sequence numbers only go up.
            Map<Integer, Long> nextOffset = new HashMap<>();
            Map<Integer, Long> lastSeq = new HashMap<>();
            synchronized (reports) {
                for (BatchReport r : reports) {
                    for (PartitionSummary p : r.partitions()) {
                        assertThat(p.range().fromOffset()).isEqualTo(nextOffset.getOrDefault(p.partition(), 0L));
                        assertThat(p.count()).isEqualTo(p.range().untilOffset() - p.range().fromOffset());
                        assertThat(p.orderViolations()).isZero();
                        nextOffset.put(p.partition(), p.range().untilOffset());
                        if (p.count() > 0) {
                            assertThat(p.firstSeq()).isGreaterThan(lastSeq.getOrDefault(p.partition(), -1L));
                            lastSeq.put(p.partition(), p.lastSeq());
                        }
                    }
                }
            }

            // Kafka's own view agrees: per partition, sequence numbers rise with offsets, and the group committed
            // offsets up to the end of every partition.
            Map<Integer, List<Long>> kafkaSeqs = readAll(cluster.bootstrapServers(), topic);
            assertThat(kafkaSeqs.values().stream().mapToInt(List::size).sum()).isEqualTo(RECORDS);
            kafkaSeqs.forEach((p, seqs) -> assertThat(seqs).isSorted()
                    .hasSize((int) (long) nextOffset.get(p)));
            if (engine == StreamEngine.Kind.STRUCTURED) {
                for (int p = 0; p < PARTITIONS; p++) {
                    assertThat(checkpointed.get(new TopicPartition(topic, p))).isEqualTo(nextOffset.get(p));
                }
                return; // Structured Streaming commits nothing to the group
            }
            await("offsets committed to the end").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = cluster.admin()
                        .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                for (int p = 0; p < PARTITIONS; p++) {
                    assertThat(committed.get(new TopicPartition(topic, p)).offset())
                            .isEqualTo(nextOffset.get(p));
                }
            });
        }
    }

    /** The same pipeline on Kafka without ZooKeeper: nothing above the cluster layer changes. */
    @Nested
    @KafkaSparkTest(mode = KafkaMode.KRAFT, shared = true)
    class InKraftMode {
        @ParameterizedTest(name = "{0}")
        @EnumSource(StreamEngine.Kind.class)
        void everyRecordExactlyOnceInOrderPerPartition(StreamEngine.Kind engine, KafkaSparkEnvironment env) {
            assertThat(env.mode()).isEqualTo(KafkaMode.KRAFT);
            assertThat(env.cluster().zookeeperConnect()).isEmpty();
            PipelineEndToEndTest.this.everyRecordExactlyOnceInOrderPerPartition(engine, env);
        }
    }

    private static Map<Integer, List<Long>> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<Integer, List<Long>> seqs = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            await("reading the topic back").atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seqs.computeIfAbsent(r.partition(), x -> new ArrayList<>()).add(RecordFormat.parseSeq(r.value()));
                }
                return tps.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return seqs;
    }
}
