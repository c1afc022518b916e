package dev.kafkaspark.internal.cluster.zookeeper;

import dev.kafkaspark.internal.cluster.AbstractClusterBuilder;
import dev.kafkaspark.internal.cluster.AbstractKafkaCluster;
import dev.kafkaspark.internal.cluster.Admins;
import dev.kafkaspark.internal.cluster.Broker;
import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.cluster.ParallelStart;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.cluster.auth.ZkCredentials;
import dev.kafkaspark.internal.support.Closer;
import dev.kafkaspark.internal.support.DataDir;
import dev.kafkaspark.internal.support.RuntimeCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * ZooKeeper plus one or more brokers in ZooKeeper mode, all in this JVM and all on 127.0.0.1. Built with
 * {@link #builder()}; the configuration is fixed once started. A start that fails half-way stops what it started.
 */
public final class ZkKafkaCluster extends AbstractKafkaCluster {

    private final EmbeddedZooKeeper zookeeper;
    private final String zookeeperConnect;
    private ZkKafkaCluster(EmbeddedZooKeeper zookeeper, String zookeeperConnect, List<? extends Broker> brokers,
            Admin admin, Closer closer, Scram scram) {
        super(brokers, admin, closer, scram);
        this.zookeeper = zookeeper;
        this.zookeeperConnect = zookeeperConnect;
    }

    /** A builder with the defaults: one broker, any free ports. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ClusterMode mode() {
        return ClusterMode.ZOOKEEPER;
    }

    @Override
    public String clusterId() {
        return Admins.clusterId(admin());
    }

    @Override
    public Optional<String> controllers() {
        return Optional.empty();
    }

    @Override
    public int activeController() {
        return Admins.zookeeperController(admin());
    }

    @Override
    public Optional<String> zookeeperConnect() {
        return Optional.of(zookeeperConnect);
    }

    @Override
    public long metadataReadyAtMillis() {
        return zookeeper == null ? -1 : zookeeper.startedAtMillis();
    }

    /** Whether every running broker is connected to ZooKeeper (false while ZooKeeper is gone). */
    public boolean zookeeperConnected() {
        return brokers().stream().map(b -> (EmbeddedBroker) b).filter(EmbeddedBroker::isRunning)
                .allMatch(EmbeddedBroker::zookeeperConnected);
    }

    /** The embedded ZooKeeper, or {@code null} when the brokers joined an outside one. */
    public EmbeddedZooKeeper zookeeper() {
        return zookeeper;
    }

    /** Settings for a cluster; fixed once {@link #start()} is called. */
    public static final class Builder extends AbstractClusterBuilder<Builder> {
        private int zkPort = 0;
        private String externalZookeeper;

        private Builder() {
        }

        /** The embedded ZooKeeper's port; 0 (the default) picks a free one. */
        public Builder zookeeperPort(int port) {
            this.zkPort = port;
            return this;
        }

        /** Join this ZooKeeper instead of starting one. */
        public Builder externalZookeeper(String connectString) {
            this.externalZookeeper = connectString;
            return this;
        }

        @Override
        public Builder metadataPort(int port) {
            return zookeeperPort(port);
        }

        private List<EmbeddedBroker> startBrokers(String zkConnect, Closer closer) {
            Map<String, String> props = Map.copyOf(brokerProperties);
            List<Integer> ids = new ArrayList<>();
            List<Supplier<EmbeddedBroker>> starts = new ArrayList<>();
            for (int i = 0; i < brokers; i++) {
                int id = firstBrokerId + i;
                int port = i == 0 ? firstBrokerPort : 0;
                ids.add(id);
                starts.add(() -> EmbeddedBroker.start(id, zkConnect, port, brokers, props, dataDir, scram));
            }
            return ParallelStart.all(ids, starts, closer, null);
        }

        /** Starts ZooKeeper (unless external), then the brokers, and waits until all brokers answer. */
        @Override
        public ZkKafkaCluster start() {
            RuntimeCheck.requireKafkaClients();
            Closer closer = new Closer();
            return startOrStopAll(closer, () -> {
                EmbeddedZooKeeper zk = null;
                String zkConnect = externalZookeeper;
                if (zkConnect == null) {
                    zk = closer.register(EmbeddedZooKeeper.start(zkPort,
                            DataDir.of(dataDir, "zookeeper", "kafka-spark-zk-")));
                    zkConnect = zk.connectString();
                }
                if (scram != null) {
                    // The brokers log in to each other as their own user: its credential must be there first.
                    ZkCredentials.write(zkConnect, startTimeout, scram.broker(), scram.admin());
                }
                List<EmbeddedBroker> started = startBrokers(zkConnect, closer);
                Admin admin = openAdmin(started, scram, closer, startTimeout);
                return new ZkKafkaCluster(zk, zkConnect, started, admin, closer, scram);
            });
        }
    }
}
