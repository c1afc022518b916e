package example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The job against a real broker and Spark, from one annotation; its checkpoint in a directory the environment removes. */
@Order(1)
@KafkaSparkTest(topics = {"payments:2", "alerts"})
class SpendingAlertsTest {

    private static final AtomicLong PAYMENTS_SEEN = new AtomicLong();

    @Test
    void alertsOncePerUserWhenTheRunningTotalReachesTheLimit(KafkaSparkEnvironment env) {
        Leftovers.rememberPorts(env.bootstrapServers(), env.zookeeperConnect());
        JavaStreamingContext ssc = env.streamingContext(Duration.ofMillis(500));
        ssc.checkpoint(env.newDirectory("checkpoint").toString());
        try {
            SpendingAlerts.define(env.directStream(ssc, "payments", "spending-alerts"), 100, env.bootstrapServers(),
                    "alerts").foreachRDD(rdd -> {
                        PAYMENTS_SEEN.addAndGet(rdd.count());
                    });
            ssc.start();
            env.send("payments", "ann", "60");
            env.send("payments", "bob", "30");
            env.send("payments", "ann", "50");
            env.send("payments", "ann", "10");
            env.send("payments", "bob", "80");

            // The counting output runs after the job's own in each batch: once it saw all five, the alerts are out.
            await("the job to see all 5 payments").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(PAYMENTS_SEEN.get()).isEqualTo(5));
            List<ConsumerRecord<String, String>> alerts = env.awaitRecords("alerts", 2, Duration.ofSeconds(30));
            assertThat(alerts).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("ann", "bob");
            assertThat(alerts).extracting(ConsumerRecord::value).containsExactlyInAnyOrder("110", "110");
        } finally {
            ssc.stop(false, true);
        }
    }
}
