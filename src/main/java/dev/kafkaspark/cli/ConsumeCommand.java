package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.tools.Clients;
import dev.kafkaspark.internal.tools.ConsoleConsumer;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code consume}: a console consumer. */
@Command(name = "consume", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Print the records of a topic (kafka-console-consumer.sh). Step 5 of the walkthrough. Ends"
                + " at --max-messages, after --timeout without records, or on Ctrl-C.", ""})
public final class ConsumeCommand extends TopicClientCommand implements Callable<Integer> {

    @Option(names = "--from-beginning", description = "Start at the oldest record when the group has no offsets.")
    boolean fromBeginning;

    @Option(names = "--group", paramLabel = "ID",
            description = "Consumer group (default: a new console-consumer-NNNNN group).")
    String group;

    @Option(names = "--max-messages", paramLabel = "N", description = "Stop after N records.")
    Long maxMessages;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Stop when no record arrives for this long (like 5s).")
    Duration timeout;

    @Option(names = "--print-key", description = "Print each record's key before its value.")
    boolean printKey;

    @Option(names = "--print-partition", description = "Print each record's partition.")
    boolean printPartition;

    @Option(names = "--print-offset", description = "Print each record's offset.")
    boolean printOffset;

    @Option(names = "--print-timestamp", description = "Print each record's timestamp.")
    boolean printTimestamp;

    @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE", description = "A consumer setting (repeatable).")
    Map<String, String> properties = new HashMap<>();

    /** Where records go: standard output, as raw bytes. */
    PrintStream out = System.out;

    @Override
    public Integer call() {
        if (maxMessages != null && maxMessages < 1) {
            throw new UsageException("--max-messages must be at least 1, not " + maxMessages);
        }
        String topic = topicOption.topic;
        Map<String, String> client = new java.util.HashMap<>(cluster.login());
        client.putAll(properties);
        Clients.requireTopic(cluster.bootstrapServer, client, topic);
        String groupId = group != null ? group
                : "console-consumer-" + ThreadLocalRandom.current().nextInt(10_000, 100_000);
        ConsoleConsumer.Settings settings = new ConsoleConsumer.Settings(cluster.bootstrapServer, topic, groupId,
                fromBeginning, maxMessages == null ? -1 : maxMessages, timeout, printTimestamp, printPartition,
                printOffset, printKey);
        long consumed;
        try (ConsoleConsumer consumer = new ConsoleConsumer(settings, client);
                Signals.Registration ignored = Signals.onInterrupt(consumer::wakeup)) {
            PrintWriter err = spec.commandLine().getErr();
            consumed = consumer.run(out, note -> {
                err.println(note);
                err.flush();
            });
        }
        out.flush();
        spec.commandLine().getErr().printf("Processed a total of %d messages%n", consumed);
        spec.commandLine().getErr().flush();
        return 0;
    }
}
