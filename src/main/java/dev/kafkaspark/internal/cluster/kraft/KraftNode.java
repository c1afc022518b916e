package dev.kafkaspark.internal.cluster.kraft;

import dev.kafkaspark.internal.cluster.BrokerDefaults;
import dev.kafkaspark.internal.cluster.EmbeddedServer;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.support.DataDir;
import dev.kafkaspark.internal.support.Failures;
import dev.kafkaspark.internal.support.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.Server;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.network.SocketServerConfigs;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.config.KRaftConfigs;
import org.apache.kafka.server.config.ReplicationConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-process Kafka node in KRaft mode ({@link KraftServer}), listening on 127.0.0.1: a broker and a
 * controller at once (a voter of the metadata quorum), or a broker alone that joins controllers elsewhere. Its log
 * directory, which also holds the metadata log, is formatted with the cluster's id before the first start, as
 * {@code kafka-storage.sh format} does.
 */
public final class KraftNode extends EmbeddedServer {

    private static final Logger LOG = LoggerFactory.getLogger(KraftNode.class);
    /** How long a stopping broker waits for the quorum to approve its controlled shutdown. */
    private static final Duration CONTROLLED_SHUTDOWN = Duration.ofSeconds(5);
    /** The name of the listener controllers talk on. */
    static final String CONTROLLER = "CONTROLLER";

    private final Properties props;
    private final int controllerPort;

    /**
     * Where the node listens and how it finds the quorum.
     *
     * @param nodeId the node id (also its broker id)
     * @param port the client listener's port (chosen up front: KRaft nodes must know every address before start)
     * @param controllerPort the controller listener's port, or -1 for a broker that is not a controller
     * @param voters {@code controller.quorum.voters}: {@code id@host:port,...}
     * @param clusterId the cluster's id, written into the log directory when it is formatted
     * @param clusterSize how many brokers the cluster will have; sizes the internal topics' replication
     * @param scram SASL/SCRAM logins and ACLs, or {@code null} for none
     */
    record Settings(int nodeId, int port, int controllerPort, String voters, String clusterId, int clusterSize,
            Scram scram) {

        boolean controller() {
            return controllerPort >= 0;
        }
    }

    private KraftNode(Settings settings, Properties props, KraftServer server, DataDir logDir) {
        super("node", settings.nodeId(), settings.port(), logDir, server);
        this.controllerPort = settings.controllerPort();
        this.props = props;
    }

    /**
     * Formats the log directory (unless it already holds this node's data) and starts the node; returns once it
     * serves as a broker.
     *
     * @param overrides broker properties that win over the defaults set here
     * @param dataParent where to keep its log directory ({@code node-<id>} below it); {@code null}: a temp
     *     directory removed on close
     */
    static KraftNode start(Settings settings, Map<String, String> overrides, Path dataParent) {
        return starting(dataParent, "node-" + settings.nodeId(), "kafka-spark-kraft-" + settings.nodeId() + "-",
                logDir -> {
                    Properties props = defaults(settings, logDir.path());
                    props.putAll(overrides);
                    format(settings, logDir.path());
                    KraftServer server = startServer(settings.nodeId(), settings.controller(), props);
                    LOG.info("Kafka node {} ({}) started at {}:{}", settings.nodeId(), roles(settings),
                            Ports.LOOPBACK, settings.port());
                    return new KraftNode(settings, props, server, logDir);
                });
    }

    @Override
    protected KraftServer startAgain() {
        return startServer(brokerId(), controllerPort >= 0, props);
    }

    private static String roles(Settings s) {
        return s.controller() ? "broker,controller" : "broker";
    }

    /** The cluster id a kept log directory ({@code node-<id>} below {@code dataParent}) was formatted with, if any. */
    static Optional<String> formattedClusterId(Path dataParent, int nodeId) {
        if (dataParent == null) {
            return Optional.empty();
        }
        Path meta = dataParent.resolve("node-" + nodeId).resolve("meta.properties");
        if (!Files.exists(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(meta)) {
            p.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + meta + ": " + e.getMessage(), e);
        }
        return Optional.ofNullable(p.getProperty("cluster.id"));
    }

