package dev.kafkaspark.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The web command's Kafka half against a real broker: the brokers and the controller, each topic's partitions with
 * leader, replicas, in-sync set and log-end offset, and a consumer group's committed offsets and lag.
 */
@KafkaSparkTest(shared = true)
class KafkaViewTest {

    @Test
    void showsTheBrokersTheTopicsPartitionsAndAGroupsLag(KafkaSparkEnvironment env) throws Exception {
        String topic = "view-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "view-group-" + UUID.randomUUID().toString().substring(0, 8);
        env.createTopic(topic, 2);
        env.sendValues(topic, List.of("a", "b", "c", "d", "e"));
        env.admin().alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1),
                new TopicPartition(topic, 1), new OffsetAndMetadata(0))).all().get();
        try (LivePage page = LivePage.start(WebSettings.at(0), new PageInfo("kafka", "", "", 0, "",
                env.bootstrapServers(), false), PageActions.NONE); KafkaView view = new KafkaView(env.admin(), page)) {
            ObjectNode m = view.read();
            assertThat(m.get("type").asText()).isEqualTo("kafka");
            assertThat(m.get("brokers")).hasSize(1);
            assertThat(m.get("brokers").get(0).get("address").asText()).isEqualTo(env.bootstrapServers());
            assertThat(m.get("controller").asInt()).isEqualTo(m.get("brokers").get(0).get("id").asInt());
            JsonNode t = null;
            for (JsonNode each : m.get("topics")) {
                if (each.get("name").asText().equals(topic)) {
                    t = each;
                }
            }
            assertThat(t).as("the topic is listed").isNotNull();
            assertThat(t.get("partitions")).hasSize(2);
            long end0 = t.get("partitions").get(0).get("end").asLong();
            long end1 = t.get("partitions").get(1).get("end").asLong();
            assertThat(end0 + end1).isEqualTo(5);
            assertThat(t.get("partitions").get(0).get("isr")).hasSize(1);
            JsonNode g = null;
            for (JsonNode each : m.get("groups")) {
                if (each.get("group").asText().equals(group)) {
                    g = each;
                }
            }
            assertThat(g).as("the group is listed").isNotNull();
            long lag = 0;
            for (JsonNode p : g.get("partitions")) {
                lag += p.get("lag").asLong();
            }
            assertThat(lag).isEqualTo(Math.max(0, end0 - 1) + end1); // committed: 1 on partition 0, 0 on 1
        }
    }
}
