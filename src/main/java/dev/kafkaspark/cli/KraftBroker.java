package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.BoundedStop;
import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.cluster.kraft.KraftKafkaCluster;
import dev.kafkaspark.internal.cluster.kraft.KraftNode;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.SelfCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * {@code broker --mode kraft}: Kafka nodes with no ZooKeeper. By default each node is a broker and a controller, and
 * the nodes of this process form the controller quorum; with {@code --controller} they are brokers that join the
 * quorum of a cluster started in another terminal, as {@code --zookeeper} joins brokers to a ZooKeeper.
 */
final class KraftBroker {

    /** The options of {@code broker} that KRaft mode reads. */
    record Options(String controller, Integer controllerPort, Integer port, int nodeId, int brokers, Path dataDir,
            Map<String, String> properties, dev.kafkaspark.internal.cluster.auth.Scram scram,
            java.util.function.Consumer<KraftKafkaCluster> onStarted) {
    }

    private KraftBroker() {
    }

    static int run(Narrator narrator, Options o) {
        Ports.Choice kafka = Ports.choose("Kafka", o.port() == null ? 9092 : o.port(),
                o.port() == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
        KraftKafkaCluster.Builder builder = KraftKafkaCluster.builder().brokers(o.brokers()).firstNodeId(o.nodeId())
                .brokerPort(kafka.port()).brokerProperties(o.properties()).dataDir(o.dataDir()).scram(o.scram());
        Ports.Choice controller = null;
        if (o.controller() != null) {
            requireFreeIds(o, KraftKafkaCluster.nodeIdsAt(o.controller()));
            builder.joinControllers(o.controller());
        } else {
            controller = Ports.choose("Kafka controller", o.controllerPort() == null ? 9093 : o.controllerPort(),
                    o.controllerPort() == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
            builder.controllerPort(controller.port());
        }
        KraftKafkaCluster cluster = builder.start();
        String controllers = cluster.controllers().orElseThrow();
        AtomicBoolean quorumReachable = new AtomicBoolean(true);
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quorum-watch");
            t.setDaemon(true);
            return t;
        });
        try {
            if (controller != null && controller.fellBack()) {
                narrator.step("port 9093 is taken: the controller uses %d instead",
                        cluster.nodes().get(0).controllerPort());
            }
            if (kafka.fellBack()) {
                narrator.step("port 9092 is taken: the broker uses %d instead", cluster.brokers().get(0).port());
                if (controller != null) {
                    narrator.step("this is a new, separate cluster: tools using --bootstrap-server 127.0.0.1:9092 will"
                            + " not see it;%s", controller.fellBack() ? " to join the cluster there instead, stop"
                            + " this one and run '" + SelfCommand.with("broker --mode kraft --controller 127.0.0.1:9093"
                            + " --node-id " + nextIdAt("127.0.0.1:9093")) + "'"
                            : " '" + SelfCommand.with("check --bootstrap-server 127.0.0.1:9092") + "' shows the"
                            + " cluster that has that port");
                }
            }
            for (KraftNode node : cluster.nodes()) {
                narrator.started("kafka node " + node.brokerId(), node.bootstrapServers(), node.controllerPort() >= 0
                        ? "Kafka node %d (broker and controller) started at %s, controller listener %s"
                        : "Kafka node %d (broker only) started at %s%s", node.brokerId(), node.bootstrapServers(),
                        node.controllerPort() >= 0 ? node.controllerAddress() : "");
            }
            if (o.controller() != null) {
                narrator.step("joined cluster %s through its controllers at %s: this broker is not a voter; the"
                        + " quorum's leader, node %d, keeps the metadata", cluster.clusterId(), controllers,
                        cluster.activeController());
            } else {
                narrator.step("KRaft mode, no ZooKeeper: cluster %s; the controller quorum (%s) keeps the metadata in"
                        + " its own log; node %d is the active controller", cluster.clusterId(),
                        o.brokers() == 1 ? "1 voter" : o.brokers() + " voters", cluster.activeController());
                if (o.scram() == null) {
                    narrator.step("another terminal joins this cluster with '%s'", SelfCommand.with(
                            "broker --mode kraft --controller " + controllers.split(",")[0] + " --node-id "
                                    + (o.nodeId() + o.brokers())));
                }
            }
            narrator.step("%s", o.dataDir() == null ? "data in temp directories, removed at exit (--data-dir DIR"
                    + " keeps it)" : "data kept in " + o.dataDir().toAbsolutePath() + ": start again with the same"
                    + " --data-dir to find your topics and records");
            o.onStarted().accept(cluster);
            narrator.step("clients connect with --bootstrap-server %s; Ctrl-C stops", cluster.bootstrapServers());
            if (o.controller() != null) {
                watchQuorum(watch, cluster, quorumReachable, narrator);
            }
            Signals.awaitInterrupt(null);
        } finally {
            watch.shutdownNow();
            String what = o.brokers() == 1 ? "Kafka node " + o.nodeId() : "the Kafka nodes";
            BoundedStop.run(narrator, what, () -> quorumReachable.get()
                    ? "asking the controller quorum to move its partitions' leaders"
                    : "the controllers at " + controllers + " are not answering", cluster::close);
        }
        narrator.stopped("kafka", "Kafka node%s stopped; %s", o.brokers() == 1 ? " " + o.nodeId() : "s", o.dataDir() == null
                ? (o.brokers() == 1 ? "its" : "their") + " files are removed"
                : "the data stays in " + o.dataDir().toAbsolutePath());
        return 0;
    }

    /** Says when the controllers this broker joined go away, and when they are back. */
    private static void watchQuorum(ScheduledExecutorService watch, KraftKafkaCluster cluster, AtomicBoolean reachable,
            Narrator narrator) {
        String controllers = cluster.controllers().orElseThrow();
        watch.scheduleWithFixedDelay(() -> {
            boolean now;
            try {
                KraftKafkaCluster.nodeIdsAt(controllers);
                now = true;
            } catch (RuntimeException e) {
                now = false;
            }
            if (reachable.compareAndSet(!now, now)) {
                narrator.step(now ? "the controllers at %s answer again" : "lost the controllers at %s: the broker"
                        + " still serves the partitions it leads, but topics cannot be created and leaders cannot"
                        + " move until they are back", controllers);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** A node id the quorum already knows would clash: say which id to take instead. */
    private static void requireFreeIds(Options o, List<Integer> known) {
        for (int id = o.nodeId(); id < o.nodeId() + o.brokers(); id++) {
            if (known.contains(id)) {
                throw new UsageException("node id " + id + " is already in the cluster of the controllers at "
                        + o.controller() + " (ids: " + known.stream().map(String::valueOf)
                                .collect(Collectors.joining(", ")) + "): pass --node-id " + (maxId(known) + 1)
                        + " to join as another broker");
            }
        }
    }

    private static int nextIdAt(String controllers) {
        try {
            return maxId(KraftKafkaCluster.nodeIdsAt(controllers)) + 1;
        } catch (RuntimeException e) {
            return 1; // Not a quorum we can read: the usual second id.
        }
    }

    private static int maxId(List<Integer> ids) {
        return ids == null ? 0 : ids.stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
