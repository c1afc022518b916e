package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.BoundedStop;
import dev.kafkaspark.cli.launch.Launcher;
import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.delivery.Ledger;
import dev.kafkaspark.internal.demo.BatchPrinter;
import dev.kafkaspark.internal.demo.Formats;
import dev.kafkaspark.internal.events.Event;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.spark.ExecutorWatch;
import dev.kafkaspark.internal.stream.JobFailure;
import dev.kafkaspark.internal.stream.StreamEngine;
import dev.kafkaspark.internal.stream.StreamingSettings;
import dev.kafkaspark.internal.tools.BrokerWatch;
import dev.kafkaspark.internal.tools.Clients;
import dev.kafkaspark.internal.tools.MasterWatch;
import dev.kafkaspark.internal.tools.StreamPage;
import dev.kafkaspark.internal.web.LivePage;
import dev.kafkaspark.internal.web.WebSettings;
import dev.kafkaspark.internal.workload.SeqSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stream}: the Spark Streaming job alone, against any cluster. */
@Command(name = "stream", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Run the Spark Streaming job alone: read the topic with the kafka-0-10 direct stream and print"
                + " every batch. Step 6 of the walkthrough. Ctrl-C stops (finishing the running batch).", ""})
public final class StreamCommand extends TopicClientCommand implements Callable<Integer> {

