package dev.kafkaspark.internal.cluster.kraft;

import dev.kafkaspark.internal.cluster.AbstractClusterBuilder;
import dev.kafkaspark.internal.cluster.AbstractKafkaCluster;
import dev.kafkaspark.internal.cluster.Admins;
import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.cluster.ParallelStart;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.support.Closer;
import dev.kafkaspark.internal.support.Failures;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.RuntimeCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.RaftVoterEndpoint;
import org.apache.kafka.common.Uuid;

/**
 * Kafka without ZooKeeper, all in this JVM and on 127.0.0.1: one or more nodes that are each a broker and a
 * controller, the controllers forming the metadata quorum (its voters); or brokers alone that join the quorum of a
 * cluster started elsewhere. Built with {@link #builder()}; a start that fails half-way stops what it started.
 */
public final class KraftKafkaCluster extends AbstractKafkaCluster {

    private static final Duration CONTROLLED_SHUTDOWN_ON_CLOSE = Duration.ofSeconds(5);

    private final List<KraftNode> nodes;
    private final String clusterId;
    private final String controllers;
    private final Admin controllerAdmin;
    private final long quorumReadyAtMillis;

    private KraftKafkaCluster(List<KraftNode> nodes, String clusterId, String controllers, Admin admin,
            Admin controllerAdmin, Closer closer, long quorumReadyAtMillis, Scram scram) {
        super(nodes, admin, closer, scram);
        this.controllerAdmin = controllerAdmin;
        this.nodes = List.copyOf(nodes);
        this.clusterId = clusterId;
        this.controllers = controllers;
        this.quorumReadyAtMillis = quorumReadyAtMillis;
    }

    /** A builder with the defaults: one node (broker and controller), any free ports. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ClusterMode mode() {
        return ClusterMode.KRAFT;
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public Optional<String> controllers() {
        return Optional.of(controllers);
    }

    /** Asks the controllers themselves (a broker would forward the question to the one it believes leads). */
    @Override
    public int activeController() {
        requireOpen();
        return Admins.quorumLeader(controllerAdmin);
    }

    @Override
    public Optional<String> zookeeperConnect() {
        return Optional.empty();
    }

    @Override
    public long metadataReadyAtMillis() {
        return quorumReadyAtMillis;
    }

    /** The nodes, with their controller ports. */
    public List<KraftNode> nodes() {
        return nodes;
    }

    /**
     * The ids of the nodes the controller quorum at these addresses knows (its voters and the brokers that joined).
     *
     * @throws IllegalStateException in one line, when no controller answers there
     */
    public static List<Integer> nodeIdsAt(String controllers) {
        return Builder.quorumAt(controllers).nodeIds();
    }

    /** Settings for a cluster; fixed once {@link #start()} is called. */
    public static final class Builder extends AbstractClusterBuilder<Builder> {
        private int firstControllerPort = 0;
        private String joinControllers;

        private Builder() {
        }

        /** The first node's controller port; 0 (the default) picks a free one. Further nodes take free ports. */
        public Builder controllerPort(int port) {
            this.firstControllerPort = port;
            return this;
        }

        /** The first node's id (the default 0); further nodes count up from it. */
        public Builder firstNodeId(int id) {
            return firstBrokerId(id);
        }

        /**
         * Start brokers only, joining the cluster whose controller quorum listens at these addresses
         * ({@code host:port,...}), as {@code --zookeeper} joins brokers to a ZooKeeper.
         */
        public Builder joinControllers(String addresses) {
            this.joinControllers = addresses;
            return this;
        }

        @Override
        public Builder metadataPort(int port) {
            return controllerPort(port);
        }

        /** Formats and starts the nodes side by side, and waits until every broker answers. */
        @Override
        public KraftKafkaCluster start() {
            if (scram != null && KraftNode.formattedClusterId(dataDir, firstBrokerId).isPresent()) {
                throw new IllegalArgumentException("SCRAM logins with kept KRaft data are not built yet: the"
                        + " credentials are written when the log directories are formatted, and these are: start"
                        + " without the kept data directory, or without SCRAM");
            }
            if (scram != null && joinControllers != null) {
                throw new IllegalArgumentException("SCRAM logins for brokers that join a quorum elsewhere are not"
                        + " built yet: start the whole KRaft cluster in one process");
            }
            RuntimeCheck.requireKafkaClients();
            // Every node's ports are picked before any node starts (the voters are named by address): another
            // process may take one in between, and then the whole start runs again on newly picked ports.
            return Ports.retryingBind("Kafka (KRaft)", this::startOnce);
        }

