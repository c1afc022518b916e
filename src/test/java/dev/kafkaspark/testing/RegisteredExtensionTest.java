package dev.kafkaspark.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension registered with a builder: settings computed in code, two brokers, no Spark. */
class RegisteredExtensionTest {

    @RegisterExtension
    static final KafkaSparkExtension KAFKA = KafkaSparkExtension.with(KafkaSparkEnvironment.builder().brokers(2)
            .spark(false).topic("registered", 2, 2, java.util.Map.of()));

    @Test
    void theBuiltEnvironmentIsAvailableAndInjected(KafkaSparkEnvironment env) {
        assertThat(KAFKA.environment()).isSameAs(env);
        assertThat(env.cluster().brokers()).hasSize(2);
        env.send("registered", "k", "replicated");
        assertThat(env.awaitRecords("registered", 1, Duration.ofSeconds(20))).extracting(ConsumerRecord::value)
                .containsExactly("replicated");
    }
}
