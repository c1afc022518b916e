package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.cluster.Broker;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.zookeeper.ZkKafkaCluster;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.Ports;

/** {@code broker} in ZooKeeper mode: brokers with a ZooKeeper of their own, or joining one elsewhere. */
final class ZkBrokers implements BrokerRun.Mode {

    private Ports.Choice kafka;
    private Ports.Choice zk;
    private String zkConnect;

    @Override
    public KafkaCluster start(BrokerRun.Options o) {
        kafka = Ports.choose("Kafka", o.port() == null ? 9092 : o.port(),
                o.port() == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
        ZkKafkaCluster.Builder builder = ZkKafkaCluster.builder().brokers(o.brokers()).firstBrokerId(o.firstId())
                .brokerPort(kafka.port()).brokerProperties(o.properties()).dataDir(o.dataDir()).scram(o.scram());
        if (o.join() != null) {
            BrokerIds.requireFree(o.firstId(), o.brokers(), ClusterCheck.brokerIds(o.join()), "broker id",
                    "registered in ZooKeeper " + o.join(), "ids registered", "--broker-id");
            builder.externalZookeeper(o.join());
        } else {
            zk = Ports.choose("ZooKeeper", o.metadataPort() == null ? 2181 : o.metadataPort(),
                    o.metadataPort() == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
            builder.zookeeperPort(zk.port());
        }
        ZkKafkaCluster cluster = builder.start();
        zkConnect = cluster.zookeeperConnect().orElseThrow();
        return cluster;
    }

    @Override
    public void narrateStart(Narrator narrator, KafkaCluster cluster, BrokerRun.Options o) {
        if (zk != null) {
            if (zk.fellBack()) {
                narrator.step("port 2181 is taken: ZooKeeper uses %d instead",
                        ((ZkKafkaCluster) cluster).zookeeper().port());
            }
            narrator.started("zookeeper", zkConnect, "ZooKeeper started at %s", zkConnect);
        }
        if (kafka.fellBack()) {
            narrator.step("port 9092 is taken: the broker uses %d instead", cluster.brokers().get(0).port());
        }
        for (Broker broker : cluster.brokers()) {
            narrator.started("broker " + broker.brokerId(), broker.bootstrapServers(),
                    "Kafka broker %d started at %s (ZooKeeper %s)", broker.brokerId(), broker.bootstrapServers(),
                    zkConnect);
        }
        if (kafka.fellBack() && zk != null) { // after what started: the note asks what holds the ports
            narrator.step("%s", SeparateCluster.note(9092, zk.fellBack() ? 2181 : null));
        }
    }

    @Override
    public boolean joinedReachable(KafkaCluster cluster) {
        return ((ZkKafkaCluster) cluster).zookeeperConnected();
    }

    @Override
    public long watchMillis() {
        return 500;
    }

    @Override
    public void narrateReachable(Narrator narrator, KafkaCluster cluster, boolean reachable) {
        if (reachable) {
            narrator.step("ZooKeeper at %s is back: the broker is registered again", zkConnect);
        } else {
            narrator.step("lost ZooKeeper at %s: the broker still serves the partitions it leads, but topics"
                    + " cannot be created and leaders cannot move until it is back", zkConnect);
        }
    }

    @Override
    public String what(BrokerRun.Options o) {
        return o.brokers() == 1 ? "Kafka broker " + o.firstId() : "the Kafka brokers";
    }

    @Override
    public String stopWaitsFor(KafkaCluster cluster, boolean reachable) {
        return reachable ? "handing its partitions over to the other brokers"
                : "ZooKeeper at " + zkConnect + " is not answering, and Kafka waits for it to move leaders";
    }

    @Override
    public void narrateStopped(Narrator narrator, BrokerRun.Options o) {
        narrator.stopped("kafka", "Kafka broker%s stopped%s; %s", o.brokers() == 1 ? " " + o.firstId() : "s",
                o.join() == null ? ", and ZooKeeper" : "", BrokerRun.dataAfter(o));
    }
}
