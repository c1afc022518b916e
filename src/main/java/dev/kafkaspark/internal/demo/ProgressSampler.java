package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.cluster.Broker;
import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.events.Event;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.Ticker;
import dev.kafkaspark.internal.workload.SyntheticProducer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline once a second, for the live page ({@link Event.Progress}): the producer's counts, the topic's partition
 * table and log-end offsets, the offsets the job has reached, the brokers and the controller. It runs only when the
 * page is on, on its own thread, and asks the brokers the same few questions whatever number of pages is open.
 */
final class ProgressSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressSampler.class);

    private final Narrator narrator;
    private final KafkaCluster cluster;
    private final String topic;
    private final List<TopicPartition> partitions;
    private final SyntheticProducer producer;
    private final Supplier<Optional<Map<TopicPartition, Long>>> reached;
    private Ticker ticker;

    ProgressSampler(Narrator narrator, KafkaCluster cluster, String topic, List<TopicPartition> partitions,
            SyntheticProducer producer, Supplier<Optional<Map<TopicPartition, Long>>> reached) {
        this.narrator = narrator;
        this.cluster = cluster;
        this.topic = topic;
        this.partitions = List.copyOf(partitions);
        this.producer = producer;
        this.reached = reached;
    }

    /** Samples now and then once a second. */
    ProgressSampler start() {
        ticker = Ticker.every(Duration.ofSeconds(1), Duration.ZERO, "progress-sampler", this::sample);
        return this;
    }

    private void sample() {
        try {
            List<Event.PartitionRow> rows = List.of();
            Map<Integer, Long> end = new HashMap<>();
            try {
                rows = PartitionWatcher.describe(cluster.admin(), topic);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                cluster.admin().listOffsets(latest).all().get(2, TimeUnit.SECONDS)
                        .forEach((tp, info) -> end.put(tp.partition(), info.offset()));
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("progress: the brokers did not answer: {}", e.toString());
            }
            Map<Integer, Long> done = reached.get().map(r -> {
                Map<Integer, Long> m = new HashMap<>();
                r.forEach((tp, o) -> m.put(tp.partition(), o));
                return m;
            }).orElse(null);
            List<Event.BrokerState> brokers = cluster.brokers().stream()
                    .map(b -> new Event.BrokerState(b.brokerId(), b.bootstrapServers(), b.isRunning())).toList();
            boolean kraft = cluster.mode() == ClusterMode.KRAFT;
            // The demo's KRaft nodes are brokers and controllers both: every node votes.
            List<Integer> voters = kraft ? cluster.brokers().stream().map(Broker::brokerId).toList() : List.of();
            narrator.publish(new Event.Progress(Narrator.sinceStart(), producer.sent(), producer.acknowledged(),
                    producer.retries(), producer.failed(), rows, end, done, brokers, controller(), kraft, voters));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("progress sample failed: {}", e.toString());
        }
    }

    private int controller() {
        try {
            return cluster.activeController();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.close();
        }
    }
}
