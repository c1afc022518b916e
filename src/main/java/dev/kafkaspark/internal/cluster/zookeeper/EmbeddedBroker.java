package dev.kafkaspark.internal.cluster.zookeeper;

import dev.kafkaspark.internal.cluster.BrokerDefaults;
import dev.kafkaspark.internal.cluster.EmbeddedServer;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.support.DataDir;
import dev.kafkaspark.internal.support.Failures;
import dev.kafkaspark.internal.support.Ports;
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
public final class EmbeddedBroker extends EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Properties props;

    private EmbeddedBroker(int brokerId, Properties props, KafkaServer server, DataDir logDir, int port) {
        super("broker", brokerId, port, logDir, server);
        this.props = props;
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
        return starting(dataParent, "broker-" + brokerId, "kafka-spark-broker-" + brokerId + "-", logDir -> {
            String protocol = scram == null ? "PLAINTEXT" : Scram.PROTOCOL;
            Properties props = defaults(brokerId, zkConnect, port, clusterSize, logDir);
            props.put(SocketServerConfigs.LISTENERS_CONFIG, protocol + "://" + Ports.LOOPBACK + ":" + port);
            if (scram != null) {
                props.putAll(scram.brokerProperties("kafka.security.authorizer.AclAuthorizer"));
            }
            props.putAll(overrides);
            KafkaServer server = startServer(brokerId, props);
            int bound = server.boundPort(ListenerName.normalised(protocol));
            // A restart binds the same port, so clients find the broker where they left it.
            props.put(SocketServerConfigs.LISTENERS_CONFIG, protocol + "://" + Ports.LOOPBACK + ":" + bound);
            LOG.info("Kafka broker {} started at {}:{}", brokerId, Ports.LOOPBACK, bound);
            return new EmbeddedBroker(brokerId, props, server, logDir, bound);
        });
    }

    @Override
    protected KafkaServer startAgain() {
        return startServer(brokerId(), props);
    }

    private static KafkaServer startServer(int brokerId, Properties props) {
        KafkaServer server;
        try {
            server = new KafkaServer(KafkaConfig.fromProps(props), Time.SYSTEM, Option.apply("broker-" + brokerId),
                    false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid broker configuration: " + e.getMessage(), e);
        }
        return startup(server, e -> e instanceof org.apache.zookeeper.KeeperException.NodeExistsException
                ? new IllegalStateException("broker id " + props.getProperty(ServerConfigs.BROKER_ID_CONFIG)
                        + " is already registered in ZooKeeper " + props.getProperty(ZkConfigs.ZK_CONNECT_CONFIG)
                        + ": another broker has it; give this one another id", e)
                : new IllegalStateException("Kafka broker " + brokerId + " did not start: " + Failures.rootCause(e),
                        e));
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

    /** Whether this broker is running and connected to its ZooKeeper. */
    public boolean zookeeperConnected() {
        KafkaServer s = (KafkaServer) server();
        try {
            return isRunning() && s != null && s.zkClient() != null && s.zkClient().currentZooKeeper().getState()
                    .isConnected();
        } catch (RuntimeException e) {
            return false; // Shutting down under our feet.
        }
    }
}
