package example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

@KafkaSparkTest(topics = "sentences:2", shared = true)
class StructuredWordCountTest {

    @Test
    void countsWordsWithAQuery(KafkaSparkEnvironment env) throws TimeoutException {
        env.sendValues("sentences", List.of("a rose is a rose", "is it"));
        StreamingQuery query = env.readStream("sentences").selectExpr("explode(split(value, ' ')) AS word")
                .groupBy("word").count()
                .writeStream().outputMode("complete").format("memory").queryName("words").start();
        try {
            query.processAllAvailable();
            Map<String, Long> counts = env.sparkSession().sql("SELECT word, count FROM words").collectAsList().stream()
                    .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "rose", 2L, "is", 2L, "it", 1L));
        } finally {
            query.stop();
        }
    }
}
