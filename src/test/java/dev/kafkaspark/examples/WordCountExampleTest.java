package dev.kafkaspark.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.Test;

/** An example to copy: a Spark Streaming word count over a real Kafka topic, tested end to end. */
@KafkaSparkTest(topics = "sentences:2", shared = true)
class WordCountExampleTest {

    @Test
    void countsWordsAcrossBatches(KafkaSparkEnvironment env) {
        env.sendValues("sentences", List.of("to be or not to be", "be quick"));
        Map<String, Long> counts = new ConcurrentHashMap<>();
        JavaStreamingContext ssc = env.streamingContext(Duration.ofMillis(500));
        env.directStream(ssc, "sentences", "word-count")
                .flatMap(record -> Arrays.asList(record.value().split(" ")).iterator())
                .countByValue()
                .foreachRDD(rdd -> rdd.collect().forEach(t -> counts.merge(t._1(), t._2(), Long::sum)));
        ssc.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(counts)
                .containsExactlyInAnyOrderEntriesOf(Map.of("to", 2L, "be", 3L, "or", 1L, "not", 1L, "quick", 1L)));
        ssc.stop(false, true);
    }
}
