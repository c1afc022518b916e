package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.batch.BatchReport;
import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.TopicSpec;
import dev.kafkaspark.internal.cluster.Topics;
import dev.kafkaspark.internal.delivery.BatchStore;
import dev.kafkaspark.internal.delivery.Delivery;
import dev.kafkaspark.internal.delivery.Ledger;
import dev.kafkaspark.internal.demo.DemoResult.StopReason;
import dev.kafkaspark.internal.events.Event;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.harness.Harness;
import dev.kafkaspark.internal.support.Closer;
import dev.kafkaspark.internal.support.Failures;
import dev.kafkaspark.internal.workload.SeqSet;
import dev.kafkaspark.internal.workload.SyntheticProducer;
import dev.kafkaspark.testing.KafkaAuth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one demo: ZooKeeper, one or more brokers, the topic, a synthetic producer and the Spark Streaming job, in
 * this JVM, built on the {@link Harness} that the public {@code KafkaSparkEnvironment} wraps. It narrates each step,
 * prints every batch, runs its {@link Scenario}, stops on request (or after its record count or duration): the
 * producer first, then a catch-up, then every part in reverse start order through one {@link Closer}; and it checks that Spark processed
 * every record the brokers acknowledged exactly once.
 */
public final class Demo {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    /** The application name Spark shows for the demo's job. */
    public static final String APP_NAME = "kafka-spark-demo";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final DemoSettings settings;
    private final Narrator narrator;
    private final Ledger ledger = new Ledger();
    private final AtomicInteger stopRequests = new AtomicInteger();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Closer closer = new Closer();

    // The running parts, set as run() starts them.
    private KafkaCluster cluster;
    private Access.Logins logins;
    private SyntheticProducer producer;
    private volatile Scenario scenario; // read by the live page's buttons
    private final DemoPage page;
    private DemoStream stream; // the job, its store and its series: read from it, never copied
    private long zookeeperReadyMs = -1;
    private long brokerReadyMs = -1;
    private long topicReadyMs = -1;

    /**
     * @param settings what to run
     * @param narrator where the story goes
     */
    public Demo(DemoSettings settings, Narrator narrator) {
        this.settings = settings;
        this.narrator = narrator;
        this.page = new DemoPage(settings, narrator, () -> scenario);
    }

    /**
     * Asks the demo to stop. The first request stops producing and lets Spark catch up; a second one skips that.
     *
     * @return how many stop requests there were so far
     */
    public int requestStop() {
        int n = stopRequests.incrementAndGet();
        stopRequested.countDown();
        return n;
    }

    /** The ledger of processed records (for tests and tools). */
    public Ledger ledger() {
        return ledger;
    }

    /**
     * Serves the live page, if the settings ask for it, and says where: before anything else starts, so a browser
     * opened early shows what the demo waits for. {@link #run} opens it when this was not called.
     *
     * @throws IllegalArgumentException when a port the user named for it is taken
     */
    public void openPage() {
        page.open();
    }

    /** The live page's address (with its token) once {@link #openPage} served it. */
    public Optional<String> pageUrl() {
        return page.url();
    }

    /**
     * Says how the run went: the summary's lines, on the console and the live page; then tells the page the run is
     * over and stops serving it, waiting a moment at most for the open pages to get the end.
     */
    public void publishSummary(DemoResult result) {
        narrator.publish(new Event.Summary(Narrator.sinceStart(), result.summaryLines(settings.output().benchReport())));
        narrator.flush();
        closePage();
    }

    /** Stops serving the live page, after telling the open pages the run is over (also when it failed to start). */
    public void closePage() {
        page.close();
    }

