package dev.kafkaspark.cli;

import dev.kafkaspark.internal.tools.ClusterCheck;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code check}: can I reach it? The modern answer to the walkthrough's "check with jps". */
@Command(name = "check", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Connect to the cluster and print its id, brokers, controller and topics; with --zookeeper,"
                + " also what ZooKeeper has registered. Step 2 of the walkthrough (jps).", ""})
public final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--zookeeper", paramLabel = "HOST:PORT", description = "Also check this ZooKeeper.")
    String zookeeper;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (zookeeper != null) {
            List<String> registered;
            try {
                registered = ClusterCheck.zookeeper(zookeeper);
            } catch (IllegalStateException noZooKeeper) {
                throw withoutZooKeeper(noZooKeeper);
            }
            registered.forEach(out::println);
        }
        ClusterCheck.kafka(cluster.bootstrapServer, cluster.login()).forEach(out::println);
        out.flush();
        return 0;
    }

    /** No ZooKeeper where one was asked for: a cluster in KRaft mode at the bootstrap address is the likely reason. */
    private RuntimeException withoutZooKeeper(IllegalStateException noZooKeeper) {
        List<String> kafka;
        try {
            kafka = ClusterCheck.kafka(cluster.bootstrapServer, cluster.login());
        } catch (RuntimeException e) {
            return noZooKeeper;
        }
        if (kafka.stream().noneMatch(l -> l.contains("mode: KRaft"))) {
            return noZooKeeper;
        }
        return new IllegalStateException("no ZooKeeper at " + zookeeper + ", and the cluster at "
                + cluster.bootstrapServer + " runs without one (KRaft mode: its controller quorum keeps the metadata):"
                + " drop --zookeeper ('check' alone shows the quorum)", noZooKeeper);
    }
}
