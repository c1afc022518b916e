package dev.kafkaspark.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaspark.Leaks;
import dev.kafkaspark.internal.cluster.zookeeper.ZkKafkaCluster;
import dev.kafkaspark.internal.support.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real ZooKeeper and real brokers: started on free ports, stopped without a trace. */
class ClusterLifecycleTest {

    @Test
    void startsOnFreePortsAndLeavesNothingBehind() {
        Leaks leaks = Leaks.snapshot();
        ZkKafkaCluster cluster = ZkKafkaCluster.builder().start();
        int zkPort = cluster.zookeeper().port();
        int brokerPort = cluster.brokers().get(0).port();
        try {
            assertThat(cluster.bootstrapServers()).isEqualTo("127.0.0.1:" + brokerPort);
            assertThat(cluster.zookeeperConnect()).contains("127.0.0.1:" + zkPort);
            assertThat(Ports.isFree(zkPort)).isFalse();
            assertThat(Ports.isFree(brokerPort)).isFalse();
            assertThat(cluster.admin().describeCluster().nodes()).succeedsWithin(java.time.Duration.ofSeconds(10))
                    .satisfies(nodes -> assertThat(nodes).hasSize(1));
        } finally {
            cluster.close();
        }
        cluster.close(); // twice is harmless
        assertThat(Ports.isFree(zkPort)).isTrue();
        assertThat(Ports.isFree(brokerPort)).isTrue();
        leaks.assertNoTempFilesLeft();
        leaks.assertNoThreadsLeft();
        assertThatThrownBy(cluster::admin).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aStartThatFailsHalfWayStopsWhatItStarted() throws Exception {
        Leaks leaks = Leaks.snapshot();
        int zkPort = Ports.anyFree();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            assertThatThrownBy(() -> ZkKafkaCluster.builder().zookeeperPort(zkPort).brokerPort(taken.getLocalPort())
                    .start()).hasMessageContaining("did not start");
        }
        assertThat(Ports.isFree(zkPort)).as("ZooKeeper was stopped").isTrue();
        leaks.assertNoTempFilesLeft();
        leaks.assertNoThreadsLeft();
    }

    @Test
    void severalBrokersFormOneCluster() {
        List<Broker> brokers;
        try (ZkKafkaCluster cluster = ZkKafkaCluster.builder().brokers(2).start()) {
            brokers = cluster.brokers();
            assertThat(brokers).extracting(Broker::brokerId).containsExactly(0, 1);
            assertThat(cluster.bootstrapServers().split(",")).hasSize(2);
            assertThat(cluster.admin().describeCluster().nodes()).succeedsWithin(java.time.Duration.ofSeconds(10))
                    .satisfies(nodes -> assertThat(nodes).hasSize(2));
        }
        assertThat(brokers).as("every broker stopped with the cluster").noneMatch(Broker::isRunning);
        assertThatThrownBy(() -> ZkKafkaCluster.builder().brokers(0)).hasMessageContaining("between 1 and 5");
    }
}
