package dev.kafkaspark.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.internal.batch.BatchReport;
import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.workload.SeqSet;
import java.util.List;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private static PartitionSummary partition(int p, long fromOffset, long... seqs) {
        PartitionSummary s = new PartitionSummary(OffsetRange.create("t", p, fromOffset, fromOffset + seqs.length));
        long offset = fromOffset;
        for (long seq : seqs) {
            s.add(offset++, "key-" + (seq % 2 + 2 * p), bytes("seq=" + seq + " key=k"), 1000 + seq, 2);
        }
        return s;
    }

    @Test
    void everyRecordOnceIsClean() {
        Ledger ledger = new Ledger();
        ledger.onBatch(new BatchReport(0, List.of(partition(0, 0, 0, 2), partition(1, 0, 1, 3)), 10));
        ledger.onBatch(new BatchReport(2000, List.of(partition(0, 2, 4), partition(1, 2)), 2010));
        SeqSet produced = new SeqSet();
        for (long i = 0; i < 5; i++) {
            produced.add(i);
        }
        assertThat(ledger.covers(produced)).isTrue();
        assertThat(ledger.records()).isEqualTo(5);
        assertThat(ledger.duplicates()).isZero();
        assertThat(ledger.orderViolations()).isZero();
        assertThat(ledger.keyConflicts()).isZero();
        assertThat(ledger.firstRecordsFinishedMillis()).isEqualTo(10);
        assertThat(ledger.batches()).isEqualTo(2);
    }

    @Test
    void replaysAndGapsAreCounted() {
        Ledger ledger = new Ledger();
        ledger.onBatch(new BatchReport(0, List.of(partition(0, 0, 0, 2, 4)), 10));
        // Offsets 1 and 2 read again (a restart resumed from an older commit): repeats, and a replay, not disorder.
        ledger.onBatch(new BatchReport(2000, List.of(partition(0, 1, 2, 4)), 2010));
        SeqSet produced = new SeqSet();
        for (long i = 0; i < 6; i += 2) {
            produced.add(i);
        }
        produced.add(6);
        assertThat(ledger.duplicates()).isEqualTo(2);
        assertThat(ledger.replayed()).isEqualTo(2);
        assertThat(ledger.orderViolations()).isZero();
        assertThat(ledger.missingOf(produced)).isEqualTo(1);
        assertThat(ledger.firstMissingOf(produced)).isEqualTo(6);
    }

    @Test
    void newOffsetsWithOlderSequenceNumbersAreDisorder() {
        Ledger ledger = new Ledger();
        ledger.onBatch(new BatchReport(0, List.of(partition(0, 0, 10, 12)), 10));
        ledger.onBatch(new BatchReport(2000, List.of(partition(0, 2, 4, 3)), 2010));
        assertThat(ledger.orderViolations()).isEqualTo(2);
        assertThat(ledger.replayed()).isZero();
    }

    @Test
    void aKeyInTwoPartitionsIsAConflict() {
        Ledger ledger = new Ledger();
        PartitionSummary p0 = new PartitionSummary(OffsetRange.create("t", 0, 0, 1));
        p0.add(0, "same", bytes("seq=0"), 1, 0);
        PartitionSummary p1 = new PartitionSummary(OffsetRange.create("t", 1, 0, 1));
        p1.add(0, "same", bytes("seq=1"), 1, 0);
        ledger.onBatch(new BatchReport(0, List.of(p0, p1), 1));
        assertThat(ledger.keyConflicts()).isEqualTo(1);
    }

    @Test
    void emptyBatchesDoNotSetTheFirstBatchTime() {
        Ledger ledger = new Ledger();
        ledger.onBatch(new BatchReport(0, List.of(partition(0, 0)), 10));
        assertThat(ledger.firstRecordsFinishedMillis()).isEqualTo(-1);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
