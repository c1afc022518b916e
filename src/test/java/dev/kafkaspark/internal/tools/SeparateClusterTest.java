package dev.kafkaspark.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/**
 * The note of a broker that found the usual ports taken, against a real cluster on other ports (the jar's test of the
 * same, ClassMistakesIT, needs 9092 and 2181 free): with the ZooKeeper port taken too, it names the command that joins
 * the cluster there, with the next free broker id read from that ZooKeeper; without, the command that shows it; and
 * when something that is not Kafka holds the port (a socket that never answers), no join advice at all.
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

    @Test
    void portsHeldBySomethingThatIsNotKafkaGetNoJoinAdvice() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ServerSocket alsoSilent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String note = SeparateCluster.note(silent.getLocalPort(), alsoSilent.getLocalPort());
            assertThat(note).isEqualTo("this is a new cluster of its own: 127.0.0.1:" + silent.getLocalPort()
                    + " is held by something that is not Kafka or ZooKeeper (it did not answer as either), so there"
                    + " is no cluster there to join");
            assertThat(SeparateCluster.kraftNote(silent.getLocalPort(), alsoSilent.getLocalPort())).isEqualTo(note);
        }
    }

    @Test
    void aBrokerWhoseZooKeeperPortIsHeldBySomethingElseGetsTheCommandThatShowsIt(KafkaSparkEnvironment env)
            throws IOException {
        int kafkaPort = port(env.bootstrapServers());
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(SeparateCluster.note(kafkaPort, silent.getLocalPort())).isEqualTo(
                    SeparateCluster.note(kafkaPort, null));
        }
    }

    @Test
    void theProbeTellsABrokerFromZooKeeperFromSomethingElse(KafkaSparkEnvironment env) throws IOException {
        int kafkaPort = port(env.bootstrapServers());
        int zookeeperPort = port(env.zookeeperConnect());
        assertThat(PortHolder.kafkaAt("127.0.0.1", kafkaPort)).isEqualTo(PortHolder.KAFKA);
        assertThat(PortHolder.zookeeperAt("127.0.0.1", zookeeperPort)).isEqualTo(PortHolder.ZOOKEEPER);
        assertThat(PortHolder.kafkaAt("127.0.0.1", zookeeperPort)).isEqualTo(PortHolder.OTHER);
        assertThat(PortHolder.zookeeperAt("127.0.0.1", kafkaPort)).isEqualTo(PortHolder.OTHER);
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        assertThat(PortHolder.kafkaAt("127.0.0.1", closed)).isEqualTo(PortHolder.NOTHING);
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }
}
