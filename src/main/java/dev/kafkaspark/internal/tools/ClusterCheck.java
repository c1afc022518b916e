package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.cluster.zookeeper.ZkSession;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.SelfCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.zookeeper.ZooKeeper;

/** "Can I reach it?": what a cluster says about itself, and what ZooKeeper has registered. */
public final class ClusterCheck {

    private ClusterCheck() {
    }

    /** The cluster id, brokers, controller and topics, as lines for people. */
    public static List<String> kafka(String bootstrap, java.util.Map<String, String> login) {
        List<String> lines = new ArrayList<>();
        try (Admin admin = Clients.admin(bootstrap, login)) {
            // One describe-cluster request answers all three; Clients.brokers turns "nobody there" into a clear error.
            DescribeClusterResult cluster = admin.describeCluster();
            Collection<Node> nodes = Clients.brokers(cluster, bootstrap);
            String clusterId = get(cluster.clusterId());
            Node controller = get(cluster.controller());
            Set<String> topics = new TreeSet<>(get(admin.listTopics(new ListTopicsOptions().listInternal(false))
                    .names()));
            // Asking a quorum that is gone would wait out the timeout to say only that it did not answer.
            silentControllers(admin, nodes).ifPresent(controllers -> {
                throw new IllegalStateException(controllersGone(bootstrap, controllers));
            });
            Optional<QuorumInfo> quorum = quorum(admin);
            // In KRaft mode a broker names some live broker as "controller" to old clients: the quorum's leader is
            // the real one.
            int active = quorum.map(QuorumInfo::leaderId).orElse(controller == null ? -1 : controller.id());
            lines.add("Kafka at " + bootstrap + ": reachable");
            lines.add("  mode: " + (quorum.isPresent() ? "KRaft (no ZooKeeper: a controller quorum keeps the metadata)"
                    : "ZooKeeper (the brokers keep the metadata in ZooKeeper)"));
            lines.add("  cluster id: " + clusterId);
            for (Node n : nodes.stream().sorted(java.util.Comparator.comparingInt(Node::id)).toList()) {
                lines.add("  broker " + n.id() + " at " + n.host() + ":" + n.port()
                        + (active == n.id() ? " (active controller)" : ""));
            }
            quorum.ifPresent(q -> {
                lines.add("  controller quorum: voters " + q.voters().stream().map(v -> String.valueOf(v.replicaId()))
                        .collect(Collectors.joining(", ")) + "; active controller (the leader): node " + q.leaderId()
                        + "; metadata log at offset " + q.highWatermark());
                if (nodes.stream().noneMatch(n -> n.id() == q.leaderId())) {
                    lines.add("  (node " + q.leaderId() + " is a controller only, so it is not listed as a broker)");
                }
            });
            lines.add("  topics: " + (topics.isEmpty() ? "(none)" : String.join(", ", topics)));
        }
        return lines;
    }

    /**
     * The controllers of a KRaft cluster, when none of them answers (they are stopped, or their process is gone); empty
     * when one answers, in ZooKeeper mode, or when the brokers do not say where their controllers are.
     */
    public static Optional<String> silentControllers(Admin admin, Collection<Node> brokers) {
        // Asked of a broker that runs: the list may still name brokers that stopped with the controllers (only a
        // controller fences them), and one of them would never answer.
        // Each probed once: the ones that answer first.
        java.util.Map<Boolean, List<Node>> answering = brokers.stream().collect(Collectors.partitioningBy(
                n -> Ports.anyListening(n.host() + ":" + n.port(), java.time.Duration.ofMillis(500))));
        List<Node> asked = new ArrayList<>(answering.get(true));
        asked.addAll(answering.get(false));
        for (Node node : asked) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(node.id()));
            try {
                Config config = admin.describeConfigs(List.of(broker)).all().get(3, TimeUnit.SECONDS).get(broker);
                ConfigEntry voters = config.get("controller.quorum.voters");
                ConfigEntry bootstrap = config.get("controller.quorum.bootstrap.servers");
                String addresses = voters != null && voters.value() != null && !voters.value().isBlank()
                        ? voters.value().replaceAll("\\d+@", "")
                        : bootstrap == null || bootstrap.value() == null ? "" : bootstrap.value();
                if (addresses.isBlank() || Ports.anyListening(addresses, java.time.Duration.ofSeconds(1))) {
                    return Optional.empty();
                }
                return Optional.of(addresses);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // The next broker, if there is one.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** What lost controllers mean, in one line. */
    public static String controllersGone(String bootstrap, String controllers) {
        return "the brokers at " + bootstrap + " answer, but their controllers at " + controllers + " do not: the"
                + " brokers still serve the partitions they lead, but topics cannot be created and leaders cannot move"
                + " until the controllers are back (start them again)";
    }

    /** The KRaft quorum as the brokers report it; empty for a ZooKeeper-mode cluster, which has none. */
    private static Optional<QuorumInfo> quorum(Admin admin) {
        try {
            return Optional.of(admin.describeMetadataQuorum().quorumInfo().get(Clients.TIMEOUT.toMillis(),
                    TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnsupportedVersionException) {
                return Optional.empty(); // ZooKeeper mode: brokers there do not know the request.
            }
            throw new IllegalStateException("the cluster did not describe its controller quorum: "
                    + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster did not describe its controller quorum within "
                    + Clients.TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What ZooKeeper says: reachable, and the broker ids registered under {@code /brokers/ids}. */
    public static List<String> zookeeper(String connect) {
        List<Integer> ids = brokerIds(connect);
        return List.of("ZooKeeper at " + connect + ": reachable",
                "  broker ids registered: " + (ids.isEmpty() ? "(none)"
                        : String.join(", ", ids.stream().map(String::valueOf).toList())));
    }

    /** The ids of the brokers registered in this ZooKeeper ({@code /brokers/ids}), in order. */
    public static List<Integer> brokerIds(String connect) {
        requireListening(connect);
        try (ZkSession session = ZkSession.open(connect, Clients.TIMEOUT)) {
            ZooKeeper zk = session.client();
            if (zk.exists("/brokers/ids", false) == null) {
                return List.of();
            }
            return zk.getChildren("/brokers/ids", false).stream().map(Integer::valueOf).sorted().toList();
        } catch (IOException | org.apache.zookeeper.KeeperException e) {
            throw new IllegalStateException("could not read from ZooKeeper at " + connect + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Fails with a clear message when nothing listens at {@code host:port}. */
    public static void requireListening(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + hostPort + "' is not HOST:PORT");
        }
        String host = hostPort.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + hostPort + "' is not HOST:PORT");
        }
        if (!Ports.anyListening(host + ":" + port, Duration.ofSeconds(3))) {
            throw new IllegalStateException("nothing listens at " + hostPort + ": start ZooKeeper first"
                    + " ('" + SelfCommand.with("zookeeper") + "'), or pass the right --zookeeper");
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> f) {
        try {
            return f.get(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the cluster did not answer: " + e.getMessage(), e);
        }
    }
}
