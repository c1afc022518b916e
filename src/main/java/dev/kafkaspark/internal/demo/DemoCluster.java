package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.cluster.Broker;
import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.harness.Harness;
import dev.kafkaspark.internal.support.Closer;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.tools.SeparateCluster;
import dev.kafkaspark.testing.KafkaAuth;

/**
 * The demo's first part: its cluster (ZooKeeper and brokers, or KRaft nodes) on the ports it was given or the next
 * free ones, with Spark's context starting in the background meanwhile, said step by step.
 */
final class DemoCluster {

    /**
     * The started cluster, and when it was ready.
     *
     * @param metadataReadyMs when ZooKeeper or the controller quorum was ready (ms since the program started)
     * @param brokersReadyMs when every broker answered
     */
    record Started(KafkaCluster cluster, long metadataReadyMs, long brokersReadyMs) {
    }

    private DemoCluster() {
    }

    static Started start(DemoSettings settings, Narrator narrator, Closer closer) {
        DemoSettings.Cluster c = settings.cluster();
        boolean kraft = c.mode() == ClusterMode.KRAFT;
        String metadataName = kraft ? "controller" : "ZooKeeper";
        Ports.Choice metadataPort = Ports.choose(kraft ? "Kafka controller" : "ZooKeeper", c.metadataPort().port(),
                c.metadataPort().request());
        Ports.Choice kafkaPort = Ports.choose("Kafka", c.kafkaPort().port(), c.kafkaPort().request());
        // The environment starts Spark's context in the background (it takes the longest and needs no Kafka) while
        // ZooKeeper and the brokers start; a Spark master elsewhere gets its context from the streaming runner.
        DemoSettings.Stream s = settings.stream();
        Harness.Builder builder = Harness.builder().scram(c.auth() == KafkaAuth.SCRAM).mode(c.mode())
                .brokerPort(kafkaPort.port()).brokers(c.brokers());
        if (kraft) {
            builder.controllerPort(metadataPort.port());
        } else {
            builder.zookeeperPort(metadataPort.port());
        }
        if (s.master().startsWith("local")) {
            builder.sparkMaster(s.master()).sparkAppName("kafka-spark-demo").alignedStreamingClock(true);
            if (s.ui()) {
                builder.sparkUi(4040);
            }
        } else {
            builder.spark(false);
        }
        Harness env = builder.start();
        KafkaCluster cluster = env.kafka().cluster();
        closer.register(() -> {
            env.close();
            narrator.stopped("kafka", "%s stopped; temp directories removed", kraft
                    ? (c.brokers() == 1 ? "Kafka node (broker and controller)" : "Kafka nodes (brokers and controllers)")
                    : (c.brokers() == 1 ? "Kafka broker" : "Kafka brokers") + " and ZooKeeper");
        });
        long brokersReady = Narrator.sinceStart();
        String metadata = kraft ? cluster.controllers().orElseThrow() : cluster.zookeeperConnect().orElseThrow();
        if (metadataPort.fellBack()) {
            narrator.step("port %d is taken: the %s uses %s instead", c.metadataPort().port(), metadataName,
                    metadata.split(",")[0]);
        }
        if (kraft) {
            narrator.started("controller quorum", metadata, "KRaft controller quorum started at %s: %s, node %d is the active controller", metadata,
                    c.brokers() == 1 ? "1 voter" : c.brokers() + " voters", cluster.activeController());
            narrator.step("no ZooKeeper: the controllers keep the cluster's metadata in a replicated log of their own"
                    + " (the __cluster_metadata topic)");
        } else {
            narrator.started("zookeeper", metadata, "ZooKeeper started at %s", metadata);
        }
        if (kafkaPort.fellBack()) {
            narrator.step("port %d is taken: the first Kafka broker uses %d instead", c.kafkaPort().port(),
                    cluster.brokers().get(0).port());
        }
        for (Broker broker : cluster.brokers()) {
            narrator.started("broker " + broker.brokerId(), broker.bootstrapServers(), kraft
                    ? "Kafka node %d (broker and controller) started at %s" : "Kafka broker %d started at %s",
                    broker.brokerId(), broker.bootstrapServers());
        }
        if (kafkaPort.fellBack()) { // after what started: asking what holds the port may take a few hundred ms
            narrator.step("%s", kraft ? SeparateCluster.kraftNote(c.kafkaPort().port(), metadataPort.fellBack()
                    ? c.metadataPort().port() : null) : SeparateCluster.note(c.kafkaPort().port(),
                            metadataPort.fellBack() ? c.zkPort().port() : null));
        }
        return new Started(cluster, Narrator.sinceStart(cluster.metadataReadyAtMillis()), brokersReady);
    }
}
