package dev.kafkaspark.testing;

import dev.kafkaspark.internal.cluster.ClusterBuilder;
import dev.kafkaspark.internal.cluster.ClusterMode;

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

    /** The mode of a cluster. */
    static KafkaMode of(ClusterMode mode) {
        return mode == ClusterMode.KRAFT ? KRAFT : ZOOKEEPER;
    }

    /** A cluster builder for this mode, given the metadata service's port that the builder was told, if any. */
    ClusterBuilder clusterBuilder(Integer zookeeperPort, Integer controllerPort) {
        Integer mine = this == ZOOKEEPER ? zookeeperPort : controllerPort;
        Integer other = this == ZOOKEEPER ? controllerPort : zookeeperPort;
        if (other != null) {
            throw new IllegalStateException((this == ZOOKEEPER ? "controllerPort is for KRaft mode"
                    : "zookeeperPort is for ZooKeeper mode") + ": this environment runs in " + this
                    + " mode; drop it, or pick the other mode");
        }
        return ClusterBuilder.of(clusterMode).metadataPort(mine == null ? 0 : mine);
    }

    /** The cluster layer's name for it. */
    public ClusterMode clusterMode() {
        return clusterMode;
    }
}
