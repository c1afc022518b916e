package dev.kafkaspark.testing;

import dev.kafkaspark.internal.cluster.ClusterMode;

/** Which Kafka a test gets: brokers with a ZooKeeper (the default), or KRaft nodes with no ZooKeeper. */
public enum KafkaMode {
    /** A ZooKeeper and brokers that register in it. */
    ZOOKEEPER,
    /** Nodes that are broker and controller at once, keeping the metadata in their own quorum (Kafka 4's only way). */
    KRAFT;

    // The cluster layer has a mode of its own (a user's test never sees it): these translate.

    static KafkaMode of(ClusterMode mode) {
        return mode == ClusterMode.KRAFT ? KRAFT : ZOOKEEPER;
    }

    ClusterMode clusterMode() {
        return this == KRAFT ? ClusterMode.KRAFT : ClusterMode.ZOOKEEPER;
    }
}
