package dev.kafkaspark.cli;

import dev.kafkaspark.pipeline.Ledger;
import dev.kafkaspark.pipeline.SeqSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.kafkaspark.app.BatchPrinter;
import dev.kafkaspark.app.Formats;
import dev.kafkaspark.app.Narrator;
import dev.kafkaspark.pipeline.StreamingRunner;
import dev.kafkaspark.pipeline.StreamingSettings;
import dev.kafkaspark.tools.BrokerWatch;
import dev.kafkaspark.tools.Clients;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stream}: the Spark Streaming job alone, against any cluster. */
@Command(name = "stream", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Run the Spark Streaming job alone: read the topic with the kafka-0-10 direct stream and print"
                + " every batch. Step 6 of the walkthrough. Ctrl-C stops (finishing the running batch).", ""})
public final class StreamCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    TopicOption topicOption;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[2]",
            description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--batch-interval", paramLabel = "DURATION", defaultValue = "2s",
            converter = Converters.DurationConverter.class,
            description = "Batch interval, like 500ms or 2s (default: ${DEFAULT-VALUE}).")
    Duration batchInterval;

    @Option(names = "--group", paramLabel = "ID", defaultValue = StreamingSettings.DEFAULT_GROUP,
            description = "Consumer group; the job commits its offsets there (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--no-ui", description = "Do not serve Spark's web UI.")
    boolean noUi;

    @Option(names = "--show", paramLabel = "N", defaultValue = "5",
            description = "Records shown per batch (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration duration;

    @Option(names = "--expect", paramLabel = "N",
            description = "The records of a 'load' of N records (sequence numbers 0 to N-1) are expected: stop once"
                    + " every one was processed (or at Ctrl-C or --duration), say how many were missing or repeated,"
                    + " and exit 1 if any was missing.")
    Long expect;

    @Override
    public Integer call() {
        if (expect != null && expect < 1) {
            throw new UsageException("--expect must be at least 1, not " + expect);
        }
        if (batchInterval.isZero() || batchInterval.isNegative()) {
            throw new UsageException("--batch-interval must be positive");
        }
        if (show < 0) {
            throw new UsageException("--show must not be negative, not " + show);
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new UsageException("--duration must be positive");
        }
        Narrator narrator = new Narrator(spec.commandLine().getOut());
        Launcher.savingNotice().ifPresent(spec.commandLine().getOut()::println);
        String topic = topicOption.topic;
        Clients.requireTopic(cluster.bootstrapServer, topic);
        StreamingSettings settings = new StreamingSettings(master, "kafka-spark-stream", batchInterval, topic, group,
                !noUi, 4040, show, Map.of(), Map.of());
        StreamingRunner runner = StreamingRunner.prepare(settings);
        BrokerWatch brokers = null;
        Ledger ledger = new Ledger();
        SeqSet expected = new SeqSet();
        for (long i = 0; expect != null && i < expect; i++) {
            expected.add(i);
        }
        CountDownLatch allSeen = new CountDownLatch(1);
        BatchPrinter printer = new BatchPrinter(narrator, show);
        try {
            runner.start(cluster.bootstrapServer, report -> {
                ledger.onBatch(report);
                printer.onBatch(report);
                if (expect != null && ledger.covers(expected)) {
                    allSeen.countDown();
                }
            });
            narrator.step("Spark Streaming started: topic %s at %s, master %s, batch interval %s, group %s", topic,
                    cluster.bootstrapServer, master, Formats.duration(batchInterval), group);
            runner.uiUrl().ifPresent(url -> narrator.step("Spark UI at %s", url));
            narrator.step(duration == null ? "Ctrl-C stops" : "running for " + Formats.duration(duration)
                    + "; Ctrl-C stops");
            brokers = BrokerWatch.start(cluster.bootstrapServer, note -> narrator.step("%s", note));
            if (expect == null) {
                Signals.awaitInterrupt(duration);
            } else {
                awaitExpected(allSeen, () -> ledger.covers(expected), narrator);
            }
            narrator.step(brokers.reachable() ? "stopping (finishing the running batch)"
                    : "stopping without finishing the running batch: its brokers are gone");
        } finally {
            BrokerWatch watch = brokers;
            if (watch != null) {
                watch.close();
            }
            BoundedStop.run(narrator, "the streaming job", () -> watch != null && !watch.reachable()
                    ? "its running batch waits for the brokers at " + cluster.bootstrapServer + ", which are gone"
                    : "finishing the running batch",
                    // A graceful stop would wait for a batch that waits for the gone brokers.
                    () -> runner.stop(watch == null || watch.reachable()));
        }
        narrator.step("Spark Streaming stopped");
        if (expect == null) {
            return 0;
        }
        long missing = ledger.missingOf(expected);
        narrator.line(String.format(java.util.Locale.ROOT, "SUMMARY expected=%d processed=%d missing=%d duplicated=%d",
                expect, ledger.records(), missing, ledger.duplicates()));
        return missing == 0 ? 0 : Cli.FAILURE;
    }

    /** Waits until every expected record was processed, a stop request, or the end of --duration. */
    private void awaitExpected(CountDownLatch allSeen, java.util.function.BooleanSupplier covered, Narrator narrator) {
        long limit = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        try (Signals.Registration ignored = Signals.onInterrupt(allSeen::countDown)) {
            while (System.nanoTime() < limit) {
                if (allSeen.await(100, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        narrator.step("expected %d records: %s", expect, covered.getAsBoolean() ? "all processed, stopping"
                : allSeen.getCount() == 0 ? "stop requested before all were processed" : "time is up");
    }
}
