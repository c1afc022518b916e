package dev.kafkaspark.internal.cluster;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.coordinator.group.GroupCoordinatorConfig;
import org.apache.kafka.coordinator.transaction.TransactionLogConfigs;
import org.apache.kafka.network.SocketServerConfigs;
import org.apache.kafka.server.config.ServerConfigs;
import org.apache.kafka.server.config.ServerLogConfigs;
import org.apache.kafka.storage.internals.log.CleanerConfig;

/** The broker settings every broker of this program starts from, whichever mode keeps the cluster's metadata. */
public final class BrokerDefaults {

    private BrokerDefaults() {
    }

    /**
     * @param clusterSize how many brokers the cluster will have; sizes the internal topics' replication
     * @param logDir the broker's log directory
     */
    public static Properties common(int clusterSize, Path logDir) {
        short internalReplication = (short) Math.min(clusterSize, 3);
        Properties p = new Properties();
        p.put(ServerLogConfigs.LOG_DIRS_CONFIG, logDir.toString());
        // Topics are created on purpose, as the walkthrough teaches; a typo must not create one.
        p.put(ServerLogConfigs.AUTO_CREATE_TOPICS_ENABLE_CONFIG, "false");
        p.put(ServerConfigs.DELETE_TOPIC_ENABLE_CONFIG, "true");
        // Internal topics sized for a small local cluster: fewer partitions make the first group join faster.
        p.put(GroupCoordinatorConfig.OFFSETS_TOPIC_REPLICATION_FACTOR_CONFIG, Short.toString(internalReplication));
        p.put(GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS_CONFIG, "5");
        p.put(GroupCoordinatorConfig.GROUP_INITIAL_REBALANCE_DELAY_MS_CONFIG, "0");
        p.put(TransactionLogConfigs.TRANSACTIONS_TOPIC_REPLICATION_FACTOR_CONFIG, Short.toString(internalReplication));
        p.put(TransactionLogConfigs.TRANSACTIONS_TOPIC_MIN_ISR_CONFIG, "1");
        p.put(TransactionLogConfigs.TRANSACTIONS_TOPIC_PARTITIONS_CONFIG, "5");
        // The cleaner's default 128 MiB buffer is heap a demo never needs.
        p.put(CleanerConfig.LOG_CLEANER_DEDUPE_BUFFER_SIZE_PROP, Integer.toString(4 * 1024 * 1024));
        // Threads for a small machine: Kafka's defaults (8 request handlers, 3 network threads, 10 background
        // threads per broker) are sized for a server, and here they share two cores with Spark and the producer.
        p.put(ServerConfigs.NUM_IO_THREADS_CONFIG, "2");
        p.put(SocketServerConfigs.NUM_NETWORK_THREADS_CONFIG, "2");
        p.put(ServerConfigs.BACKGROUND_THREADS_CONFIG, "2");
        return p;
    }
}
