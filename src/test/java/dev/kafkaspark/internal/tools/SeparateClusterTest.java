package dev.kafkaspark.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import org.junit.jupiter.api.Test;

/**
 * The note of a broker that found the usual ports taken, against a real cluster on other ports (the jar's test of the
 * same, ClassMistakesIT, needs 9092 and 2181 free): with the ZooKeeper port taken too, it names the command that joins
 * the cluster there, with the next free broker id read from that ZooKeeper; without, the command that shows it.
 */
@KafkaSparkTest(shared = true)
class SeparateClusterTest {

    @Test
    void withZooKeeperTakenTooItNamesTheCommandThatJoinsWithTheNextBrokerId(KafkaSparkEnvironment env) {
        String zookeeper = env.zookeeperConnect();
        int kafkaPort = port(env.bootstrapServers());
        assertThat(SeparateCluster.note(kafkaPort, port(zookeeper))).isEqualTo("this is a new, separate cluster:"
                + " tools using --bootstrap-server 127.0.0.1:" + kafkaPort + " will not see it; to join the cluster"
                + " there instead, stop this one and run '" + dev.kafkaspark.internal.support.SelfCommand.with("broker"
                        + " --zookeeper " + zookeeper + " --broker-id 1") + "'");
    }

    @Test
    void withOnlyTheKafkaPortTakenItNamesTheCommandThatShowsTheClusterThere(KafkaSparkEnvironment env) {
        int kafkaPort = port(env.bootstrapServers());
        assertThat(SeparateCluster.note(kafkaPort, null)).endsWith("will not see it; '"
                + dev.kafkaspark.internal.support.SelfCommand.with("check --bootstrap-server 127.0.0.1:" + kafkaPort)
                + "' shows the cluster that has that port");
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }
}