    /** What {@code kafka-storage.sh format} does: meta.properties with the cluster id, and the bootstrap metadata. */
    private static void format(Settings s, Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return; // Kept data from an earlier run: formatted then, with the cluster id it still belongs to.
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            new Formatter().setPrintStream(print).setNodeId(s.nodeId()).setClusterId(s.clusterId())
                    .setDirectories(List.of(dir.toString())).setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName(CONTROLLER).setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    // What kafka-storage.sh format --add-scram does: the brokers' and admin's credentials are in the
                    // metadata from the start, so the brokers can log in to each other before anyone adds a user.
                    .setScramArguments(s.scram() == null ? List.of() : s.scram().formatArguments())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format the log directory of Kafka node " + s.nodeId() + ": "
                    + Failures.rootCause(e), e);
        }
        LOG.info("formatted {} for node {}: {}", dir, s.nodeId(), out.toString(StandardCharsets.UTF_8).strip());
    }

    private static KraftServer startServer(int nodeId, boolean controller, Properties props) {
        KraftServer server;
        try {
            server = new KraftServer(KafkaConfig.fromProps(props), controller);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid Kafka node configuration: " + e.getMessage(), e);
        }
        return startup(server, e -> new IllegalStateException("Kafka node " + nodeId + " did not start: "
                + Failures.rootCause(e), e));
    }

    private static Properties defaults(Settings s, Path logDir) {
        Properties p = BrokerDefaults.common(s.clusterSize(), logDir);
        p.put(KRaftConfigs.PROCESS_ROLES_CONFIG, roles(s));
        p.put(KRaftConfigs.NODE_ID_CONFIG, Integer.toString(s.nodeId()));
        p.put(KRaftConfigs.METADATA_LOG_DIR_CONFIG, logDir.toString());
        p.put(KRaftConfigs.CONTROLLER_LISTENER_NAMES_CONFIG, CONTROLLER);
        String client = s.scram() == null ? "PLAINTEXT" : Scram.PROTOCOL;
        String listeners = client + "://" + Ports.LOOPBACK + ":" + s.port();
        if (s.controller()) {
            listeners += "," + CONTROLLER + "://" + Ports.LOOPBACK + ":" + s.controllerPort();
        }
        p.put(SocketServerConfigs.LISTENERS_CONFIG, listeners);
        p.put(SocketServerConfigs.ADVERTISED_LISTENERS_CONFIG, client + "://" + Ports.LOOPBACK + ":" + s.port());
        p.put(SocketServerConfigs.LISTENER_SECURITY_PROTOCOL_MAP_CONFIG,
                client + ":" + client + "," + CONTROLLER + ":" + client);
        p.put(ReplicationConfigs.INTER_BROKER_LISTENER_NAME_CONFIG, client);
        if (s.scram() != null) {
            s.scram().kraftProperties(CONTROLLER).forEach(p::put);
        }
        p.put(QuorumConfig.QUORUM_VOTERS_CONFIG, s.voters());
        // A broker that stops unannounced is fenced after this long (Kafka's default: 9 s).
        p.put(KRaftConfigs.BROKER_SESSION_TIMEOUT_MS_CONFIG, "3000");
        p.put(KRaftConfigs.BROKER_HEARTBEAT_INTERVAL_MS_CONFIG, "500");
        return p;
    }

    /** The controller listener's port, or -1 when this node is a broker only. */
    public int controllerPort() {
        return controllerPort;
    }

    /** The controller listener's address, such as {@code 127.0.0.1:9093}; empty for a broker only. */
    public String controllerAddress() {
        return controllerPort < 0 ? "" : Ports.LOOPBACK + ":" + controllerPort;
    }

    /** Stops the node (the broker hands its partitions' leadership on first) and keeps its data. */
    @Override
    public synchronized void stop() {
        stop(CONTROLLED_SHUTDOWN);
    }

    /** Stops the node and deletes its log directory; safe to call twice. */
    @Override
    public void close() {
        close(CONTROLLED_SHUTDOWN);
    }

    /**
     * As {@link #close()}, waiting at most {@code controlledShutdown} for the quorum to approve the broker's
     * controlled shutdown: when the whole cluster stops there is no broker left to hand partitions to, and the quorum
     * would hold the last ones back until the limit.
     */
    @Override
    protected synchronized void close(Duration controlledShutdown) {
        super.close(controlledShutdown);
    }

    /**
     * Stops a server, waiting at most {@code controlledShutdown} for the quorum to approve the broker's controlled
     * shutdown. Kafka waits up to 5 minutes for that approval, which never comes when the quorum has lost its majority
     * (the other voters stopped first, or the controllers' process is gone).
     */
    @Override
    protected void shutdown(Server s, Duration controlledShutdown) {
        KraftServer server = (KraftServer) s;
        server.shutdown(controlledShutdown);
        server.awaitShutdown();
    }
}
