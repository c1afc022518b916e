package dev.kafkaspark.app;

import dev.kafkaspark.cluster.EmbeddedBroker;
import dev.kafkaspark.cluster.EmbeddedZooKeeper;
import dev.kafkaspark.cluster.Ports;
import dev.kafkaspark.cluster.TopicSpec;
import dev.kafkaspark.cluster.Topics;
import dev.kafkaspark.cluster.ZkKafkaCluster;
import dev.kafkaspark.pipeline.BatchReport;
import dev.kafkaspark.pipeline.Ledger;
import dev.kafkaspark.pipeline.SeqSet;
import dev.kafkaspark.pipeline.StreamingRunner;
import dev.kafkaspark.pipeline.StreamingSettings;
import dev.kafkaspark.pipeline.SyntheticProducer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The all-in-one demo: ZooKeeper, a broker, the topic, a synthetic producer and the Spark Streaming job, in this JVM.
 * It narrates each step, prints every batch, stops on request (or after {@code --records} / {@code --duration}) in
 * reverse start order, and checks that Spark processed every record the broker acknowledged exactly once.
 */
public final class Demo {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

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

    /**
     * @param settings what to run
     * @param narrator where the story goes
     */
    public Demo(DemoSettings settings, Narrator narrator) {
        this.settings = settings;
        this.narrator = narrator;
    }

