package dev.kafkaspark.app;

import dev.kafkaspark.cluster.EmbeddedBroker;
import dev.kafkaspark.cluster.EmbeddedZooKeeper;
import dev.kafkaspark.cluster.Failures;
import dev.kafkaspark.cluster.Ports;
import dev.kafkaspark.cluster.TopicSpec;
import dev.kafkaspark.cluster.Topics;
import dev.kafkaspark.cluster.ZkKafkaCluster;
import dev.kafkaspark.pipeline.BatchListener;
import dev.kafkaspark.pipeline.BatchReport;
import dev.kafkaspark.pipeline.BatchStore;
import dev.kafkaspark.pipeline.Delivery;
import dev.kafkaspark.pipeline.Ledger;
import dev.kafkaspark.pipeline.LocalSpark;
import dev.kafkaspark.pipeline.PartitionSummary;
import dev.kafkaspark.pipeline.SeqSet;
import dev.kafkaspark.pipeline.StreamingRunner;
import dev.kafkaspark.pipeline.StreamingSettings;
import dev.kafkaspark.pipeline.SyntheticProducer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one demo: ZooKeeper, one or more brokers, the topic, a synthetic producer and the Spark Streaming job, in
 * this JVM. It narrates each step, prints every batch, can stop and restart a broker or the stream on a schedule,
 * stops on request (or after {@code --records} / {@code --duration}) in reverse start order, and checks that Spark
 * processed every record the brokers acknowledged exactly once.
 */
public final class Demo {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** Why the demo stopped. */
    public enum StopReason {
        /** All {@code --records} were processed. */
        RECORDS_DONE,
        /** {@code --duration} elapsed. */
        DURATION,
        /** The user pressed Ctrl-C (or {@link #requestStop()} was called). */
        INTERRUPTED,
        /** A component failed. */
        FAILED
    }

    private final DemoSettings settings;
    private final Narrator narrator;
    private final Ledger ledger = new Ledger();
    private final AtomicInteger stopRequests = new AtomicInteger();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile Result result;

    // The running parts, in start order; set by run().
    private KafkaSparkEnvironment env;
    private ZkKafkaCluster cluster;
    private PartitionWatcher watcher;
    private SyntheticProducer producer;
    private StreamingRunner runner;
    private BatchStore store;
    private LiveStatus liveStatus;
    private final Map<String, Object> metrics = new java.util.LinkedHashMap<>();
    private int killedBroker = -1;
    private int streamRestarts;

    /**
     * @param settings what to run
     * @param narrator where the story goes
     */
    public Demo(DemoSettings settings, Narrator narrator) {
        this.settings = settings;
        this.narrator = narrator;
    }

