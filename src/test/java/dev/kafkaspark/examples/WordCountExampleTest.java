package dev.kafkaspark.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.testing.KafkaMode;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An example to copy: a Spark Streaming word count over a real Kafka topic, tested end to end. The environment is
 * shared with other test classes, so the topic and the group get names of their own.
 */
@KafkaSparkTest(shared = true)
class WordCountExampleTest {

    @Test
    void countsWordsAcrossBatches(KafkaSparkEnvironment env) {
        String topic = "sentences-" + UUID.randomUUID();
        env.createTopic(topic, 2);
        env.sendValues(topic, List.of("to be or not to be", "be quick"));
        Map<String, Long> counts = new ConcurrentHashMap<>();
        JavaStreamingContext ssc = env.streamingContext(Duration.ofMillis(500));
        try {
            env.directStream(ssc, topic, "word-count-" + UUID.randomUUID())
                    .flatMap(record -> Arrays.asList(record.value().split(" ")).iterator())
                    .countByValue()
                    .foreachRDD(rdd -> rdd.collect().forEach(t -> counts.merge(t._1(), t._2(), Long::sum)));
            ssc.start();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(counts)
                    .containsExactlyInAnyOrderEntriesOf(Map.of("to", 2L, "be", 3L, "or", 1L, "not", 1L, "quick", 1L)));
        } finally {
            ssc.stop(false, true); // A failed assertion must not leave the stream running for the next test.
        }
    }

    /** The same test on Kafka without ZooKeeper: one attribute picks the mode, nothing else changes. */
    @Nested
    @KafkaSparkTest(mode = KafkaMode.KRAFT, shared = true)
    class WithoutZooKeeper {
        @Test
        void countsWordsAcrossBatches(KafkaSparkEnvironment env) {
            assertThat(env.mode()).isEqualTo(KafkaMode.KRAFT);
            WordCountExampleTest.this.countsWordsAcrossBatches(env);
        }
    }
}
