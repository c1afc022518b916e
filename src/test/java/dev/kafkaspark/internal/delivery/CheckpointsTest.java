package dev.kafkaspark.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A query's checkpoint directory: who may use it, and where a restarted query resumes (from Spark's own files). */
class CheckpointsTest {

    @Test
    void aNewOrEmptyDirectoryIsClaimedAndTheSameQueryMayUseItAgain(@TempDir Path dir) throws IOException {
        Path cp = dir.resolve("a/b");
        Checkpoints.claim(cp, "t", "q");
        assertThat(cp.resolve(Checkpoints.MARKER)).content().contains("query=q", "topic=t");
        Checkpoints.claim(cp, "t", "q");
        Checkpoints.claim(Files.createDirectories(dir.resolve("empty")), "t", "q");
    }

    @Test
    void anotherTopicsOrQuerysCheckpointIsRefused(@TempDir Path dir) {
        Path cp = dir.resolve("cp");
        Checkpoints.claim(cp, "t", "q");
        assertThatThrownBy(() -> Checkpoints.check(cp, "u", "q")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the checkpoint directory " + cp + " belongs to a query reading topic t, not u: choose a new"
                        + " directory (or read topic t)");
        assertThatThrownBy(() -> Checkpoints.check(cp, "t", "other"))
                .hasMessageContaining("belongs to another query (q, not other)");
    }

    @Test
    void aCheckpointNotOfThisProgramOrNoCheckpointAtAllIsRefused(@TempDir Path dir) throws IOException {
        Path spark = Files.createDirectories(dir.resolve("spark"));
        Files.writeString(spark.resolve("metadata"), "{\"id\":\"x\"}");
        assertThatThrownBy(() -> Checkpoints.check(spark, "t", "q"))
                .hasMessageContaining("belongs to another Structured Streaming query");
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("n.txt"), "mine");
        assertThatThrownBy(() -> Checkpoints.claim(notes, "t", "q"))
                .hasMessageContaining("is not empty and holds no checkpoint");
        assertThat(notes.resolve(Checkpoints.MARKER)).doesNotExist();
    }

    @Test
    void aPlaceThatCannotBeWrittenIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertThatThrownBy(() -> Checkpoints.check(file, "t", "q")).hasMessageContaining("is a file");
        assertThatThrownBy(() -> Checkpoints.check(file.resolve("sub"), "t", "q"))
                .hasMessageContaining("cannot be created");
    }

    @Test
    void resumesAfterTheLastCommittedBatch(@TempDir Path dir) throws IOException {
        assertThat(Checkpoints.committedOffsets(dir)).isEmpty();
        Files.createDirectories(dir.resolve("offsets"));
        Files.createDirectories(dir.resolve("commits"));
        offsets(dir, 0, "{\"t\":{\"0\":5,\"1\":7}}");
        offsets(dir, 1, "{\"t\":{\"0\":9,\"1\":7}}");
        Files.writeString(dir.resolve("commits/0"), "v1\n{\"nextBatchWatermarkMs\":0}");
        Files.writeString(dir.resolve("commits/.0.crc"), "");
        assertThat(Checkpoints.lastPlanned(dir)).hasValue(1);
        assertThat(Checkpoints.lastCommitted(dir)).hasValue(0);
        // Batch 1 was in flight: the query resumes where batch 0 ended, and runs batch 1 again.
        assertThat(Checkpoints.committedOffsets(dir))
                .isEqualTo(Map.of(new TopicPartition("t", 0), 5L, new TopicPartition("t", 1), 7L));
    }

    private static void offsets(Path dir, long id, String source) throws IOException {
        Files.writeString(dir.resolve("offsets/" + id), "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1}\n"
                + source, StandardCharsets.UTF_8);
    }
}
