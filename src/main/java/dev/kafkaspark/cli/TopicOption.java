package dev.kafkaspark.cli;

import picocli.CommandLine.Option;

/** {@code --topic}, defaulting to the classic walkthrough's {@code mytest}: for the commands that read or write one topic. */
public final class TopicOption {
    @Option(names = "--topic", paramLabel = "NAME", defaultValue = "mytest",
            description = "The topic (default: ${DEFAULT-VALUE}).")
    String topic;
}