    /**
     * The outcome of a run.
     *
     * @param reason why it stopped
     * @param produced records the brokers acknowledged
     * @param processed records Spark processed (repeats included)
     * @param missing acknowledged records never processed
     * @param duplicated processings beyond the first
     * @param firstBatchMs JVM start to the end of the first batch with records, or -1
     * @param orderViolations records out of order within a partition (replays aside)
     * @param keyConflicts keys seen in more than one partition
     * @param failure what failed, or {@code null}
     * @param producingSeconds producer start to its last acknowledgement
     * @param processingSeconds producer start to the end of the last batch with records
     * @param replayed records read again after a stream restart
     * @param expectedDuplicates whether repeats are what the delivery mode allows (at-least-once after a restart)
     * @param storeDir the exactly-once store, or {@code null}
     * @param metrics the run's measurements by name (times in ms since JVM start), for {@code bench}
     */
    public record Result(StopReason reason, long produced, long processed, long missing, long duplicated,
            long firstBatchMs, long orderViolations, long keyConflicts, String failure, double producingSeconds,
            double processingSeconds, long replayed, boolean expectedDuplicates, Path storeDir,
            Map<String, Object> metrics) {

        /** Records acknowledged per second, from producer start to the last acknowledgement. */
        public double producedPerSecond() {
            return producingSeconds > 0 ? produced / producingSeconds : 0;
        }

        /** Records processed per second, from producer start to the end of the last batch with records. */
        public double processedPerSecond() {
            return processingSeconds > 0 ? processed / processingSeconds : 0;
        }

        /** A line on throughput, for people. */
        public String throughputLine() {
            return String.format(Locale.ROOT, "throughput: %,d records produced in %.1f s (%,.0f/s); processed by"
                    + " Spark in %.1f s (%,.0f/s)", produced, producingSeconds, producedPerSecond(),
                    processingSeconds, processedPerSecond());
        }

        /** The final line: {@code SUMMARY produced=.. processed=.. missing=.. duplicated=.. first-batch-ms=..}. */
        public String summaryLine() {
            return String.format(Locale.ROOT, "SUMMARY produced=%d processed=%d missing=%d duplicated=%d"
                    + " first-batch-ms=%d", produced, processed, missing, duplicated, firstBatchMs);
        }

        /**
         * Whether the run kept its promise: nothing missing, nothing failed, order and keys kept, and no repeats
         * beyond what the delivery mode allows.
         */
        public boolean clean() {
            return missing == 0 && (duplicated == 0 || expectedDuplicates) && orderViolations == 0
                    && keyConflicts == 0 && failure == null;
        }
    }

    /**
     * Asks the demo to stop. The first request stops producing and drains; a second one skips the drain.
     *
     * @return how many stop requests there were so far
     */
    public int requestStop() {
        int n = stopRequests.incrementAndGet();
        stopRequested.countDown();
        return n;
    }

    /** The result, once {@link #run()} has returned. */
    public Result result() {
        return result;
    }

    /** The ledger of processed records (for tests and tools). */
    public Ledger ledger() {
        return ledger;
    }

