package dev.kafkaspark.internal.cluster;

import dev.kafkaspark.internal.support.Backoff;
import dev.kafkaspark.internal.support.Failures;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Admin clients with timeouts for a local cluster, and the wait every cluster start ends with. */
public final class Admins {

    private static final Logger LOG = LoggerFactory.getLogger(Admins.class);

    private Admins() {
    }

    /** Creates an admin client for the given bootstrap address with short, local-cluster timeouts. */
    public static Admin create(String bootstrapServers, Duration timeout) {
        return create(bootstrapServers, timeout, java.util.Map.of());
    }

    /** As {@link #create(String, Duration)}, with client properties (a login) on top. */
    public static Admin create(String bootstrapServers, Duration timeout, java.util.Map<String, String> client) {
        Properties p = properties(timeout);
        p.putAll(client);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(p);
    }

    /** Creates an admin client that talks to KRaft controllers directly (what {@code --bootstrap-controller} does). */
    public static Admin createForControllers(String controllers, Duration timeout) {
        return createForControllers(controllers, timeout, java.util.Map.of());
    }

    /** As {@link #createForControllers(String, Duration)}, with client properties (a login) on top. */
    public static Admin createForControllers(String controllers, Duration timeout, java.util.Map<String, String> client) {
        Properties p = properties(timeout);
        p.putAll(client);
        p.put(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, controllers);
        return Admin.create(p);
    }

    private static Properties properties(Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-spark-demo-admin");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 10_000));
        return p;
    }

    /** Waits until the cluster's metadata lists every given broker id: the brokers answer requests. */
    public static void awaitBrokers(Admin admin, Collection<Integer> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Collection<Node> nodes = List.of();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                nodes = admin.describeCluster().nodes().get(Math.max(1, remainingMillis(deadline)),
                        TimeUnit.MILLISECONDS);
                if (nodes.stream().map(Node::id).collect(Collectors.toSet()).containsAll(ids)) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e;
                LOG.debug("cluster not ready yet: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the brokers", e);
            }
            Backoff.pause(50);
        }
        throw new IllegalStateException("brokers " + ids + " did not all register within " + timeout.toMillis()
                + " ms; registered: " + nodes + (last == null ? "" : "; last error: " + Failures.message(last)), last);
    }

    /** The cluster's id, as its brokers report it. */
    public static String clusterId(Admin admin) {
        return get(admin.describeCluster().clusterId(), "the cluster id");
    }

    /** The broker ZooKeeper elected controller, or -1. */
    public static int zookeeperController(Admin admin) {
        Node controller = get(admin.describeCluster().controller(), "the active controller");
        return controller == null || controller.isEmpty() ? -1 : controller.id();
    }

    /** The leader of the KRaft metadata quorum, or -1. */
    public static int quorumLeader(Admin admin) {
        return get(admin.describeMetadataQuorum().quorumInfo(), "the metadata quorum").leaderId();
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read " + what + ": " + Failures.message(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + what, e);
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }
}
