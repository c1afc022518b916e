package dev.kafkaspark.cli;

import dev.kafkaspark.internal.cluster.TopicSpec;
import dev.kafkaspark.internal.cluster.Topics;
import dev.kafkaspark.internal.tools.Clients;
import dev.kafkaspark.internal.tools.ClusterCheck;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code topics}: create, list, describe and delete topics, as {@code kafka-topics.sh} does. */
@Command(name = "topics", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Create, list, describe or delete topics (kafka-topics.sh). Step 3 of the walkthrough.", ""})
public final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--create", required = true, description = "Create a topic.")
        boolean create;
        @Option(names = "--list", required = true, description = "List the topics.")
        boolean list;
        @Option(names = "--describe", required = true,
                description = "Show each partition's leader, replicas and in-sync replicas (all topics without"
                        + " --topic).")
        boolean describe;
        @Option(names = "--delete", required = true, description = "Delete a topic.")
        boolean delete;
    }

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--topic", paramLabel = "NAME", description = "The topic (required by --create and --delete).")
    String topic;

    @Option(names = {"--partitions", "--partition"}, paramLabel = "N", defaultValue = "1",
            description = "Partitions, with --create (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "1",
            description = "Copies of each partition, with --create; at most the number of brokers"
                    + " (default: ${DEFAULT-VALUE}).")
    int replicationFactor;

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "A topic setting, with --create (repeatable).")
    Map<String, String> configs = new HashMap<>();

    @Option(names = "--zookeeper", paramLabel = "HOST:PORT", hidden = true)
    String zookeeper;

    @Override
    public Integer call() throws Exception {
        if (zookeeper != null) {
            throw new UsageException("topics no longer talk to ZooKeeper (Kafka removed --zookeeper in 3.0): use"
                    + " --bootstrap-server " + ClusterOptions.DEFAULT_BOOTSTRAP);
        }
        PrintWriter out = spec.commandLine().getOut();
        String bootstrap = cluster.bootstrapServer;
        if ((action.create || action.delete) && topic == null) {
            throw new UsageException((action.create ? "--create" : "--delete") + " needs --topic NAME");
        }
        TopicSpec topicSpec = null;
        if (action.create) {
            try {
                topicSpec = new TopicSpec(topic, partitions, (short) Math.min(replicationFactor, Short.MAX_VALUE),
                        configs);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage().replace("partitions must", "--partitions must")
                        .replace("replication factor must", "--replication-factor must"));
            }
        }
        try (Admin admin = Clients.admin(bootstrap, cluster.login())) {
            var brokers = Clients.brokers(admin, bootstrap);
            if (action.create) {
                if (replicationFactor > brokers.size()) {
                    throw new UsageException("--replication-factor " + replicationFactor + " is more than the "
                            + brokers.size() + " broker(s) in the cluster: lower it, or start more brokers"
                            + " (broker --zookeeper ... --broker-id N)");
                }
                // Creating needs the controllers: when they are gone, say so rather than wait for the timeout.
                ClusterCheck.silentControllers(admin, brokers).ifPresent(controllers -> {
                    throw new IllegalStateException(ClusterCheck.controllersGone(bootstrap, controllers));
                });
                Topics.Outcome outcome = Topics.ensure(admin, topicSpec, Clients.TIMEOUT);
                out.printf("%s topic %s: %d partition(s), replication factor %d%n",
                        outcome == Topics.Outcome.CREATED ? "Created" : "Kept the existing", topic, partitions,
                        replicationFactor);
            } else if (action.list) {
                names(admin).forEach(out::println);
            } else if (action.describe) {
                List<String> which = topic == null ? List.copyOf(names(admin)) : List.of(topic);
                for (String name : which) {
                    describe(out, Topics.describe(admin, name, Clients.TIMEOUT));
                }
            } else {
                try {
                    admin.deleteTopics(List.of(topic)).all().get(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        throw new Topics.UnknownTopicException(topic);
                    }
                    throw e;
                }
                out.printf("Deleted topic %s%n", topic);
            }
        }
        out.flush();
        return 0;
    }

    private static Set<String> names(Admin admin) throws Exception {
        return new TreeSet<>(admin.listTopics().names().get(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static void describe(PrintWriter out, TopicDescription d) {
        out.printf("Topic: %s\tPartitions: %d\tReplicationFactor: %d%n", d.name(), d.partitions().size(),
                d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size());
        for (TopicPartitionInfo p : d.partitions().stream()
                .sorted(Comparator.comparingInt(TopicPartitionInfo::partition)).toList()) {
            out.printf("\tPartition: %d\tLeader: %s\tReplicas: %s\tIsr: %s%n", p.partition(),
                    p.leader() == null || p.leader().isEmpty() ? "none" : Integer.toString(p.leader().id()),
                    ids(p.replicas()), ids(p.isr()));
        }
    }

    private static String ids(List<Node> nodes) {
        return nodes.stream().map(n -> Integer.toString(n.id())).collect(Collectors.joining(","));
    }
}
