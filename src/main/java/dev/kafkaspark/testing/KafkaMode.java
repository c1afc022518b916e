package dev.kafkaspark.testing;

import dev.kafkaspark.cluster.ClusterMode;

/** Which Kafka a test gets: brokers with a ZooKeeper (the default), or KRaft nodes with no ZooKeeper. */
public enum KafkaMode {
    /** A ZooKeeper and brokers that register in it. */
    ZOOKEEPER(ClusterMode.ZOOKEEPER),
    /** Nodes that are broker and controller at once, keeping the metadata in their own quorum (Kafka 4's only way). */
    KRAFT(ClusterMode.KRAFT);

    private final ClusterMode clusterMode;

    KafkaMode(ClusterMode clusterMode) {
        this.clusterMode = clusterMode;
    }

    /** The cluster layer's name for it. */
    public ClusterMode clusterMode() {
        return clusterMode;
    }
}