    /**
     * Runs the demo to its end and returns the result. Every component is stopped and every temp directory is removed
     * before this returns, whatever happened.
     */
    public Result run() {
        if (settings.benchReport()) {
            Memory.startSampling();
        }
        String failure = null;
        StopReason reason = StopReason.FAILED;
        RuntimeException startFailure = null;
        try {
            Ports.Choice zkPort = Ports.choose("ZooKeeper", settings.zkPort().port(), settings.zkPort().request());
            Ports.Choice kafkaPort = Ports.choose("Kafka", settings.kafkaPort().port(),
                    settings.kafkaPort().request());
            startCluster(zkPort, kafkaPort);
            createTopic();
            startProducer();
            runner = StreamingRunner.prepare(new StreamingSettings(settings.master(), "kafka-spark-demo",
                    settings.batchInterval(), settings.topic(), settings.group(), settings.ui(), 4040, settings.show(),
                    Map.of(), Map.of()));
            startStream();
            reason = awaitStop();
        } catch (RuntimeException e) {
            startFailure = e;
            failure = Failures.message(e);
            LOG.error("the demo failed", e);
        }

        // Stop producing first so "produced" is final, then drain, then stop in reverse start order.
        SeqSet acked = new SeqSet();
        if (producer != null) {
            producer.stopAndFlush(Duration.ofSeconds(30));
            acked = producer.acknowledgedSet();
            metrics.put("lag_at_stop", ledger.missingOf(acked));
        }
        if (producer != null && runner != null && startFailure == null && reason != StopReason.FAILED) {
            long drainStart = System.nanoTime();
            drain(acked);
            metrics.put("drain_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart));
        }
        failure = stopAll(failure);

        result = summarize(reason, acked, failure);
        if (startFailure != null && producer == null) {
            // Nothing ran: the failure is the whole story, for the caller to report.
            throw startFailure;
        }
        return result;
    }

    private void startCluster(Ports.Choice zkPort, Ports.Choice kafkaPort) {
        // The environment starts Spark's context in the background (it takes the longest and needs no Kafka) while
        // ZooKeeper and the brokers start; a Spark master elsewhere gets its context from the streaming runner.
        KafkaSparkEnvironment.Builder builder = KafkaSparkEnvironment.builder().zookeeperPort(zkPort.port())
                .brokerPort(kafkaPort.port()).brokers(settings.brokers());
        if (settings.master().startsWith("local")) {
            builder.spark(new LocalSpark.Settings(settings.master(), "kafka-spark-demo", settings.ui(), 4040,
                    Map.of()));
        } else {
            builder.spark(false);
        }
        env = builder.start();
        metrics.put("broker_ready_ms", Narrator.sinceStart());
        cluster = env.cluster();
        EmbeddedZooKeeper zk = cluster.zookeeper();
        metrics.put("zookeeper_ready_ms", Narrator.sinceStart(zk.startedAtMillis()));
        if (zkPort.fellBack()) {
            narrator.step("port %d is taken: ZooKeeper uses %d instead", settings.zkPort().port(), zk.port());
        }
        narrator.step("ZooKeeper started at %s", zk.connectString());
        if (kafkaPort.fellBack()) {
            narrator.step("port %d is taken: the first Kafka broker uses %d instead", settings.kafkaPort().port(),
                    cluster.brokers().get(0).port());
        }
        for (EmbeddedBroker broker : cluster.brokers()) {
            narrator.step("Kafka broker %d started at %s", broker.brokerId(), broker.bootstrapServers());
        }
    }

    private void createTopic() {
        // Looking up the group's coordinator makes the broker create its offsets topic now, alongside the topic,
        // instead of when Spark's consumer joins the group.
        cluster.admin().listConsumerGroupOffsets(settings.group());
        Map<String, String> configs = settings.replicationFactor() > 1
                ? Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(settings.minInsyncReplicas()))
                : Map.of();
        TopicSpec spec = new TopicSpec(settings.topic(), settings.partitions(),
                (short) settings.replicationFactor(), configs);
        Topics.Outcome outcome = Topics.ensure(cluster.admin(), spec, ADMIN_TIMEOUT);
        metrics.put("topic_ready_ms", Narrator.sinceStart());
        narrator.step("topic %s %s: %d partition%s, replication factor %d%s", spec.name(),
                outcome == Topics.Outcome.CREATED ? "created" : "already there", spec.partitions(),
                spec.partitions() == 1 ? "" : "s", spec.replicationFactor(), settings.replicationFactor() > 1
                        ? ", min.insync.replicas " + settings.minInsyncReplicas() : "");
        if (settings.brokers() > 1) {
            watcher = new PartitionWatcher(cluster.admin(), settings.topic(), narrator);
            watcher.start();
        }
    }

    private void startProducer() {
        producer = SyntheticProducer.start(new SyntheticProducer.Settings(cluster.allBootstrapServers(),
                settings.topic(), settings.rate(), settings.keys(), settings.records(), settings.valueSize(),
                Map.of()));
        narrator.step("producer started: %s, %d keys, acks=all, idempotent%s", settings.flatOut() ? "flat out"
                : formatRate(settings.rate()) + " records/s", settings.keys(),
                settings.records() > 0 ? ", " + settings.records() + " records in all" : "");
    }

