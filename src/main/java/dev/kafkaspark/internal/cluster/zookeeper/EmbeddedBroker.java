package dev.kafkaspark.internal.cluster.zookeeper;

import dev.kafkaspark.internal.cluster.Broker;
import dev.kafkaspark.internal.cluster.BrokerDefaults;
import dev.kafkaspark.internal.cluster.ExitGuard;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.support.DataDir;
import dev.kafkaspark.internal.support.Failures;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.RuntimeCheck;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.network.SocketServerConfigs;
import org.apache.kafka.server.config.ReplicationConfigs;
import org.apache.kafka.server.config.ServerConfigs;
import org.apache.kafka.server.config.ZkConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;


/**
 * One in-process Kafka broker in ZooKeeper mode ({@link KafkaServer}), listening on 127.0.0.1, with its log
 * directory in a temp directory it deletes on close.
 */
public final class EmbeddedBroker implements Broker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final int brokerId;
    private final Properties props;
    private final DataDir logDir;
    private final int port;
    private KafkaServer server;
    private volatile boolean running;
    private volatile boolean closed;

    private EmbeddedBroker(int brokerId, Properties props, KafkaServer server, DataDir logDir, int port) {
        this.brokerId = brokerId;
        this.props = props;
        this.server = server;
        this.logDir = logDir;
        this.port = port;
        this.running = true;
    }

    /**
     * Starts a broker.
     *
     * @param brokerId the broker id
     * @param zkConnect the ZooKeeper connect string
     * @param port the listener port (0: any free port)
     * @param clusterSize how many brokers the cluster will have; sizes the internal topics' replication
     * @param overrides broker properties that win over the defaults set here
     * @param dataParent where to keep its log directory ({@code broker-<id>} below it) across restarts of the
     *     process; {@code null}: a temp directory removed on close
     * @param scram SASL/SCRAM logins and ACLs (its credentials must be in ZooKeeper already), or {@code null}
     */
    public static EmbeddedBroker start(int brokerId, String zkConnect, int port, int clusterSize,
            Map<String, String> overrides, Path dataParent, Scram scram) {
        RuntimeCheck.requireKafkaClients();
        ExitGuard.acquire();
        DataDir logDir;
        try {
            logDir = DataDir.of(dataParent, "broker-" + brokerId, "kafka-spark-broker-" + brokerId + "-");
        } catch (RuntimeException | Error e) {
            ExitGuard.release();
            throw e;
        }
        String protocol = scram == null ? "PLAINTEXT" : Scram.PROTOCOL;
        Properties props = defaults(brokerId, zkConnect, port, clusterSize, logDir);
        props.put(SocketServerConfigs.LISTENERS_CONFIG, protocol + "://" + Ports.LOOPBACK + ":" + port);
        if (scram != null) {
            props.putAll(scram.brokerProperties("kafka.security.authorizer.AclAuthorizer"));
        }
        props.putAll(overrides);
        try {
            KafkaServer server = startServer(brokerId, props);
            int bound = server.boundPort(ListenerName.normalised(protocol));
            // A restart binds the same port, so clients find the broker where they left it.
            props.put(SocketServerConfigs.LISTENERS_CONFIG, protocol + "://" + Ports.LOOPBACK + ":" + bound);
            LOG.info("Kafka broker {} started at {}:{}", brokerId, Ports.LOOPBACK, bound);
            return new EmbeddedBroker(brokerId, props, server, logDir, bound);
        } catch (Throwable e) {
            // Throwable: Kafka's Scala code throws checked exceptions (ZooKeeper's NodeExistsException) undeclared.
            try (logDir) {
                ExitGuard.release();
            }
            throw e;
        }
    }

    private static KafkaServer startServer(int brokerId, Properties props) {
        KafkaServer server;
        try {
            server = new KafkaServer(KafkaConfig.fromProps(props), Time.SYSTEM, Option.apply("broker-" + brokerId),
                    false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid broker configuration: " + e.getMessage(), e);
        }
        try {
            server.startup();
            return server;
        } catch (Throwable e) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (Throwable suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof Error error) {
                throw error;
            }
            if (e instanceof org.apache.zookeeper.KeeperException.NodeExistsException) {
                throw new IllegalStateException("broker id " + props.getProperty(ServerConfigs.BROKER_ID_CONFIG)
                        + " is already registered in ZooKeeper "
                        + props.getProperty(ZkConfigs.ZK_CONNECT_CONFIG) + ": another broker has it; give this one"
                        + " another id", e);
            }
            throw new IllegalStateException("Kafka broker " + brokerId + " did not start: " + Failures.rootCause(e), e);
        }
    }

    private static Properties defaults(int brokerId, String zkConnect, int port, int clusterSize, DataDir logDir) {
        Properties p = BrokerDefaults.common(clusterSize, logDir.path());
        p.put(ServerConfigs.BROKER_ID_CONFIG, Integer.toString(brokerId));
        p.put(ZkConfigs.ZK_CONNECT_CONFIG, zkConnect);
        p.put(SocketServerConfigs.LISTENERS_CONFIG, "PLAINTEXT://" + Ports.LOOPBACK + ":" + port);
        // A stopping broker retries controlled shutdown 3 x 5 s by default; a local cluster needs far less.
        p.put(ServerConfigs.CONTROLLED_SHUTDOWN_RETRY_BACKOFF_MS_CONFIG, "200");
        // On loopback a controller answers in milliseconds; when it is gone (its process stopped first), a stopping
        // broker should give up on controlled shutdown in seconds, not after 3 x 30 s.
        p.put(ReplicationConfigs.CONTROLLER_SOCKET_TIMEOUT_MS_CONFIG, "5000");
        // One attempt: a controller that cannot reach ZooKeeper holds each attempt until the timeout.
        p.put(ServerConfigs.CONTROLLED_SHUTDOWN_MAX_RETRIES_CONFIG, "1");
        return p;
    }

    /** The broker id. */
    @Override
    public int brokerId() {
        return brokerId;
    }

    /** The port the listener is bound to. */
    @Override
    public int port() {
        return port;
    }

    /** The address clients bootstrap from, such as {@code 127.0.0.1:9092}. */
    @Override
    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    /** Whether this broker is running and connected to its ZooKeeper. */
    public boolean zookeeperConnected() {
        KafkaServer s = server;
        try {
            return running && s != null && s.zkClient() != null && s.zkClient().currentZooKeeper().getState()
                    .isConnected();
        } catch (RuntimeException e) {
            return false; // Shutting down under our feet.
        }
    }

    /** Whether this broker is running (not stopped, not closed). */
    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops the broker (controlled shutdown: it hands its partitions' leadership to other brokers first) and keeps
     * its data, so {@link #restart()} brings it back where it was.
     */
    @Override
    public synchronized void stop() {
        if (closed) {
            throw new IllegalStateException("broker " + brokerId + " is closed");
        }
        if (!running) {
            return;
        }
        running = false;
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker {} stopped (data kept)", brokerId);
    }

    /** Starts a stopped broker again, on the same port, with the same data; it then catches up with the leaders. */
    @Override
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("broker " + brokerId + " is closed");
        }
        if (running) {
            return;
        }
        server = startServer(brokerId, props);
        running = true;
        LOG.info("Kafka broker {} restarted at {}", brokerId, bootstrapServers());
    }

    /** Stops the broker (controlled shutdown) and deletes its log directory; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (logDir) {
            if (running) {
                running = false;
                server.shutdown();
                server.awaitShutdown();
            }
            LOG.info("Kafka broker {} stopped", brokerId);
        } finally {
            ExitGuard.release();
        }
    }
}
