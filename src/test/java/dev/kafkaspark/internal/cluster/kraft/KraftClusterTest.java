package dev.kafkaspark.internal.cluster.kraft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.Leaks;
import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.cluster.TopicSpec;
import dev.kafkaspark.internal.cluster.Topics;
import dev.kafkaspark.internal.support.Ports;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.junit.jupiter.api.Test;

/** Real KRaft nodes (broker and controller in one) in this JVM: a quorum of one or three, and brokers that join. */
class KraftClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void oneNodeIsBrokerAndTheOnlyVoterAndLeavesNothingBehind() {
        Leaks leaks = Leaks.snapshot();
        KraftKafkaCluster cluster = KraftKafkaCluster.builder().start();
        KraftNode node = cluster.nodes().get(0);
        try {
            assertThat(cluster.mode()).isEqualTo(ClusterMode.KRAFT);
            assertThat(cluster.zookeeperConnect()).isEmpty();
            assertThat(cluster.controllers()).contains("127.0.0.1:" + node.controllerPort());
            assertThat(cluster.bootstrapServers()).isEqualTo("127.0.0.1:" + node.port());
            assertThat(cluster.activeController()).isZero();
            assertThat(cluster.admin().describeCluster().clusterId()).succeedsWithin(WAIT)
                    .isEqualTo(cluster.clusterId());
            QuorumInfo quorum = cluster.admin().describeMetadataQuorum().quorumInfo().get();
            assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactly(0);
            Topics.ensure(cluster.admin(), new TopicSpec("kraft-" + java.util.UUID.randomUUID(), 3, (short) 1,
                    Map.of()), WAIT);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            cluster.close();
        }
        assertThat(Ports.isFree(node.port())).isTrue();
        assertThat(Ports.isFree(node.controllerPort())).isTrue();
        leaks.assertNoTempFilesLeft();
        leaks.assertNoThreadsLeft();
        assertThatThrownBy(cluster::admin).hasMessageContaining("closed");
    }

    @Test
    void threeVotersElectANewLeaderWhenTheActiveControllerStopsAndTakeItBack() {
        try (KraftKafkaCluster cluster = KraftKafkaCluster.builder().brokers(3).start()) {
            assertThat(cluster.controllers().orElseThrow().split(",")).hasSize(3);
            int leader = cluster.activeController();
            assertThat(leader).isBetween(0, 2);
            cluster.broker(leader).stop();
            await("another voter to lead the quorum").atMost(WAIT).ignoreExceptions()
                    .until(() -> cluster.activeController() >= 0 && cluster.activeController() != leader);
            cluster.broker(leader).restart();
            await("the restarted node to serve again").atMost(WAIT).ignoreExceptions()
                    .until(() -> cluster.admin().describeCluster().nodes().get().size() == 3);
        }
    }

    @Test
    void aBrokerJoinsTheQuorumOfAClusterStartedElsewhere() throws Exception {
        try (KraftKafkaCluster first = KraftKafkaCluster.builder().start();
                KraftKafkaCluster joined = KraftKafkaCluster.builder().firstNodeId(1)
                        .joinControllers(first.controllers().orElseThrow()).start()) {
            assertThat(joined.clusterId()).isEqualTo(first.clusterId());
            await("both brokers in the cluster's metadata").atMost(WAIT)
                    .until(() -> first.admin().describeCluster().nodes().get().size() == 2);
            QuorumInfo quorum = first.admin().describeMetadataQuorum().quorumInfo().get();
            assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId).containsExactly(0);
            assertThat(quorum.observers()).extracting(QuorumInfo.ReplicaState::replicaId).contains(1);
        }
    }

    @Test
    void keptDataComesBackWithItsClusterIdAndTopics(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data) {
        String topic = "kept-" + java.util.UUID.randomUUID();
        String clusterId;
        try (KraftKafkaCluster cluster = KraftKafkaCluster.builder().dataDir(data).start()) {
            clusterId = cluster.clusterId();
            Topics.ensure(cluster.admin(), TopicSpec.of(topic, 2, 1), WAIT);
        }
        try (KraftKafkaCluster again = KraftKafkaCluster.builder().dataDir(data).start()) {
            assertThat(again.clusterId()).isEqualTo(clusterId);
            assertThat(again.admin().listTopics().names()).succeedsWithin(WAIT)
                    .satisfies(names -> assertThat(names).contains(topic));
        }
    }

    @Test
    void joiningControllersWhereNothingListensIsOneClearError() {
        int nothing = Ports.anyFree();
        assertThatThrownBy(() -> KraftKafkaCluster.builder().joinControllers("127.0.0.1:" + nothing).start())
                .hasMessageStartingWith("nothing listens at 127.0.0.1:" + nothing);
    }
}
