package dev.kafkaspark.testing;

/** Which Kafka a test gets: brokers with a ZooKeeper (the default), or KRaft nodes with no ZooKeeper. */
public enum KafkaMode {
    /** A ZooKeeper and brokers that register in it. */
    ZOOKEEPER,
    /** Nodes that are broker and controller at once, keeping the metadata in their own quorum (Kafka 4's only way). */
    KRAFT
}
