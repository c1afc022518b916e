package dev.kafkaspark.tools;

import dev.kafkaspark.support.SelfCommand;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** "Can I reach it?": what a cluster says about itself, and what ZooKeeper has registered. */
public final class ClusterCheck {

    private ClusterCheck() {
    }

    /** The cluster id, brokers, controller and topics, as lines for people. */
    public static List<String> kafka(String bootstrap) {
        List<String> lines = new ArrayList<>();
        try (Admin admin = Clients.admin(bootstrap)) {
            // One describe-cluster request answers all three; Clients.brokers turns "nobody there" into a clear error.
            DescribeClusterResult cluster = admin.describeCluster();
            Collection<Node> nodes = Clients.brokers(cluster, bootstrap);
            String clusterId = get(cluster.clusterId());
            Node controller = get(cluster.controller());
            Set<String> topics = new TreeSet<>(get(admin.listTopics(new ListTopicsOptions().listInternal(false))
                    .names()));
            lines.add("Kafka at " + bootstrap + ": reachable");
            lines.add("  cluster id: " + clusterId);
            for (Node n : nodes.stream().sorted(java.util.Comparator.comparingInt(Node::id)).toList()) {
                lines.add("  broker " + n.id() + " at " + n.host() + ":" + n.port()
                        + (controller != null && controller.id() == n.id() ? " (controller)" : ""));
            }
            lines.add("  topics: " + (topics.isEmpty() ? "(none)" : String.join(", ", topics)));
        }
        return lines;
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
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = null;
        try {
            zk = new ZooKeeper(connect, 10_000, event -> {
                if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
            if (!connected.await(Clients.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("ZooKeeper at " + connect + " did not answer within "
                        + Clients.TIMEOUT.toSeconds() + " s");
            }
            if (zk.exists("/brokers/ids", false) == null) {
                return List.of();
            }
            return zk.getChildren("/brokers/ids", false).stream().map(Integer::valueOf).sorted().toList();
        } catch (IOException | org.apache.zookeeper.KeeperException e) {
            throw new IllegalStateException("could not read from ZooKeeper at " + connect + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (zk != null) {
                try {
                    zk.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 3000);
        } catch (IOException e) {
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
