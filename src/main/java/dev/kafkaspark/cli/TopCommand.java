package dev.kafkaspark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar demo.jar}: with no subcommand, runs the all-in-one demo. */
@Command(name = "java -jar demo.jar", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        header = "Kafka and Spark Streaming in one JVM: ZooKeeper, a broker, a topic, a producer and a streaming job.",
        description = {"With no command, runs the all-in-one demo (the same as 'demo').", ""},
        subcommands = {DemoCommand.class, ZooKeeperCommand.class, BrokerCommand.class, CheckCommand.class,
            TopicsCommand.class, AclsCommand.class, ProduceCommand.class, ConsumeCommand.class, StreamCommand.class,
            WebCommand.class, LoadCommand.class, SparkMasterCommand.class, SparkWorkerCommand.class, BenchCommand.class,
            BenchLimitCommand.class, BenchLinesCommand.class, ClassCacheRunCommand.class,
            CommandLine.HelpCommand.class})
public final class TopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DemoOptions options;

    @Mixin
    VerboseMixin verbose;

    @Override
    public Integer call() {
        return DemoCommand.runDemo(spec, options);
    }
}