    /** The outcome of a run. */
    public record Result(StopReason reason, long produced, long processed, long missing, long duplicated,
            long firstBatchMs, long orderViolations, long keyConflicts, String failure, double producingSeconds,
            double processingSeconds) {

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

        /** Whether every record was processed exactly once, in order, and nothing failed. */
        public boolean clean() {
            return missing == 0 && duplicated == 0 && orderViolations == 0 && keyConflicts == 0 && failure == null;
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
        String failure = null;
        StopReason reason = StopReason.FAILED;
        EmbeddedZooKeeper zk = null;
        ZkKafkaCluster cluster = null;
        SyntheticProducer producer = null;
        StreamingRunner runner = null;
        CompletableFuture<StreamingRunner> sparkInit = null;
        RuntimeException startFailure = null;
        try {
            Ports.Choice zkPort = Ports.choose("ZooKeeper", settings.zkPort().port(), settings.zkPort().request());
            Ports.Choice kafkaPort = Ports.choose("Kafka", settings.kafkaPort().port(),
                    settings.kafkaPort().request());
            // Spark's context takes the longest to create and needs no Kafka: start it now, alongside the rest.
            StreamingSettings streaming = new StreamingSettings(settings.master(), "kafka-spark-demo",
                    settings.batchInterval(), settings.topic(), settings.group(), settings.ui(), 4040, settings.show(),
                    Map.of(), Map.of());
            sparkInit = CompletableFuture.supplyAsync(() -> StreamingRunner.prepare(streaming),
                    runnable -> newThread("spark-init", runnable).start());
            zk = EmbeddedZooKeeper.start(zkPort.port());
            if (zkPort.fellBack()) {
                narrator.step("port %d is taken: ZooKeeper uses %d instead", settings.zkPort().port(), zk.port());
            }
            narrator.step("ZooKeeper started at %s", zk.connectString());

            cluster = ZkKafkaCluster.builder().externalZookeeper(zk.connectString()).brokerPort(kafkaPort.port())
                    .start();
            EmbeddedBroker broker = cluster.brokers().get(0);
            if (kafkaPort.fellBack()) {
                narrator.step("port %d is taken: the Kafka broker uses %d instead", settings.kafkaPort().port(),
                        broker.port());
            }
            narrator.step("Kafka broker %d started at %s", broker.brokerId(), broker.bootstrapServers());

            // Looking up the group's coordinator makes the broker create its offsets topic now, alongside the
            // topic, instead of when Spark's consumer joins the group.
            cluster.admin().listConsumerGroupOffsets(settings.group());
            TopicSpec spec = TopicSpec.of(settings.topic(), settings.partitions(), 1);
            Topics.Outcome outcome = Topics.ensure(cluster.admin(), spec, Duration.ofSeconds(30));
            narrator.step("topic %s %s: %d partition%s, replication factor %d", spec.name(),
                    outcome == Topics.Outcome.CREATED ? "created" : "already there", spec.partitions(),
                    spec.partitions() == 1 ? "" : "s", spec.replicationFactor());

            producer = SyntheticProducer.start(new SyntheticProducer.Settings(cluster.bootstrapServers(),
                    settings.topic(), settings.rate(), settings.keys(), settings.records(), settings.valueSize(),
                    Map.of()));
            narrator.step("producer started: %s, %d keys%s", settings.flatOut() ? "flat out"
                    : formatRate(settings.rate()) + " records/s", settings.keys(),
                    settings.records() > 0 ? ", " + settings.records() + " records in all" : "");

            runner = join(sparkInit);
            BatchPrinter printer = new BatchPrinter(narrator, settings.show());
            runner.start(cluster.bootstrapServers(), report -> onBatch(report, printer));
            narrator.step("Spark Streaming started: master %s, batch interval %s, group %s",
                    settings.master(), formatDuration(settings.batchInterval()), settings.group());
            runner.uiUrl().ifPresent(url -> narrator.step("Spark UI at %s (the Streaming tab charts every batch)",
                    url));
            narrator.step(settings.records() > 0 ? "running until all records are processed; Ctrl-C stops"
                    : settings.duration() != null ? "running for " + formatDuration(settings.duration())
                            + "; Ctrl-C stops" : "running; Ctrl-C stops");

            reason = awaitStop(producer, runner);
        } catch (RuntimeException e) {
            startFailure = e;
            failure = rootMessage(e);
            LOG.error("the demo failed", e);
        }

        // Stop producing first so "produced" is final, then drain, then stop in reverse start order.
        if (producer != null) {
            producer.stopAndFlush(Duration.ofSeconds(30));
        }
        if (producer != null && runner != null && startFailure == null && reason != StopReason.FAILED) {
            drain(producer);
        }
        List<AutoCloseable> stops = new java.util.ArrayList<>();
        if (runner == null && sparkInit != null) {
            StreamingRunner late = sparkInit.handle((r, t) -> r).join();
            if (late != null) {
                runner = late;
            }
        }
        final StreamingRunner finalRunner = runner;
        final SyntheticProducer finalProducer = producer;
        final ZkKafkaCluster finalCluster = cluster;
        final EmbeddedZooKeeper finalZk = zk;
        if (finalRunner != null) {
            stops.add(() -> {
                finalRunner.close();
                narrator.step("Spark Streaming stopped (the running batch was finished first)");
            });
        }
        if (finalProducer != null) {
            stops.add(() -> {
                finalProducer.close();
                narrator.step("producer stopped: %d sent, %d acknowledged%s", finalProducer.sent(),
                        finalProducer.acknowledged(), finalProducer.failed() > 0
                                ? ", " + finalProducer.failed() + " failed" : "");
            });
        }
        if (finalCluster != null) {
            stops.add(() -> {
                finalCluster.close();
                narrator.step("Kafka broker stopped");
            });
        }
        if (finalZk != null) {
            stops.add(() -> {
                finalZk.close();
                narrator.step("ZooKeeper stopped; temp directories removed");
            });
        }
        for (AutoCloseable stop : stops) {
            try {
                stop.close();
            } catch (Exception e) {
                LOG.error("a component did not stop cleanly", e);
                if (failure == null) {
                    failure = "a component did not stop cleanly: " + rootMessage(e);
                }
            }
        }

        result = summarize(reason, producer, failure);
        if (startFailure != null && producer == null) {
            // Nothing ran: the failure is the whole story, for the caller to report.
            throw startFailure;
        }
        return result;
    }

    private void onBatch(BatchReport report, BatchPrinter printer) {
        ledger.onBatch(report);
        printer.onBatch(report);
    }

    private StopReason awaitStop(SyntheticProducer producer, StreamingRunner runner) {
        long deadline = settings.duration() == null ? Long.MAX_VALUE
                : System.nanoTime() + settings.duration().toNanos();
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
            if (runner.awaitTermination(1)) {
                throw new IllegalStateException("Spark Streaming stopped on its own");
            }
            if (producer.failure() != null) {
                throw new IllegalStateException("the producer failed: " + rootMessage(producer.failure()),
                        producer.failure());
            }
            if (settings.records() > 0 && producer.isDone() && producer.acknowledged() == settings.records()
                    && ledger.covers(producer.acknowledgedSet())) {
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

    private void drain(SyntheticProducer producer) {
        SeqSet acked = producer.acknowledgedSet();
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

    private Result summarize(StopReason reason, SyntheticProducer producer, String failure) {
        SeqSet acked = producer == null ? new SeqSet() : producer.acknowledgedSet();
        long missing = ledger.missingOf(acked);
        long firstBatch = ledger.firstRecordsFinishedMillis();
        double producing = 0;
        double processing = 0;
        if (producer != null && producer.lastAckMillis() > 0) {
            producing = (producer.lastAckMillis() - producer.startedAtMillis()) / 1000.0;
            if (ledger.lastRecordsFinishedMillis() > 0) {
                processing = (ledger.lastRecordsFinishedMillis() - producer.startedAtMillis()) / 1000.0;
            }
        }
        return new Result(reason, acked.size(), ledger.records() - ledger.foreign(), missing, ledger.duplicates(),
                firstBatch < 0 ? -1 : Narrator.sinceStart(firstBatch), ledger.orderViolations(),
                ledger.keyConflicts(), failure, producing, processing);
    }

    private static StreamingRunner join(CompletableFuture<StreamingRunner> future) {
        try {
            return future.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Spark did not start: " + rootMessage(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Spark was starting", e);
        }
    }

    private static Thread newThread(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    static String rootMessage(Throwable e) {
        AtomicReference<Throwable> t = new AtomicReference<>(e);
        while (t.get().getCause() != null && t.get().getCause() != t.get()
                && (t.get().getMessage() == null || t.get() instanceof CompletionException
                        || t.get() instanceof ExecutionException)) {
            t.set(t.get().getCause());
        }
        Throwable r = t.get();
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
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