    private void startStream() {
        BatchListener printer = settings.quietBatches() ? report -> { } : new BatchPrinter(narrator, settings.show());
        if (settings.delivery() == Delivery.EXACTLY_ONCE) {
            Path dir = settings.storeDir() != null ? settings.storeDir()
                    : Path.of("logs", "exactly-once-" + settings.topic() + "-"
                            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            store = new BatchStore(dir);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < settings.partitions(); p++) {
            partitions.add(new TopicPartition(settings.topic(), p));
        }
        liveStatus = new LiveStatus(narrator, cluster.admin(), partitions, producer, ledger,
                store != null ? () -> ledger.reachedOffsets(settings.topic()) : this::committedByPartition,
                settings.batchInterval().toMillis());
        runner.onBatchTiming(liveStatus::onBatch);
        runner.start(cluster.allBootstrapServers(), report -> {
            ledger.onBatch(report);
            printer.onBatch(report);
        }, store);
        metrics.put("spark_ready_ms", Narrator.sinceStart());
        narrator.step("Spark Streaming started: master %s, batch interval %s, group %s, %s", settings.master(),
                formatDuration(settings.batchInterval()), settings.group(), settings.delivery().label());
        if (store != null) {
            narrator.step("exactly-once: each batch's output and offsets go to %s in one atomic step", store.dir());
        }
        runner.uiUrl().ifPresent(url -> narrator.step("Spark UI at %s (the Streaming tab charts every batch)", url));
        narrator.step(settings.records() > 0 ? "running until all records are processed; Ctrl-C stops"
                : settings.duration() != null ? "running for " + formatDuration(settings.duration())
                        + "; Ctrl-C stops" : "running; Ctrl-C stops");
    }

    private StopReason awaitStop() {
        long start = System.nanoTime();
        long deadline = settings.duration() == null ? Long.MAX_VALUE : start + settings.duration().toNanos();
        List<Action> actions = new ArrayList<>();
        if (settings.killBrokerAfter() != null) {
            actions.add(new Action(start + settings.killBrokerAfter().toNanos(), this::killBroker));
        }
        if (settings.restartBrokerAfter() != null) {
            actions.add(new Action(start + settings.restartBrokerAfter().toNanos(), this::restartBroker));
        }
        if (settings.restartStreamAfter() != null) {
            actions.add(new Action(start + settings.restartStreamAfter().toNanos(), this::restartStream));
        }
        while (true) {
            try {
                if (stopRequested.await(100, TimeUnit.MILLISECONDS)) {
                    narrator.step("stop requested: stopping the producer, then letting Spark catch up"
                            + " (Ctrl-C again to skip that)");
                    return StopReason.INTERRUPTED;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return StopReason.INTERRUPTED;
            }
            long now = System.nanoTime();
            for (Action a : actions) {
                if (!a.done && now >= a.atNanos) {
                    a.done = true;
                    a.task.run();
                }
            }
            if (runner.awaitTermination(1)) {
                throw new IllegalStateException("Spark Streaming stopped on its own");
            }
            if (producer.failure() != null) {
                throw new IllegalStateException("the producer failed: " + Failures.message(producer.failure()),
                        producer.failure());
            }
            if (settings.records() > 0 && producer.isDone() && producer.acknowledged() == settings.records()
                    && actions.stream().allMatch(a -> a.done) && ledger.covers(producer.acknowledgedSet())) {
                narrator.step("all %d records processed", settings.records());
                return StopReason.RECORDS_DONE;
            }
            if (System.nanoTime() >= deadline) {
                narrator.step("%s elapsed: stopping the producer, then letting Spark catch up",
                        formatDuration(settings.duration()));
                return StopReason.DURATION;
            }
        }
    }

    /** A scheduled scenario step. */
    private static final class Action {
        final long atNanos;
        final Runnable task;
        boolean done;

        Action(long atNanos, Runnable task) {
            this.atNanos = atNanos;
            this.task = task;
        }
    }

    private void killBroker() {
        List<PartitionWatcher.Row> rows = watcher.current();
        int victim = PartitionWatcher.busiestLeader(rows);
        long led = rows.stream().filter(r -> r.leader() == victim).count();
        long retriesBefore = producer.retries();
        narrator.step("stopping broker %d, the leader of %d partition%s", victim, led, led == 1 ? "" : "s");
        long t0 = System.nanoTime();
        cluster.broker(victim).stop();
        killedBroker = victim;
        long stoppedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        boolean moved = watcher.awaitTable(table -> table.stream().allMatch(r -> r.leader() >= 0
                && r.leader() != victim && !r.isr().contains(victim)), 30_000);
        long movedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        narrator.step(moved ? "broker %d is down (stopped in %d ms); every partition has a leader on a live broker"
                + " %d ms after the stop began" : "broker %d is down (stopped in %d ms); after %d ms some partition"
                + " still has no live leader", victim, stoppedMs, movedMs);
        narrator.step("the producer retried %d send%s meanwhile (acks=all keeps waiting for min.insync.replicas=%d);"
                + " Spark carries on", producer.retries() - retriesBefore,
                producer.retries() - retriesBefore == 1 ? "" : "s", settings.minInsyncReplicas());
    }

    private void restartBroker() {
        if (killedBroker < 0) {
            return;
        }
        int broker = killedBroker;
        narrator.step("starting broker %d again, with the data it had", broker);
        long t0 = System.nanoTime();
        cluster.broker(broker).restart();
        killedBroker = -1;
        narrator.step("broker %d is back at %s after %d ms; it catches up from the leaders", broker,
                cluster.broker(broker).bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        boolean inSync = watcher.awaitTable(table -> table.stream()
                .filter(r -> r.replicas().contains(broker)).allMatch(r -> r.isr().contains(broker)), 60_000);
        narrator.step(inSync ? "broker %d is back in the in-sync replicas of all its partitions (%d ms after the"
                + " restart began)" : "broker %d has not rejoined every in-sync set after %d ms", broker,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private void restartStream() {
        narrator.step("stopping the streaming job mid-run (no graceful finish, as in a crash)");
        Map<TopicPartition, Long> from = runner.restartStream();
        streamRestarts++;
        if (store != null) {
            narrator.step("a new streaming job started; exactly-once, it resumes from the store's offsets: %s",
                    formatOffsets(from));
        } else {
            narrator.step("a new streaming job started; at-least-once, it resumes from the group's committed"
                    + " offsets: %s", formatOffsets(committedOffsets()));
            narrator.step("batches processed after the last commit will be processed again: at-least-once means"
                    + " nothing is lost, but repeats are possible");
        }
    }

    private Map<TopicPartition, Long> committedOffsets() {
        try {
            Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
            cluster.admin().listConsumerGroupOffsets(settings.group()).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).forEach((tp, om) -> offsets.put(tp, om.offset()));
            return offsets;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("could not read the committed offsets", e);
            return Map.of();
        }
    }

    private Map<Integer, Long> committedByPartition() {
        Map<Integer, Long> byPartition = new java.util.HashMap<>();
        committedOffsets().forEach((tp, offset) -> byPartition.put(tp.partition(), offset));
        return byPartition;
    }

    private static String formatOffsets(Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return "(none yet: from the beginning)";
        }
        return offsets.entrySet().stream().sorted(Map.Entry.comparingByKey(
                java.util.Comparator.comparing(TopicPartition::partition)))
                .map(e -> "p" + e.getKey().partition() + "@" + e.getValue()).collect(Collectors.joining(" "));
    }

    private void drain(SeqSet acked) {
        if (ledger.covers(acked)) {
            return;
        }
        long left = ledger.missingOf(acked);
        narrator.step("waiting for Spark to process the last %d record%s", left, left == 1 ? "" : "s");
        long timeout = Math.max(30_000, 5 * settings.batchInterval().toMillis());
        long deadline = System.currentTimeMillis() + timeout;
        try {
            while (System.currentTimeMillis() < deadline && stopRequests.get() < 2) {
                if (ledger.awaitCovers(acked, 200)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopRequests.get() >= 2) {
            narrator.step("not waiting any longer for Spark");
        }
    }

    private String stopAll(String failure) {
        List<Stop> stops = new ArrayList<>();
        if (liveStatus != null) {
            stops.add(new Stop(liveStatus::close, () -> null));
        }
        if (runner != null) {
            stops.add(new Stop(runner::close, () -> "Spark Streaming stopped (the running batch was finished first)"));
        }
        if (producer != null) {
            stops.add(new Stop(producer::close, () -> String.format(Locale.ROOT,
                    "producer stopped: %d sent, %d acknowledged%s", producer.sent(), producer.acknowledged(),
                    producer.failed() > 0 ? ", " + producer.failed() + " failed" : "")));
        }
        if (watcher != null) {
            stops.add(new Stop(watcher::close, () -> null));
        }
        if (env != null) {
            stops.add(new Stop(env::close, () -> (settings.brokers() == 1 ? "Kafka broker" : "Kafka brokers")
                    + " and ZooKeeper stopped; temp directories removed"));
        }
        for (Stop stop : stops) {
            try {
                stop.action().close();
                String message = stop.message().get();
                if (message != null) {
                    narrator.step("%s", message);
                }
            } catch (Exception e) {
                LOG.error("a component did not stop cleanly", e);
                if (failure == null) {
                    failure = "a component did not stop cleanly: " + Failures.message(e);
                }
            }
        }
        return failure;
    }

    /** One step of the shutdown, with what to say once it is done ({@code null}: nothing). */
    private record Stop(AutoCloseable action, java.util.function.Supplier<String> message) {
    }

    private Result summarize(StopReason reason, SeqSet acked, String failure) {
        Ledger truth = ledger;
        if (store != null) {
            // Exactly-once is judged by what the store holds, not by what the listener happened to see.
            truth = new Ledger();
            for (List<PartitionSummary> batch : store.readAll()) {
                truth.onBatch(new BatchReport(0, batch, 0));
            }
        }
        long missing = truth.missingOf(acked);
        long firstBatch = ledger.firstRecordsFinishedMillis();
        double producing = 0;
        double processing = 0;
        if (producer != null && producer.lastAckMillis() > 0) {
            producing = (producer.lastAckMillis() - producer.startedAtMillis()) / 1000.0;
            if (ledger.lastRecordsFinishedMillis() > 0) {
                processing = (ledger.lastRecordsFinishedMillis() - producer.startedAtMillis()) / 1000.0;
            }
        }
        boolean expectedDuplicates = settings.delivery() == Delivery.AT_LEAST_ONCE && streamRestarts > 0
                && truth.duplicates() <= truth.replayed();
        metrics.put("first_batch_ms", firstBatch < 0 ? -1 : Narrator.sinceStart(firstBatch));
        metrics.put("produced", acked.size());
        metrics.put("processed", truth.records() - truth.foreign());
        metrics.put("missing", missing);
        metrics.put("duplicated", truth.duplicates());
        metrics.put("producing_s", producing);
        metrics.put("processing_s", processing);
        metrics.put("produced_per_s", producing > 0 ? acked.size() / producing : 0);
        metrics.put("processed_per_s", processing > 0 ? (truth.records() - truth.foreign()) / processing : 0);
        org.HdrHistogram.Histogram latency = ledger.latency();
        Map<String, Object> lat = new java.util.LinkedHashMap<>();
        lat.put("count", latency.getTotalCount());
        lat.put("p50", latency.getValueAtPercentile(50));
        lat.put("p95", latency.getValueAtPercentile(95));
        lat.put("p99", latency.getValueAtPercentile(99));
        lat.put("max", latency.getMaxValue());
        metrics.put("latency_ms", lat);
        metrics.put("peak_heap_mb", Memory.peakHeapMb());
        metrics.put("peak_rss_mb", Memory.peakRssMb());
        return new Result(reason, acked.size(), truth.records() - truth.foreign(), missing, truth.duplicates(),
                firstBatch < 0 ? -1 : Narrator.sinceStart(firstBatch), truth.orderViolations(), truth.keyConflicts(),
                failure, producing, processing, truth.replayed(), expectedDuplicates,
                store == null ? null : store.dir(),
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics)));
    }


    static String formatRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.2f", rate);
    }

    /** A duration as a person would write it: 500ms, 2s, 1m30s. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000 || ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s < 60 || s % 60 != 0) {
            return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
        }
        return (s / 60) + "m";
    }
}
