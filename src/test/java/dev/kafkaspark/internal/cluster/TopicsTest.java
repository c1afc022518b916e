package dev.kafkaspark.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaspark.testing.Internals;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Topic creation against a real broker (the run's shared one). */
@KafkaSparkTest(shared = true)
class TopicsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static dev.kafkaspark.internal.cluster.KafkaCluster cluster;

    @BeforeAll
    static void useCluster(KafkaSparkEnvironment env) {
        cluster = Internals.cluster(env);
    }

    private static String randomTopic() {
        return "topics-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void creatingTwiceWithTheSameSettingsIsFine() {
        TopicSpec spec = TopicSpec.of(randomTopic(), 3, 1);
        assertThat(Topics.ensure(cluster.admin(), spec, TIMEOUT)).isEqualTo(Topics.Outcome.CREATED);
        assertThat(Topics.ensure(cluster.admin(), spec, TIMEOUT)).isEqualTo(Topics.Outcome.EXISTED);
        TopicDescription d = Topics.describe(cluster.admin(), spec.name(), TIMEOUT);
        assertThat(d.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.leader()).isNotNull());
    }

    @Test
    void conflictingSettingsAreAClearError() {
        String name = randomTopic();
        Topics.ensure(cluster.admin(), TopicSpec.of(name, 1, 1), TIMEOUT);
        assertThatThrownBy(() -> Topics.ensure(cluster.admin(), TopicSpec.of(name, 3, 1), TIMEOUT))
                .isInstanceOf(Topics.TopicConflictException.class)
                .hasMessage("topic " + name + " already exists with 1 partition(s) and replication factor 1, not the 3"
                        + " and 1 asked for: ask for those, choose another topic name, or delete the topic first");
    }

    @Test
    void moreReplicasThanBrokersIsAClearError() {
        assertThatThrownBy(() -> Topics.ensure(cluster.admin(), TopicSpec.of(randomTopic(), 1, 3), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replication factor 3 is more than the cluster's brokers can hold");
    }

    @Test
    void describingAMissingTopicSaysSo() {
        String name = randomTopic();
        assertThatThrownBy(() -> Topics.describe(cluster.admin(), name, TIMEOUT))
                .isInstanceOf(Topics.UnknownTopicException.class).hasMessageContaining("does not exist");
    }
}
