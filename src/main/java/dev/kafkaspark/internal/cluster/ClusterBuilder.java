package dev.kafkaspark.internal.cluster;

import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.cluster.kraft.KraftKafkaCluster;
import dev.kafkaspark.internal.cluster.zookeeper.ZkKafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The settings every mode's cluster takes, so the demo, the commands and the harness build a cluster without knowing
 * how it keeps its metadata. The mode's own builder ({@link ZkKafkaCluster#builder()},
 * {@link KraftKafkaCluster#builder()}) has the rest.
 */
public interface ClusterBuilder {

    /** A builder for a cluster in this mode. */
    static ClusterBuilder of(ClusterMode mode) {
        return switch (mode) {
            case ZOOKEEPER -> ZkKafkaCluster.builder();
            case KRAFT -> KraftKafkaCluster.builder();
        };
    }

    /** How many brokers (1 to 5). */
    ClusterBuilder brokers(int count);

    /** The first broker's client port; 0 (the default) picks a free one. */
    ClusterBuilder brokerPort(int port);

    /**
     * The port of the metadata service: ZooKeeper's in ZooKeeper mode, the first controller's in KRaft mode; 0 (the
     * default) picks a free one.
     */
    ClusterBuilder metadataPort(int port);

    /** The first broker's id (the default 0); further brokers count up from it. */
    ClusterBuilder firstBrokerId(int id);

    /** A broker property that wins over the defaults, for every broker. */
    ClusterBuilder brokerProperty(String key, String value);

    /** All given broker properties, as {@link #brokerProperty}. */
    ClusterBuilder brokerProperties(Map<String, String> properties);

    /** Keep the data below this directory across restarts, as the real start scripts do; default: temp. */
    ClusterBuilder dataDir(Path dir);

    /** How long start-up may take before it fails. */
    ClusterBuilder startTimeout(Duration timeout);

    /**
     * Every listener requires a SASL/SCRAM login, the brokers log in to each other as {@code scram.broker()}, and an
     * authorizer allows only what ACLs allow ({@code scram.admin()} and the broker user are super users); {@code null}
     * (the default): no logins, everything allowed.
     */
    ClusterBuilder scram(Scram scram);

    /** Starts the cluster and waits until every broker answers. */
    KafkaCluster start();
}
