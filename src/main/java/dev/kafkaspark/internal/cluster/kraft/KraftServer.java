package dev.kafkaspark.internal.cluster.kraft;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import kafka.server.StandardFaultHandlerFactory;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.raft.QuorumConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * One KRaft node's servers, built here as Kafka's own test kit builds them: the broker ({@link BrokerServer}) and,
 * on a voter, the controller ({@link ControllerServer}) over one {@link SharedServer}, as {@link KafkaRaftServer}
 * would build them. Holding the broker part lets a stop bound its controlled shutdown, which
 * {@code KafkaRaftServer} keeps private. This is the one class to follow Kafka's server classes when they change.
 */
final class KraftServer implements Server {

    private static final Logger LOG = LoggerFactory.getLogger(KraftServer.class);

    private final KafkaConfig config;
    private final Metrics metrics;
    private final BrokerServer broker;
    private final ControllerServer controller;

    /** Reads the formatted log directories and builds the servers (nothing starts yet). */
    KraftServer(KafkaConfig config, boolean controller) {
        this.config = config;
        Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> dirs = KafkaRaftServer.initializeLogDirs(config, LOG,
                "[KafkaRaftServer nodeId=" + config.nodeId() + "] ");
        this.metrics = Server.initializeMetrics(config, Time.SYSTEM, dirs._1().clusterId().get());
        SharedServer shared = new SharedServer(config, dirs._1(), Time.SYSTEM, metrics,
                CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(config.quorumVoters())),
                QuorumConfig.parseBootstrapServers(config.quorumBootstrapServers()), new StandardFaultHandlerFactory());
        this.broker = new BrokerServer(shared);
        this.controller = controller ? new ControllerServer(shared, KafkaRaftServer.configSchema(), dirs._2()) : null;
    }

    @Override
    public void startup() {
        if (controller != null) {
            controller.startup();
        }
        broker.startup();
        AppInfoParser.registerAppInfo(Server.MetricsPrefix(), Integer.toString(config.brokerId()), metrics,
                Time.SYSTEM.milliseconds());
    }

    @Override
    public void shutdown() {
        shutdown(null);
    }

    /**
     * Stops the broker, then the controller; {@code controlledShutdown} bounds how long the broker waits for the
     * quorum to approve its controlled shutdown ({@code null}: Kafka's own limit, 5 minutes).
     */
    void shutdown(Duration controlledShutdown) {
        if (controlledShutdown == null) {
            broker.shutdown();
        } else {
            broker.shutdown(controlledShutdown);
        }
        if (controller != null) {
            controller.shutdown();
        }
        try {
            AppInfoParser.unregisterAppInfo(Server.MetricsPrefix(), Integer.toString(config.brokerId()), metrics);
        } catch (RuntimeException e) {
            LOG.debug("could not unregister the node's app info: {}", e.toString());
        }
    }

    @Override
    public void awaitShutdown() {
        broker.awaitShutdown();
        if (controller != null) {
            controller.awaitShutdown();
        }
    }
}