    /**
     * Runs the demo to its end and returns the result. Every part is stopped and every temp directory removed before
     * this returns, whatever happened; a failure before anything ran is thrown.
     */
    public DemoResult run() {
        openPage();
        if (settings.output().benchReport()) {
            Memory.startSampling();
        }
        String failure = null;
        StopReason reason = StopReason.FAILED;
        RuntimeException startFailure = null;
        try {
            startCluster();
            createTopic();
            if (settings.cluster().auth() == KafkaAuth.SCRAM) {
                logins = Access.setUp(cluster, settings.topic().name(), settings.stream().group(), narrator);
            }
            startProducer();
            startStream();
            reason = awaitStop();
        } catch (RuntimeException e) {
            startFailure = e;
            failure = Failures.message(e);
            LOG.error("the demo failed", e);
        }
        // Stop producing first so "produced" is final, then let Spark catch up, then stop in reverse start order.
        SeqSet acked = new SeqSet();
        long lagAtStop = -1;
        long drainMs = -1;
        if (producer != null) {
            producer.stopAndFlush(Duration.ofSeconds(30));
            acked = producer.acknowledgedSet();
            lagAtStop = ledger.missingOf(acked);
            if (stream != null && stream.runner() != null && startFailure == null) {
                long drainStart = System.nanoTime();
                drain(acked);
                drainMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart);
            }
        }
        try {
            closer.close();
        } catch (RuntimeException e) {
            LOG.error("a component did not stop cleanly", e);
            failure = failure != null ? failure : "a component did not stop cleanly: " + Failures.message(e);
        }
        narrator.flush(); // what was said reaches the console before the caller prints the result
        if (startFailure != null && producer == null) {
            throw startFailure; // Nothing ran: the failure is the whole story, for the caller to report.
        }
        return summarize(reason, acked, failure, lagAtStop, drainMs);
    }

    private void startCluster() {
        DemoCluster.Started started = DemoCluster.start(settings, narrator, closer);
        cluster = started.cluster();
        zookeeperReadyMs = started.metadataReadyMs();
        brokerReadyMs = started.brokersReadyMs();
    }

    private void createTopic() {
        DemoSettings.Topic t = settings.topic();
        // Looking up the group's coordinator makes the broker create its offsets topic now, alongside the topic,
        // instead of when Spark's consumer joins the group.
        cluster.admin().listConsumerGroupOffsets(settings.stream().group());
        Map<String, String> configs = t.replicationFactor() > 1
                ? Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(t.minInsyncReplicas()))
                : Map.of();
        TopicSpec spec = new TopicSpec(t.name(), t.partitions(), (short) t.replicationFactor(), configs);
        Topics.Outcome outcome = Topics.ensure(cluster.admin(), spec, ADMIN_TIMEOUT);
        topicReadyMs = Narrator.sinceStart();
        narrator.step("topic %s %s: %d partition%s, replication factor %d%s", spec.name(),
                outcome == Topics.Outcome.CREATED ? "created" : "already there", spec.partitions(),
                spec.partitions() == 1 ? "" : "s", spec.replicationFactor(), t.replicationFactor() > 1
                        ? ", min.insync.replicas " + t.minInsyncReplicas() : "");
    }

    private void startProducer() {
        DemoSettings.Producer p = settings.producer();
        producer = closer.register(SyntheticProducer.start(new SyntheticProducer.Settings(
                cluster.allBootstrapServers(), settings.topic().name(), p.rate(), p.keys(), p.records(),
                p.valueSize(), logins == null ? Map.of() : logins.producer().clientProperties())));
        SyntheticProducer started = producer;
        closer.register(() -> narrator.stopped("producer", "producer stopped: %d sent, %d acknowledged%s",
                started.sent(), started.acknowledged(), started.failed() > 0 ? ", " + started.failed() + " failed" : ""));
        narrator.started("producer", "", "producer started: %s, %d keys, acks=all, idempotent%s",
                p.flatOut() ? "flat out" : Formats.rate(p.rate()) + " records/s", p.keys(),
                p.records() > 0 ? ", " + p.records() + " records in all" : "");
    }

    private void startStream() {
        // Kept before it starts: what started before a failure is stopped, and judged, as always.
        stream = new DemoStream(settings, narrator, closer, cluster, ledger);
        stream.start(producer, logins);
        scenario = closer.register(new Scenario(new Scenario.Parts(cluster, stream.watcher(), producer,
                stream.runner(), settings), narrator));
        Duration duration = settings.scenario().duration();
        page.sample(closer, cluster, producer, stream);
        narrator.step(settings.producer().records() > 0 ? "running until all records are processed; Ctrl-C stops"
                : duration != null ? "running for " + Formats.duration(duration) + "; Ctrl-C stops"
                        : "running; Ctrl-C stops");
    }

    private StopReason awaitStop() {
        Duration duration = settings.scenario().duration();
        long records = settings.producer().records();
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
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
            if (stream.runner().awaitTermination(1)) {
                throw new IllegalStateException("Spark Streaming stopped on its own");
            }
            if (producer.failure() != null) {
                throw new IllegalStateException("the producer failed: " + Failures.message(producer.failure()),
                        producer.failure());
            }
            if (scenario.failure() != null) {
                throw new IllegalStateException("a scheduled step failed: " + Failures.message(scenario.failure()),
                        scenario.failure());
            }
            if (records > 0 && producer.isDone() && producer.acknowledged() == records && scenario.done()
                    && ledger.covers(producer.acknowledgedSet())) {
                narrator.step("all %d records processed", records);
                return StopReason.RECORDS_DONE;
            }
            if (System.nanoTime() >= deadline) {
                narrator.step("%s elapsed: stopping the producer, then letting Spark catch up",
                        Formats.duration(duration));
                return StopReason.DURATION;
            }
        }
    }

    private void drain(SeqSet acked) {
        if (ledger.covers(acked)) {
            return;
        }
        long left = ledger.missingOf(acked);
        narrator.step("waiting for Spark to process the last %d record%s", left, left == 1 ? "" : "s");
        Duration limit = Duration.ofMillis(Math.max(30_000, 5 * settings.stream().batchInterval().toMillis()));
        long deadline = System.currentTimeMillis() + limit.toMillis();
        try {
            while (System.currentTimeMillis() < deadline && stopRequests.get() < 2) {
                if (ledger.awaitCovers(acked, 200)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        narrator.step(stopRequests.get() >= 2 ? "not waiting any longer for Spark"
                : "Spark did not catch up within %s; stopping anyway", Formats.duration(limit));
    }

    private static long sinceStart(long wallMillis) {
        return wallMillis <= 0 ? -1 : Narrator.sinceStart(wallMillis);
    }

    private DemoResult summarize(StopReason reason, SeqSet acked, String failure, long lagAtStop, long drainMs) {
        BatchStore store = stream == null ? null : stream.store();
        BatchSeries series = stream == null ? null : stream.series();
        Ledger truth = ledger;
        if (store != null) {
            // Exactly-once is judged by what the store holds, not by what the listener happened to see.
            truth = new Ledger();
            for (List<PartitionSummary> batch : store.readAll()) {
                truth.onBatch(new BatchReport(0, batch, 0));
            }
        }
        long firstBatch = ledger.firstRecordsFinishedMillis();
        double producing = 0;
        double processing = 0;
        if (producer != null && producer.lastAckMillis() > 0) {
            producing = (producer.lastAckMillis() - producer.startedAtMillis()) / 1000.0;
            if (ledger.lastRecordsFinishedMillis() > 0) {
                processing = (ledger.lastRecordsFinishedMillis() - producer.startedAtMillis()) / 1000.0;
            }
        }
        long processed = truth.records() - truth.foreign();
        boolean expectedDuplicates = settings.stream().delivery() == Delivery.AT_LEAST_ONCE && scenario != null
                && scenario.streamRestarts() > 0 && truth.duplicates() <= truth.replayed();
        RunMetrics metrics = new RunMetrics(zookeeperReadyMs, brokerReadyMs, topicReadyMs,
                stream == null ? -1 : stream.startedMs(),
                firstBatch < 0 ? -1 : Narrator.sinceStart(firstBatch), sinceStart(producer == null ? 0
                        : producer.firstAckMillis()), sinceStart(ledger.firstBatchTimeMillis()), acked.size(), processed,
                truth.missingOf(acked), truth.duplicates(), producing, processing,
                producing > 0 ? acked.size() / producing : 0, processing > 0 ? processed / processing : 0,
                lagAtStop, drainMs, RunMetrics.Latency.of(ledger.latency()),
                RunMetrics.Latency.of(ledger.steadyLatency()),
                Memory.peakHeapMb(), Memory.peakRssMb(), series == null ? List.of() : series.points());
        return new DemoResult(reason, truth.orderViolations(), truth.keyConflicts(), failure, truth.replayed(),
                expectedDuplicates, store == null ? null : store.dir(), metrics);
    }
}
