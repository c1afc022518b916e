package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.RunTempDir;
import dev.kafkaspark.internal.tools.Clients;
import dev.kafkaspark.internal.tools.ConsoleProducer;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code produce}: a console producer, one record per line of standard input. */
@Command(name = "produce", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Send each line of standard input as a record (kafka-console-producer.sh). Step 4 of the"
                + " walkthrough. Ends at the end of input (Ctrl-D) or Ctrl-C, after sending everything read.", ""})
public final class ProduceCommand extends TopicClientCommand implements Callable<Integer> {

    @Option(names = "--parse-key", description = "Split each line into key and value at the key separator.")
    boolean parseKey;

    @Option(names = "--key-separator", paramLabel = "TEXT", defaultValue = "\t",
            description = "Separator between key and value, with --parse-key (default: a tab).")
    String keySeparator;

    @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
            description = "A producer setting (repeatable), such as linger.ms=10.")
    Map<String, String> properties = new HashMap<>();

    private static final java.time.Duration WAIT_NOTE_AFTER = java.time.Duration.ofSeconds(3);
    private final java.util.concurrent.atomic.AtomicBoolean noted = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean reported = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (parseKey && keySeparator.isEmpty()) {
            throw new UsageException("--key-separator must not be empty");
        }
        String topic = topicOption.topic;
        Map<String, String> client = new java.util.HashMap<>(cluster.login());
        client.putAll(properties);
        Clients.requireTopic(cluster.bootstrapServer, client, topic);
        ConsoleProducer producer = new ConsoleProducer(cluster.bootstrapServer, topic,
                parseKey ? keySeparator : null, client);
        if (System.console() != null) {
            err.println("type one record per line" + (parseKey ? " (key" + printable(keySeparator) + "value)" : "")
                    + "; Ctrl-D ends");
            err.flush();
        }
        try (Signals.Registration ignored = Signals.onInterrupt(() -> {
            closeSayingWhy(err, producer);
            report(err, producer, " (interrupted)");
            RunTempDir.remove(); // halt runs no shutdown hook
            Runtime.getRuntime().halt(producer.failed() > 0 ? Cli.FAILURE : 0);
        })) {
            try {
                producer.sendLines(System.in);
            } finally {
                closeSayingWhy(err, producer);
            }
        }
        report(err, producer, "");
        return producer.failed() > 0 ? Cli.FAILURE : 0;
    }

    /**
     * Closes the producer, which waits for what is in flight: when that takes more than a few seconds, says once
     * what it waits for, and why the brokers may not answer.
     */
    private void closeSayingWhy(PrintWriter err, ConsoleProducer producer) {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Thread note = new Thread(() -> {
            try {
                if (closed.await(WAIT_NOTE_AFTER.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            long waiting = producer.linesRead() - producer.acknowledged() - producer.failed();
            if (waiting > 0 && noted.compareAndSet(false, true)) {
                err.println("waiting for the brokers to acknowledge " + waiting + " record(s): "
                        + (Ports.anyListening(cluster.bootstrapServer, java.time.Duration.ofSeconds(1))
                                ? "the broker at " + cluster.bootstrapServer + " answers but does not acknowledge; a"
                                        + " broker that lost its ZooKeeper or its controllers cannot give a producer"
                                        + " its id (it still serves the partitions it leads to consumers)"
                                : "no broker answers at " + cluster.bootstrapServer) + "; Ctrl-C stops");
                err.flush();
            }
        }, "produce-wait-note");
        note.setDaemon(true);
        note.start();
        try {
            producer.close();
        } finally {
            closed.countDown();
        }
    }

    private void report(PrintWriter err, ConsoleProducer producer, String how) {
        if (!reported.compareAndSet(false, true)) {
            return; // said once: by the stop request, or at the end of input
        }
        err.printf("sent %d record(s) to %s%s%s%n", producer.acknowledged(), topicOption.topic, how,
                producer.failed() > 0 ? "; " + producer.failed() + " failed: " + Denials.explain(producer.failure(),
                        "produce", topicOption.topic, ClusterOptions.userOf(spec.commandLine().getParseResult()))
                        .orElseGet(() -> Cli.oneLine(producer.failure())) : "");
        err.flush();
    }

    private static String printable(String s) {
        return s.replace("\t", "<tab>");
    }
}
