package dev.kafkaspark.cluster;

import dev.kafkaspark.support.Backoff;
import dev.kafkaspark.support.Closer;
import dev.kafkaspark.support.DataDir;
import dev.kafkaspark.support.Failures;
import dev.kafkaspark.support.RuntimeCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * ZooKeeper plus one or more brokers in ZooKeeper mode, all in this JVM and all on 127.0.0.1. Built with
 * {@link #builder()}; the configuration is fixed once started. A start that fails half-way stops what it started.
 */
public final class ZkKafkaCluster implements KafkaCluster {

    private static final Logger LOG = LoggerFactory.getLogger(ZkKafkaCluster.class);

    private final EmbeddedZooKeeper zookeeper;
    private final String zookeeperConnect;
    private final List<Broker> brokers;
    private final Admin admin;
    private final Closer closer;
    private volatile boolean closed;

    private ZkKafkaCluster(EmbeddedZooKeeper zookeeper, String zookeeperConnect, List<? extends Broker> brokers,
            Admin admin, Closer closer) {
        this.zookeeper = zookeeper;
        this.zookeeperConnect = zookeeperConnect;
        this.brokers = List.copyOf(brokers);
        this.admin = admin;
        this.closer = closer;
    }

    /** A builder with the defaults: one broker, any free ports. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String bootstrapServers() {
        return brokers.stream().filter(Broker::isRunning).map(Broker::bootstrapServers)
                .collect(Collectors.joining(","));
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
        return brokers.stream().map(b -> (EmbeddedBroker) b).filter(EmbeddedBroker::isRunning)
                .allMatch(EmbeddedBroker::zookeeperConnected);
    }

    /** The embedded ZooKeeper, or {@code null} when the brokers joined an outside one. */
    public EmbeddedZooKeeper zookeeper() {
        return zookeeper;
    }

    @Override
    public List<Broker> brokers() {
        return brokers;
    }

    @Override
    public String allBootstrapServers() {
        return brokers.stream().map(Broker::bootstrapServers).collect(Collectors.joining(","));
    }

    @Override
    public Admin admin() {
        if (closed) {
            throw new IllegalStateException("the cluster is closed");
        }
        return admin;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closer.close();
    }

    /** Creates an admin client for the given bootstrap address with short, local-cluster timeouts. */
    public static Admin createAdmin(String bootstrapServers, Duration timeout) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-spark-demo-admin");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 10_000));
        return Admin.create(p);
    }

    /** Waits until the cluster's metadata lists every given broker id: the brokers answer requests. */
    static void awaitBrokers(Admin admin, Collection<Integer> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Collection<Node> nodes = List.of();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                nodes = admin.describeCluster().nodes().get(Math.max(1, remainingMillis(deadline)),
                        TimeUnit.MILLISECONDS);
                if (nodes.stream().map(Node::id).collect(Collectors.toSet()).containsAll(ids)) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e;
                LOG.debug("cluster not ready yet: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the brokers", e);
            }
            Backoff.pause(50);
        }
        throw new IllegalStateException("brokers " + ids + " did not all register within " + timeout.toMillis()
                + " ms; registered: " + nodes + (last == null ? "" : "; last error: " + Failures.message(last)), last);
    }

    private static long remainingMillis(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    /** Settings for a cluster; fixed once {@link #start()} is called. */
    public static final class Builder {
        private int brokers = 1;
        private java.nio.file.Path dataDir;
        private int zkPort = 0;
        private String externalZookeeper;
        private int firstBrokerPort = 0;
        private int firstBrokerId = 0;
        private final Map<String, String> brokerProperties = new HashMap<>();
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** How many brokers (1 to 5). */
        public Builder brokers(int count) {
            if (count < 1 || count > 5) {
                throw new IllegalArgumentException("brokers must be between 1 and 5, not " + count);
            }
            this.brokers = count;
            return this;
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

        /** The first broker's port; 0 (the default) picks a free one. Further brokers always take free ports. */
        public Builder brokerPort(int port) {
            this.firstBrokerPort = port;
            return this;
        }

        /** The first broker's id (the default 0); further brokers count up from it. */
        public Builder firstBrokerId(int id) {
            this.firstBrokerId = id;
            return this;
        }

        /** A broker property that wins over the defaults, for every broker. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /** All given broker properties, as {@link #brokerProperty}. */
        public Builder brokerProperties(Map<String, String> properties) {
            brokerProperties.putAll(properties);
            return this;
        }

        /**
         * Keep the data in this directory ({@code zookeeper/}, {@code broker-<id>/}) across restarts, as the real
         * start scripts do; default: temp directories removed on close.
         */
        public Builder dataDir(java.nio.file.Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** How long start-up may take before it fails. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Starts the brokers side by side (each start is mostly waiting on ZooKeeper and class loading). */
        private List<EmbeddedBroker> startBrokers(String zkConnect, Closer closer) {
            Map<String, String> props = Map.copyOf(brokerProperties);
            List<java.util.concurrent.CompletableFuture<EmbeddedBroker>> starts = new ArrayList<>();
            for (int i = 0; i < brokers; i++) {
                int id = firstBrokerId + i;
                int port = i == 0 ? firstBrokerPort : 0;
                starts.add(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> EmbeddedBroker.start(id, zkConnect, port, brokers, props, dataDir),
                        r -> {
                            Thread t = new Thread(r, "broker-" + id + "-start");
                            t.setDaemon(true);
                            t.start();
                        }));
            }
            List<EmbeddedBroker> started = new ArrayList<>();
            RuntimeException failure = null;
            for (var start : starts) {
                try {
                    started.add(closer.register(start.join()));
                } catch (java.util.concurrent.CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException re ? re
                            : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return started;
        }

        /** Starts ZooKeeper (unless external), then the brokers, and waits until all brokers answer. */
        public ZkKafkaCluster start() {
            RuntimeCheck.requireKafkaClients();
            Closer closer = new Closer();
            try {
                EmbeddedZooKeeper zk = null;
                String zkConnect = externalZookeeper;
                if (zkConnect == null) {
                    zk = closer.register(EmbeddedZooKeeper.start(zkPort,
                            DataDir.of(dataDir, "zookeeper", "kafka-spark-zk-")));
                    zkConnect = zk.connectString();
                }
                List<EmbeddedBroker> started = startBrokers(zkConnect, closer);
                String bootstrap = started.stream().map(EmbeddedBroker::bootstrapServers)
                        .collect(Collectors.joining(","));
                Admin admin = createAdmin(bootstrap, Duration.ofSeconds(30));
                closer.register(() -> admin.close(Duration.ofSeconds(5)));
                awaitBrokers(admin, started.stream().map(EmbeddedBroker::brokerId).toList(), startTimeout);
                return new ZkKafkaCluster(zk, zkConnect, started, admin, closer);
            } catch (Throwable e) {
                // Any failure, an Error included (a class path clash throws one), stops what started.
                try {
                    closer.close();
                } catch (Throwable suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }
}
