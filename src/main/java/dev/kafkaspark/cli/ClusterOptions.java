package dev.kafkaspark.cli;

import picocli.CommandLine.Option;

/** {@code --bootstrap-server}, defaulting to the address the demo and {@code broker} use by default. */
public final class ClusterOptions {

    /** The broker address the demo and {@code broker} listen on by default. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    /** The ZooKeeper address the demo, {@code zookeeper} and {@code broker} listen on by default. */
    public static final String DEFAULT_ZOOKEEPER = "127.0.0.1:2181";

    @Option(names = {"--bootstrap-server", "--broker-list"}, paramLabel = "HOST:PORT", defaultValue = DEFAULT_BOOTSTRAP,
            description = "Kafka broker(s) to connect to (default: ${DEFAULT-VALUE}); --broker-list is the old"
                    + " name, as in the classic walkthrough's commands.")
    String bootstrapServer;
}