        private KraftKafkaCluster startOnce() {
            Closer closer = new Closer();
            return startOrStopAll(closer, () -> {
                String clusterId;
                String controllers;
                List<KraftNode.Settings> settings = new ArrayList<>();
                if (joinControllers != null) {
                    // Brokers find the active controller through the voters' addresses; the quorum itself says them.
                    Quorum quorum = quorumAt(joinControllers);
                    for (int i = 0; i < brokers; i++) {
                        if (quorum.nodeIds().contains(firstBrokerId + i)) {
                            throw new IllegalArgumentException("node id " + (firstBrokerId + i) + " is already in the"
                                    + " cluster of the controllers at " + joinControllers + " (ids: "
                                    + quorum.nodeIds() + "): give this broker another id");
                        }
                    }
                    clusterId = quorum.clusterId();
                    controllers = joinControllers;
                    for (int i = 0; i < brokers; i++) {
                        settings.add(new KraftNode.Settings(firstBrokerId + i, port(i, firstBrokerPort), -1,
                                quorum.voters(), clusterId, brokers, null));
                    }
                } else {
                    // Kept data (--data-dir) belongs to the cluster it was formatted for: keep that id.
                    clusterId = KraftNode.formattedClusterId(dataDir, firstBrokerId)
                            .orElseGet(() -> Uuid.randomUuid().toString());
                    // Voters are named with their addresses before any starts: every port is chosen up front.
                    List<int[]> ports = new ArrayList<>();
                    for (int i = 0; i < brokers; i++) {
                        ports.add(new int[] {port(i, firstBrokerPort), port(i, firstControllerPort)});
                    }
                    String voters = "";
                    controllers = "";
                    for (int i = 0; i < brokers; i++) {
                        voters += (i == 0 ? "" : ",") + (firstBrokerId + i) + "@" + Ports.LOOPBACK + ":" + ports.get(i)[1];
                        controllers += (i == 0 ? "" : ",") + Ports.LOOPBACK + ":" + ports.get(i)[1];
                    }
                    for (int i = 0; i < brokers; i++) {
                        settings.add(new KraftNode.Settings(firstBrokerId + i, ports.get(i)[0], ports.get(i)[1], voters,
                                clusterId, brokers, scram));
                    }
                }
                // The whole cluster stops together: no broker is left to take partitions over, so a controlled
                // shutdown has nothing to do. Brokers that joined a quorum elsewhere hand theirs over first.
                Duration handOver = joinControllers == null ? Duration.ZERO : CONTROLLED_SHUTDOWN_ON_CLOSE;
                java.util.function.Consumer<KraftNode> closeAll = node -> node.close(handOver);
                Map<String, String> props = Map.copyOf(brokerProperties);
                List<Supplier<KraftNode>> starts = new ArrayList<>();
                for (KraftNode.Settings s : settings) {
                    starts.add(() -> KraftNode.start(s, props, dataDir));
                }
                List<KraftNode> started = ParallelStart.all(settings.stream().map(KraftNode.Settings::nodeId).toList(),
                        starts, closer, closeAll);
                long quorumReady = System.currentTimeMillis();
                Admin controllerAdmin = Admins.createForControllers(controllers, Duration.ofSeconds(5),
                        scram == null ? Map.of() : scram.controllerClientProperties());
                closer.register(() -> controllerAdmin.close(Duration.ofSeconds(5)));
                Admin admin = openAdmin(started, scram, closer, startTimeout);
                return new KraftKafkaCluster(started, clusterId, controllers, admin, controllerAdmin, closer,
                        quorumReady, scram);
            });
        }

        /** The first node's port as asked for (0: any); the other nodes' ports are always any free port. */
        private static int port(int index, int first) {
            return index == 0 && first != 0 ? first : Ports.anyFree();
        }

        /**
         * What a joining broker needs to know of the quorum: the cluster's id, the voters with their addresses, and
         * the ids of every node it knows (voters and brokers).
         */
        private record Quorum(String clusterId, String voters, List<Integer> nodeIds) {
        }

        /** Asks the controllers at these addresses which cluster they run, who the voters are and which ids exist. */
        private static Quorum quorumAt(String controllers) {
            if (!Ports.anyListening(controllers, Duration.ofSeconds(1))) {
                throw new IllegalStateException("nothing listens at " + controllers + ": start the first node with"
                        + " broker --mode kraft, and pass the controller address it prints");
            }
            try (Admin admin = Admins.createForControllers(controllers, Duration.ofSeconds(10))) {
                String clusterId = admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
                QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS);
                List<String> voters = new ArrayList<>();
                List<Integer> ids = new ArrayList<>();
                quorum.observers().forEach(r -> ids.add(r.replicaId()));
                for (QuorumInfo.ReplicaState voter : quorum.voters()) {
                    ids.add(voter.replicaId());
                    QuorumInfo.Node node = quorum.nodes().get(voter.replicaId());
                    RaftVoterEndpoint endpoint = node == null ? null : node.endpoints().stream()
                            .filter(e -> e.name().equals(KraftNode.CONTROLLER)).findFirst()
                            .orElse(node.endpoints().isEmpty() ? null : node.endpoints().get(0));
                    if (endpoint == null) {
                        throw new IllegalStateException("the quorum at " + controllers + " does not say where voter "
                                + voter.replicaId() + " listens");
                    }
                    voters.add(voter.replicaId() + "@" + endpoint.host() + ":" + endpoint.port());
                }
                return new Quorum(clusterId, String.join(",", voters), ids.stream().distinct().sorted().toList());
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("no KRaft controller answers at " + controllers + " ("
                        + Failures.message(e) + "): start the first node with broker --mode kraft, and pass the"
                        + " controller address it prints", e);
            }
        }
    }
}
