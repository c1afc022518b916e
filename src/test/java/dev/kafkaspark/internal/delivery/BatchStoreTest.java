package dev.kafkaspark.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.workload.SeqSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exactly-once store's files: what is written is read back, and a file of another version is named. */
class BatchStoreTest {

    private static PartitionSummary summary(int partition, long from, long until, long... seqs) {
        SeqSet set = new SeqSet();
        for (long s : seqs) {
            set.add(s);
        }
        return PartitionSummary.restored(OffsetRange.create("t", partition, from, until), seqs.length, 0, set,
                seqs[0], seqs[seqs.length - 1], 0);
    }

    @Test
    void readsBackWhatItWroteAndResumesFromTheHighestOffsets(@TempDir Path dir) {
        BatchStore store = new BatchStore(dir);
        store.write(1_000, List.of(summary(0, 0, 2, 1, 2), summary(1, 0, 1, 3)));
        store.write(2_000, List.of(summary(0, 2, 3, 4)));
        assertThat(store.readAll()).hasSize(2);
        assertThat(store.readAll().get(0).get(0).seqs().contains(2)).isTrue();
        assertThat(store.offsets()).containsEntry(new TopicPartition("t", 0), 3L)
                .containsEntry(new TopicPartition("t", 1), 1L);
    }

    @Test
    void aFileOfAnotherFormatIsNamedWithWhatToDo(@TempDir Path dir) throws IOException {
        BatchStore store = new BatchStore(dir);
        Path old = dir.resolve("batch-1-000001.txt");
        Files.writeString(old, "batch-time 1970-01-01T00:00:01Z\npartition t 0 from 0 until 2 records 2\n");
        assertThatThrownBy(store::offsets).hasMessageContaining(old.toString())
                .hasMessageContaining("not a batch file of this version").hasMessageContaining("new store directory");
    }

    @Test
    void aDamagedFileIsNamed(@TempDir Path dir) throws IOException {
        BatchStore store = new BatchStore(dir);
        Path damaged = dir.resolve("batch-1-000001.txt");
        Files.writeString(damaged, BatchStore.HEADER + "\npartition t 0 from 0 until\n");
        assertThatThrownBy(store::readAll).hasMessageContaining("batch file " + damaged + " is damaged");
    }

    @Test
    void aMicroBatchWrittenAgainUnderItsIdReplacesItsFile(@TempDir Path dir) {
        BatchStore store = new BatchStore(dir);
        store.write(0L, 1_000, List.of(summary(0, 0, 2, 1, 2)));
        store.write(1L, 2_000, List.of(summary(0, 2, 3, 3)));
        // Batch 1 replayed after a restart, later, with the same offsets and records.
        store.write(1L, 5_000, List.of(summary(0, 2, 3, 3)));
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.readAll()).hasSize(2);
        assertThat(dir.resolve("batch-id-000000001.txt")).content().contains("batch-id 1", "batch-time "
                + java.time.Instant.ofEpochMilli(5_000));
    }
}
