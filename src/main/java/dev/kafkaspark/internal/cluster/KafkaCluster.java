package dev.kafkaspark.internal.cluster;

import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.cluster.zookeeper.ZkKafkaCluster;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;

/**
 * A running Kafka cluster this process owns: what the demo, the commands and the test harness need of it, whatever
 * keeps its metadata. ZooKeeper mode ({@link ZkKafkaCluster}) is one implementation; a KRaft one sits beside it.
 */
public interface KafkaCluster extends AutoCloseable {

    /** The bootstrap address list of the running brokers. */
    default String bootstrapServers() {
        return brokers().stream().filter(Broker::isRunning).map(Broker::bootstrapServers)
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** The bootstrap address of every broker, running or not (what a long-lived client should be given). */
    default String allBootstrapServers() {
        return brokers().stream().map(Broker::bootstrapServers).collect(java.util.stream.Collectors.joining(","));
    }

    /** The brokers, in start order. */
    List<Broker> brokers();

    /** The broker with this id. */
    default Broker broker(int id) {
        return brokers().stream().filter(b -> b.brokerId() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker with id " + id + "; brokers: "
                        + brokers().stream().map(Broker::brokerId).toList()));
    }

    /** An admin client for this cluster, owned by the cluster (do not close it); with SCRAM, the admin user's. */
    Admin admin();

    /** The cluster's logins when its listeners require SASL/SCRAM; empty when they take anyone. */
    default Optional<Scram> scram() {
        return Optional.empty();
    }

    /** What a client needs to log in as the cluster's admin user (nothing without SCRAM). */
    default java.util.Map<String, String> adminClientProperties() {
        return scram().map(s -> s.admin().clientProperties()).orElse(java.util.Map.of());
    }

    /** Where this cluster keeps its metadata. */
    ClusterMode mode();

    /** The cluster's id (every broker's {@code meta.properties} carries it). */
    String clusterId();

    /** The controller quorum's addresses ({@code 127.0.0.1:9093,...}) in KRaft mode; empty in ZooKeeper mode. */
    Optional<String> controllers();

    /**
     * The id of the active controller: the broker ZooKeeper elected, or the leader of the KRaft quorum; -1 while
     * there is none (an election is under way).
     */
    int activeController();

    /** The ZooKeeper connect string; empty in a mode without ZooKeeper. */
    Optional<String> zookeeperConnect();

    /** When the metadata service was ready, in epoch milliseconds ({@code -1} when this process did not start it). */
    long metadataReadyAtMillis();

    /** Stops the brokers, then the metadata service, and deletes every file they wrote; idempotent. */
    @Override
    void close();
}
