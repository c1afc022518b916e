package dev.kafkaspark.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What the commands that read or write one topic share: the cluster (and its login) and the topic. */
abstract class TopicClientCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    TopicOption topicOption;
}
