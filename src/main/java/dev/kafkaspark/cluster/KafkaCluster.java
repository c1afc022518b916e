package dev.kafkaspark.cluster;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;

/**
 * A running Kafka cluster this process owns. ZooKeeper mode is the one implementation today ({@link ZkKafkaCluster});
 * a KRaft one can sit behind the same contract.
 */
public interface KafkaCluster extends AutoCloseable {

    /** The bootstrap address list for clients, read from the running brokers. */
    String bootstrapServers();

    /** The ZooKeeper connect string, or {@code null} in a mode without ZooKeeper. */
    String zookeeperConnect();

    /** The running brokers, in start order. */
    List<EmbeddedBroker> brokers();

    /** An admin client for this cluster, owned by the cluster (do not close it). */
    Admin admin();

    /** Stops the brokers, then the coordination service, and deletes every file they wrote; idempotent. */
    @Override
    void close();
}
