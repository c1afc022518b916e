package dev.kafkaspark.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How long the console producer waits on its way out for records not yet acknowledged. */
class ConsoleProducerTest {

    @Test
    void closeWaitsForTheDeliveryTimeoutAtMostThirtySeconds() {
        assertThat(ConsoleProducer.closeLimit(config(null))).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConsoleProducer.closeLimit(config("5000"))).isEqualTo(Duration.ofSeconds(5));
        assertThat(ConsoleProducer.closeLimit(config("120000"))).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConsoleProducer.closeLimit(config("soon"))).isEqualTo(Duration.ofSeconds(30));
    }

    private static Properties config(String deliveryTimeout) {
        Properties p = new Properties();
        if (deliveryTimeout != null) {
            p.put("delivery.timeout.ms", deliveryTimeout);
        }
        return p;
    }
}
