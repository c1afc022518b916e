package dev.kafkaspark.testing;

import dev.kafkaspark.internal.cluster.KafkaCluster;
import java.util.List;
import java.util.Optional;

/** An environment's Kafka cluster as a test sees it: its brokers, its addresses, its controller. */
public final class Cluster {

    private final KafkaCluster cluster;

    Cluster(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    /** The brokers, in start order. */
    public List<Broker> brokers() {
        return cluster.brokers().stream().map(Broker::new).toList();
    }

    /** The broker with this id. */
    public Broker broker(int id) {
        return new Broker(cluster.broker(id));
    }

    /** The bootstrap address list of the brokers running now. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Which Kafka it is. */
    public KafkaMode mode() {
        return KafkaMode.of(cluster.mode());
    }

    /** The cluster's id. */
    public String clusterId() {
        return cluster.clusterId();
    }

    /** The controller quorum's addresses in KRaft mode; empty in ZooKeeper mode. */
    public Optional<String> controllers() {
        return cluster.controllers();
    }

    /** ZooKeeper's connect string; empty in KRaft mode. */
    public Optional<String> zookeeperConnect() {
        return cluster.zookeeperConnect();
    }

    /**
     * The id of the active controller: the broker ZooKeeper elected, or the leader of the KRaft quorum; -1 while
     * there is none (an election is under way).
     */
    public int activeController() {
        return cluster.activeController();
    }
}
