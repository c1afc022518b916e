package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.batch.BatchListener;
import dev.kafkaspark.internal.cluster.Broker;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.delivery.BatchStore;
import dev.kafkaspark.internal.delivery.Delivery;
import dev.kafkaspark.internal.delivery.Guarantee;
import dev.kafkaspark.internal.delivery.Ledger;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.stream.StreamEngine;
import dev.kafkaspark.internal.stream.StreamingSettings;
import dev.kafkaspark.internal.support.Closer;
import dev.kafkaspark.internal.workload.SyntheticProducer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * The demo's streaming part: the partition watcher (with several brokers), the job of the chosen engine and
 * guarantee, the live status line, and what each batch feeds (the ledger, the series, the console), said step by step.
 */
final class DemoStream {

    private final DemoSettings settings;
    private final Narrator narrator;
    private final Closer closer;
    private final KafkaCluster cluster;
    private final Ledger ledger;
    private PartitionWatcher watcher;
    private StreamEngine runner;
    private BatchStore store;
    private BatchSeries series;
    private long startedMs = -1;
    private Supplier<Optional<Map<TopicPartition, Long>>> reached = Optional::empty;
    private final List<TopicPartition> partitions = new ArrayList<>();

    DemoStream(DemoSettings settings, Narrator narrator, Closer closer, KafkaCluster cluster, Ledger ledger) {
        this.settings = settings;
        this.narrator = narrator;
        this.closer = closer;
        this.cluster = cluster;
        this.ledger = ledger;
    }

    /** Starts the job; what it made so far stays readable when the start fails half-way. */
    void start(SyntheticProducer producer, Access.Logins logins) {
        DemoSettings.Stream s = settings.stream();
        String topic = settings.topic().name();
        if (settings.cluster().brokers() > 1) {
            watcher = closer.register(new PartitionWatcher(cluster.admin(), topic, narrator,
                    () -> cluster.brokers().stream().filter(b -> !b.isRunning()).map(Broker::brokerId)
                            .collect(java.util.stream.Collectors.toSet())));
            watcher.start();
        }
        boolean inCheckpoint = s.engine().offsetsInCheckpoint();
        runner = s.engine().prepare(new StreamingSettings(s.master(), Demo.APP_NAME, s.batchInterval(), topic,
                s.group(), s.ui(), 4040, settings.output().show(),
                logins == null ? Map.of() : logins.spark().clientProperties(), Map.of(), s.checkpoint()));
        StreamEngine started = runner;
        closer.register(() -> {
            started.close();
            narrator.stopped("stream", "%s stopped (the running batch was finished first)%s", s.engine().title(),
                    started.checkpoint().map(dir -> started.checkpointIsTemporary() ? "; its checkpoint was removed"
                            : "; its checkpoint is kept at " + dir).orElse(""));
        });
        Guarantee guarantee = new Guarantee.AtLeastOnce();
        if (s.delivery() == Delivery.EXACTLY_ONCE) {
            store = new BatchStore(s.storeDir() != null ? s.storeDir() : Path.of("logs", "exactly-once-" + topic + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
            guarantee = new Guarantee.ExactlyOnce(store);
        }
        for (int p = 0; p < settings.topic().partitions(); p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        reached = store != null || inCheckpoint ? () -> Optional.of(ledger.reachedOffsets())
                : () -> GroupOffsets.committed(cluster.admin(), s.group());
        LiveStatus status = closer.register(new LiveStatus(narrator, cluster.admin(), partitions, producer, ledger,
                reached, s.batchInterval().toMillis()));
        runner.onBatchTiming(status::onBatch);
        BatchListener printer = new BatchPrinter(narrator, settings.output().show(),
                settings.output().quietBatches());
        BatchSeries batches = new BatchSeries(producer);
        series = batches;
        runner.firstBatchWhen(() -> producer.acknowledged() > 0);
        runner.start(cluster.allBootstrapServers(), report -> {
            ledger.onBatch(report);
            batches.onBatch(report);
            printer.onBatch(report);
        }, guarantee);
        startedMs = Narrator.sinceStart();
        if (inCheckpoint) {
            narrator.started("stream", "", "Structured Streaming query started: master %s, trigger every %s, %s",
                    s.master(), Formats.duration(s.batchInterval()), s.delivery().label());
            narrator.step("a query over the topic as an unbounded table: its offsets are kept in its checkpoint (%s),"
                    + " not committed to a consumer group", runner.checkpointIsTemporary() ? "a temp directory"
                            : runner.checkpoint().orElseThrow());
            if (store != null) {
                narrator.step("exactly-once: each micro-batch's output goes to %s as the file of its batch id, so a"
                        + " batch run again after a restart replaces its file", store.dir());
            }
        } else {
            narrator.started("stream", "", "Spark Streaming started: master %s, batch interval %s, group %s, %s",
                    s.master(), Formats.duration(s.batchInterval()), s.group(), s.delivery().label());
            if (store != null) {
                narrator.step("exactly-once: each batch's output and offsets go to %s in one atomic step",
                        store.dir());
            }
        }
        runner.uiUrl().ifPresent(url -> narrator.step("Spark UI at %s (the %s tab charts every batch)", url,
                s.engine().uiTab()));
    }

    /** The offsets the job has reached per partition (committed to the group, or its own); empty when unknown. */
    Supplier<Optional<Map<TopicPartition, Long>>> reached() {
        return reached;
    }

    /** The topic's partitions. */
    List<TopicPartition> partitions() {
        return partitions;
    }

    PartitionWatcher watcher() {
        return watcher;
    }

    StreamEngine runner() {
        return runner;
    }

    BatchStore store() {
        return store;
    }

    BatchSeries series() {
        return series;
    }

    /** When the job started (ms since the program started); -1 before. */
    long startedMs() {
        return startedMs;
    }
}
