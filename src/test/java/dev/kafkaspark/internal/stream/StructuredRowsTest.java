package dev.kafkaspark.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.stream.structured.KafkaRows;
import dev.kafkaspark.internal.workload.RecordFormat;
import dev.kafkaspark.internal.workload.SeqSet;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Structured Streaming job's summary of a micro-batch, over the rows Spark's own Kafka source makes from records
 * on a real broker: it reads them by position, the values where the rows hold them and the keys as strings made once.
 */
@KafkaSparkTest(shared = true)
class StructuredRowsTest {

    private static final int RECORDS = 40;

    @Test
    void theSummaryOfTheSourcesRowsIsWhatWasSent(KafkaSparkEnvironment env, @TempDir Path checkpoint)
            throws TimeoutException {
        String topic = "rows-" + UUID.randomUUID().toString().substring(0, 8);
        env.createTopic(topic, 3);
        List<PartitionSummary> summaries = Collections.synchronizedList(new ArrayList<>());
        VoidFunction2<Dataset<Row>, Long> sink = (batch, id) -> summaries.addAll(
                KafkaRows.summarize(batch, 2, RecordFormat.SEQUENCES).collect());
        // The job's own reading: the source's columns, unselected.
        StreamingQuery query = env.sparkSession().readStream().format("kafka")
                .option("kafka.bootstrap.servers", env.bootstrapServers()).option("subscribe", topic)
                .option("startingOffsets", "earliest").load()
                .writeStream().option("checkpointLocation", checkpoint.toString()).foreachBatch(sink).start();
        try {
            for (int i = 0; i < RECORDS; i++) {
                env.send(topic, "key-" + (i % 4), "seq=" + i + " key=key-" + (i % 4));
            }
            env.send(topic, null, "not one of ours");
            env.awaitProcessed(query, RECORDS + 1, Duration.ofSeconds(60));
        } finally {
            query.stop();
        }

        assertThat(summaries.stream().mapToLong(PartitionSummary::count).sum()).isEqualTo(RECORDS + 1);
        assertThat(summaries.stream().mapToLong(PartitionSummary::foreign).sum()).isEqualTo(1);
        SeqSet seen = new SeqSet();
        summaries.forEach(s -> seen.addAll(s.seqs()));
        assertThat(seen.size()).isEqualTo(RECORDS);
        assertThat(seen.duplicates()).isZero();
        assertThat(summaries).allSatisfy(s -> {
            assertThat(s.keys()).allMatch(k -> k.matches("key-[0-3]"));
            assertThat(s.samples()).hasSizeLessThanOrEqualTo(2).allSatisfy(sample -> assertThat(sample.value())
                    .matches("seq=\\d+ key=" + sample.key() + "|not one of ours"));
        });
        assertThat(summaries.stream().flatMap(s -> s.keys().stream()).distinct())
                .containsExactlyInAnyOrder("key-0", "key-1", "key-2", "key-3");
    }
}
