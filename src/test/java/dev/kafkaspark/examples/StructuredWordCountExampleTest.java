package dev.kafkaspark.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.testing.KafkaMode;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The word count of {@link WordCountExampleTest} as a Structured Streaming query, the API Spark jobs are written in
 * today: {@code env.readStream(topic)} is the Kafka source on the test's cluster, the query's result goes to Spark's
 * memory sink, and {@code processAllAvailable()} waits until everything sent so far is processed.
 */
@KafkaSparkTest(shared = true)
class StructuredWordCountExampleTest {

    @Test
    void countsWordsWithAStructuredStreamingQuery(KafkaSparkEnvironment env) throws TimeoutException {
        String topic = "sentences-" + UUID.randomUUID();
        String table = "word_counts_" + UUID.randomUUID().toString().replace('-', '_');
        env.createTopic(topic, 2);
        env.sendValues(topic, List.of("to be or not to be", "be quick"));
        Dataset<Row> words = env.readStream(topic).selectExpr("explode(split(value, ' ')) AS word");
        StreamingQuery query = words.groupBy("word").count().writeStream().outputMode("complete").format("memory")
                .queryName(table).start();
        try {
            query.processAllAvailable();
            Map<String, Long> counts = env.sparkSession().sql("SELECT word, count FROM " + table).collectAsList()
                    .stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
            assertThat(counts).containsExactlyInAnyOrderEntriesOf(
                    Map.of("to", 2L, "be", 3L, "or", 1L, "not", 1L, "quick", 1L));
            env.sendValues(topic, List.of("quick quick"));
            env.awaitProcessed(query, 3, Duration.ofSeconds(30));
            query.processAllAvailable();
            assertThat(env.sparkSession().sql("SELECT count FROM " + table + " WHERE word = 'quick'").first()
                    .getLong(0)).isEqualTo(3L);
        } finally {
            query.stop(); // A failed assertion must not leave the query running for the next test.
        }
    }

    /** The same query on Kafka without ZooKeeper. */
    @Nested
    @KafkaSparkTest(mode = KafkaMode.KRAFT, shared = true)
    class WithoutZooKeeper {
        @Test
        void countsWordsWithAStructuredStreamingQuery(KafkaSparkEnvironment env) throws TimeoutException {
            assertThat(env.mode()).isEqualTo(KafkaMode.KRAFT);
            StructuredWordCountExampleTest.this.countsWordsWithAStructuredStreamingQuery(env);
        }
    }
}
