package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.kraft.KraftKafkaCluster;
import dev.kafkaspark.internal.cluster.kraft.KraftNode;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.SelfCommand;

/**
 * {@code broker --mode kraft}: Kafka nodes with no ZooKeeper. By default each node is a broker and a controller, and
 * the nodes of this process form the controller quorum; with {@code --controller} they are brokers that join the
 * quorum of a cluster started in another terminal, as {@code --zookeeper} joins brokers to a ZooKeeper.
 */
final class KraftBrokers implements BrokerRun.Mode {

    private Ports.Choice kafka;
    private Ports.Choice controller;
    private String controllers;

    @Override
    public KafkaCluster start(BrokerRun.Options o) {
        kafka = Ports.choose("Kafka", o.port() == null ? 9092 : o.port(),
                o.port() == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
        KraftKafkaCluster.Builder builder = KraftKafkaCluster.builder().brokers(o.brokers()).firstNodeId(o.firstId())
                .brokerPort(kafka.port()).brokerProperties(o.properties()).dataDir(o.dataDir()).scram(o.scram());
        if (o.join() != null) {
            BrokerIds.requireFree(o.firstId(), o.brokers(), KraftKafkaCluster.nodeIdsAt(o.join()), "node id",
                    "in the cluster of the controllers at " + o.join(), "ids", "--node-id");
            builder.joinControllers(o.join());
        } else {
            controller = Ports.choose("Kafka controller", o.metadataPort() == null ? 9093 : o.metadataPort(),
                    o.metadataPort() == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
            builder.controllerPort(controller.port());
        }
        KraftKafkaCluster cluster = builder.start();
        controllers = cluster.controllers().orElseThrow();
        return cluster;
    }

    @Override
    public void narrateStart(Narrator narrator, KafkaCluster started, BrokerRun.Options o) {
        KraftKafkaCluster cluster = (KraftKafkaCluster) started;
        if (controller != null && controller.fellBack()) {
            narrator.step("port 9093 is taken: the controller uses %d instead", cluster.nodes().get(0).controllerPort());
        }
        if (kafka.fellBack()) {
            narrator.step("port 9092 is taken: the broker uses %d instead", cluster.brokers().get(0).port());
        }
        for (KraftNode node : cluster.nodes()) {
            narrator.started("kafka node " + node.brokerId(), node.bootstrapServers(), node.controllerPort() >= 0
                    ? "Kafka node %d (broker and controller) started at %s, controller listener %s"
                    : "Kafka node %d (broker only) started at %s%s", node.brokerId(), node.bootstrapServers(),
                    node.controllerPort() >= 0 ? node.controllerAddress() : "");
        }
        if (kafka.fellBack() && controller != null) { // after what started: the note asks what holds the ports
            narrator.step("%s", SeparateCluster.kraftNote(9092, controller.fellBack() ? 9093 : null));
        }
        if (o.join() != null) {
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
                                + (o.firstId() + o.brokers())));
            }
        }
    }

    @Override
    public boolean joinedReachable(KafkaCluster cluster) {
        try {
            KraftKafkaCluster.nodeIdsAt(controllers);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public long watchMillis() {
        return 1000;
    }

    @Override
    public void narrateReachable(Narrator narrator, KafkaCluster cluster, boolean reachable) {
        narrator.step(reachable ? "the controllers at %s answer again" : "lost the controllers at %s: the broker"
                + " still serves the partitions it leads, but topics cannot be created and leaders cannot"
                + " move until they are back", controllers);
    }

    @Override
    public String what(BrokerRun.Options o) {
        return o.brokers() == 1 ? "Kafka node " + o.firstId() : "the Kafka nodes";
    }

    @Override
    public String stopWaitsFor(KafkaCluster cluster, boolean reachable) {
        return reachable ? "asking the controller quorum to move its partitions' leaders"
                : "the controllers at " + controllers + " are not answering";
    }

    @Override
    public void narrateStopped(Narrator narrator, BrokerRun.Options o) {
        narrator.stopped("kafka", "Kafka node%s stopped; %s", o.brokers() == 1 ? " " + o.firstId() : "s",
                BrokerRun.dataAfter(o));
    }
}
