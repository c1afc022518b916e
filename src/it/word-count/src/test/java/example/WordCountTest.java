package example;

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

@KafkaSparkTest(topics = "lines:2", shared = true)
class WordCountTest {

    @Test
    void countsWords(KafkaSparkEnvironment env) {
        env.sendValues("lines", List.of("a rose is a rose", "is it"));
        Map<String, Long> counts = new ConcurrentHashMap<>();
        JavaStreamingContext ssc = env.streamingContext(Duration.ofMillis(500));
        try {
            env.directStream(ssc, "lines", "word-count")
                    .flatMap(r -> Arrays.asList(r.value().split(" ")).iterator())
                    .countByValue()
                    .foreachRDD(rdd -> rdd.collect().forEach(t -> counts.merge(t._1(), t._2(), Long::sum)));
            ssc.start();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(counts)
                    .containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "rose", 2L, "is", 2L, "it", 1L)));
        } finally {
            ssc.stop(false, true);
        }
    }
}