    // Under spark-submit the default is the master it was given (its spark.master system property).
    @Option(names = "--master", paramLabel = "URL", defaultValue = "${sys:spark.master:-local[2]}",
            description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "dstream",
            description = "dstream (Spark Streaming's direct stream, offsets committed to the group; the classic"
                    + " walkthrough's) or structured (a Structured Streaming query, offsets in its checkpoint)"
                    + " (default: ${DEFAULT-VALUE}).")
    StreamEngine.Kind engine;

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "With --engine structured: keep the query's checkpoint (its offsets) in DIR, so the next run"
                    + " resumes where this one stopped (default: a temp directory, removed at exit).")
    java.nio.file.Path checkpoint;

    @Option(names = "--batch-interval", paramLabel = "DURATION", defaultValue = "2s",
            converter = Converters.DurationConverter.class,
            description = "Batch interval, like 500ms or 2s (default: ${DEFAULT-VALUE}).")
    Duration batchInterval;

    @Option(names = "--group", paramLabel = "ID", defaultValue = StreamingSettings.DEFAULT_GROUP,
            description = "Consumer group; the job commits its offsets there (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--web-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "Serve the live page's Spark half (batches, offsets reached, rates) on this port (0: any"
                    + " free port); 'web' serves the Kafka half.")
    Integer webPort;

    @Option(names = "--no-ui", description = "Do not serve Spark's web UI.")
    boolean noUi;

    @Option(names = "--show", paramLabel = "N", defaultValue = "5",
            description = "Records shown per batch (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration duration;

    @Option(names = "--driver-host", paramLabel = "HOST",
            description = "With a remote master: the address this driver binds and its executors connect to"
                    + " (default: Spark's choice, this machine's outside address; 127.0.0.1 for a master on"
                    + " 127.0.0.1).")
    String driverHost;

    @Option(names = "--expect", paramLabel = "N",
            description = "The records of a 'load' of N records (sequence numbers 0 to N-1) are expected: stop once"
                    + " every one was processed (or at Ctrl-C or --duration), say how many were missing or repeated,"
                    + " and exit 1 if any was missing.")
    Long expect;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, as spark-submit --conf takes it (spark.executor.memory=1g, say);"
                    + " repeatable.")
    Map<String, String> conf = new java.util.LinkedHashMap<>();

    private static final String APP_NAME = "kafka-spark-stream";

    /** How long a standalone master may not answer before the stream gives up on its cluster. */
    private static final Duration LOST_MASTER = Duration.ofSeconds(10);

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
        if (checkpoint != null) {
            if (!engine.offsetsInCheckpoint()) {
                throw new UsageException("--checkpoint is for --engine structured (the DStream job commits its offsets"
                        + " to the consumer group): add --engine structured, or drop it");
            }
            try {
                engine.checkCheckpoint(checkpoint, topicOption.topic, APP_NAME);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--checkpoint: " + e.getMessage());
            }
        }
        Narrator narrator = new Narrator(spec.commandLine().getOut());
        LivePage page;
        try {
            page = webPort == null ? null : StreamPage.open(narrator, WebSettings.at(webPort), topicOption.topic,
                    engine.label(), batchInterval.toMillis(), cluster.bootstrapServer, !cluster.login().isEmpty());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            return run(narrator);
        } finally {
            if (page != null) {
                narrator.flush(); // the summary reaches the page first
                page.close();
            }
        }
    }

    private Integer run(Narrator narrator) {
        Launcher.savingNotice().ifPresent(spec.commandLine().getOut()::println);
        String topic = topicOption.topic;
        Map<String, String> login = cluster.login();
        Clients.requireTopic(cluster.bootstrapServer, login, topic);
        Map<String, String> sparkOverrides = new java.util.LinkedHashMap<>();
        conf.forEach((key, value) -> {
            if (!key.startsWith("spark.")) {
                throw new UsageException("--conf " + key + "=" + value + ": Spark settings start with 'spark.'");
            }
            sparkOverrides.put(key, value);
        });
        if (driverHost != null) {
            sparkOverrides.put("spark.driver.host", driverHost);
            sparkOverrides.put("spark.driver.bindAddress", driverHost);
        }
        StreamingSettings settings = new StreamingSettings(master, APP_NAME, batchInterval, topic, group,
                !noUi, 4040, show, login, sparkOverrides, checkpoint);
        BrokerWatch brokers = null;
        Ledger ledger = new Ledger();
        SeqSet expected = new SeqSet();
        for (long i = 0; expect != null && i < expect; i++) {
            expected.add(i);
        }
        CountDownLatch allSeen = new CountDownLatch(1);
        BatchPrinter printer = new BatchPrinter(narrator, show, false);
        // A stop requested while Spark starts is kept for when the job runs: stopping the JVM under a starting
        // context would only print Spark's internals. Once the job stops, a second request stops at once.
        CountDownLatch stop = new CountDownLatch(1);
        Signals.Registration stopRequests = Signals.onInterrupt(stop::countDown);
        // Last before the try that stops it: the context and its files must not outlive a failure in between.
        StreamEngine runner;
        try {
            runner = engine.prepare(settings);
        } catch (RuntimeException | Error e) {
            stopRequests.close();
            throw e;
        }
        boolean lost = false;
        ExecutorWatch executors = null;
        boolean[] clusterLost = {false}; // read by the stop below: a graceful stop would wait for batches that cannot run
        JobFailure[] failed = {null}; // the job ended with an error: said in one line, after the stop
        try {
            runner.start(cluster.bootstrapServer, report -> {
                ledger.onBatch(report);
                printer.onBatch(report);
                if (expect != null && ledger.covers(expected)) {
                    allSeen.countDown();
                }
            });
            if (engine.offsetsInCheckpoint()) {
                narrator.started("stream", "", "Structured Streaming query started: topic %s at %s, master %s, trigger every %s", topic,
                        cluster.bootstrapServer, master, Formats.duration(batchInterval));
                narrator.step("a query over the topic as an unbounded table; its offsets are kept in the query's"
                        + " checkpoint (%s), not committed to a consumer group", checkpoint != null
                                ? checkpoint + ", kept" : "a temp directory");
            } else {
                narrator.started("stream", "", "Spark Streaming started: topic %s at %s, master %s, batch interval %s, group %s",
                        topic, cluster.bootstrapServer, master, Formats.duration(batchInterval), group);
            }
            runner.uiUrl().ifPresent(url -> narrator.step("Spark UI at %s", url));
            if (!master.startsWith("local")) {
                org.apache.spark.SparkConf conf = runner.sparkContext().getConf();
                narrator.step("driver at %s:%s: the executors connect there (--driver-host sets it)",
                        conf.get("spark.driver.host", "?"), conf.get("spark.driver.port", "?"));
            }
            narrator.step(duration == null ? "Ctrl-C stops" : "running for " + Formats.duration(duration)
                    + "; Ctrl-C stops");
            brokers = BrokerWatch.start(cluster.bootstrapServer, note -> narrator.step("%s", note));
            if (!master.startsWith("local")) {
                executors = ExecutorWatch.of(runner.sparkContext().sc(), note -> narrator.step("%s", note));
                runner.sparkContext().sc().addSparkListener(executors);
            }
            MasterWatch masterWatch = new MasterWatch(master, LOST_MASTER);
            awaitEnd(stop, allSeen, () -> expect != null && ledger.covers(expected),
                    () -> runner.sparkContext().sc().isStopped() || masterWatch.lost()
                            || (failed[0] = jobFailure(runner)) != null, narrator);
            if (failed[0] != null) {
                clusterLost[0] = true; // nothing runs that a graceful stop could finish
            } else if (runner.sparkContext().sc().isStopped()) {
                narrator.step("the Spark cluster ended this application (see %s): stopping", Cli.logPlace());
                lost = true;
                clusterLost[0] = true;
            } else if (masterWatch.lost()) {
                narrator.step("lost the Spark master at %s (not answering for %d s): no batch can run, stopping"
                        + " without finishing the running batch",
                        master, LOST_MASTER.toSeconds());
                lost = true;
                clusterLost[0] = true;
            } else if (!master.startsWith("local")
                    && runner.sparkContext().sc().statusTracker().getExecutorInfos().length <= 1) {
                // Only the driver is listed: no executor runs, so a graceful stop would wait for batches that cannot.
                narrator.step("stopping without finishing the running batch: no executor is running");
                clusterLost[0] = true;
            }
            if (!clusterLost[0] && failed[0] == null) {
                narrator.step(brokers.reachable() ? "stopping (finishing the running batch)"
                        : "stopping without finishing the running batch: its brokers are gone");
            }
        } finally {
            stopRequests.close();
            BrokerWatch watch = brokers;
            if (watch != null) {
                watch.close();
            }
            BoundedStop.run(narrator, "the streaming job", () -> watch != null && !watch.reachable()
                    ? "its Kafka consumers wait for the brokers at " + cluster.bootstrapServer + ", which are gone"
                    : clusterLost[0] ? "stopping what still runs" : "finishing the running batch",
                    // A graceful stop would wait for a batch that waits for the gone brokers.
                    () -> runner.stop(!clusterLost[0] && (watch == null || watch.reachable())));
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        narrator.stopped("stream", "%s stopped", engine.title());
        // Executors that kept failing are a failed run, however it was stopped (by a stop request, or by the master
        // giving the application up).
        lost |= executors != null && executors.keptFailing();
        if (expect == null) {
            return lost ? Cli.FAILURE : 0;
        }
        long missing = ledger.missingOf(expected);
        narrator.publish(new Event.Summary(Narrator.sinceStart(), List.of(String.format(java.util.Locale.ROOT,
                "SUMMARY expected=%d processed=%d missing=%d duplicated=%d", expect, ledger.records(), missing,
                ledger.duplicates()))));
        return missing == 0 ? 0 : Cli.FAILURE;
    }

    /** The error the job ended with, if it ended with one; null while it runs. */
    private static JobFailure jobFailure(StreamEngine runner) {
        try {
            runner.awaitTermination(1);
            return null;
        } catch (JobFailure f) {
            return f;
        }
    }

    /**
     * Waits for a stop request (made since the start, too), the end of --duration, every expected record processed,
     * or the Spark context ended under the stream (its cluster is gone).
     */
    private void awaitEnd(CountDownLatch stop, CountDownLatch allSeen, java.util.function.BooleanSupplier covered,
            java.util.function.BooleanSupplier contextGone, Narrator narrator) {
        long limit = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        try {
            while (System.nanoTime() < limit && !contextGone.getAsBoolean()) {
                if (stop.await(100, TimeUnit.MILLISECONDS) || allSeen.getCount() == 0) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (expect != null) {
            narrator.step("expected %d records: %s", expect, covered.getAsBoolean() ? "all processed, stopping"
                    : stop.getCount() == 0 ? "stop requested before all were processed" : "not all processed");
        }
    }
}
