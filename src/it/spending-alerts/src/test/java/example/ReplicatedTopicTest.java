package example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkExtension;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three brokers from the builder, a topic on all three: it keeps taking and serving records with one broker down. */
@Order(2)
class ReplicatedTopicTest {

    @RegisterExtension
    static final KafkaSparkExtension KAFKA = KafkaSparkExtension.with(KafkaSparkEnvironment.builder().brokers(3)
            .spark(false).topic("orders", 3, 3, Map.of("min.insync.replicas", "2")));

    @Test
    void survivesABrokerStopping() {
        KafkaSparkEnvironment env = KAFKA.environment();
        Leftovers.rememberPorts(env.bootstrapServers(), env.zookeeperConnect());
        env.send("orders", "before", "1");
        env.cluster().brokers().get(0).stop();
        env.send("orders", "after", "2");
        assertThat(env.awaitRecords("orders", 2, Duration.ofSeconds(30))).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("before", "after");
    }
}
