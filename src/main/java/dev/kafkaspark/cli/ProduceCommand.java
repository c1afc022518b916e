package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.Signals;
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
            producer.close();
            report(err, producer, " (interrupted)");
            RunTempDir.remove(); // halt runs no shutdown hook
            Runtime.getRuntime().halt(producer.failed() > 0 ? Cli.FAILURE : 0);
        })) {
            try {
                producer.sendLines(System.in);
            } finally {
                producer.close();
            }
        }
        report(err, producer, "");
        return producer.failed() > 0 ? Cli.FAILURE : 0;
    }

    private void report(PrintWriter err, ConsoleProducer producer, String how) {
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
