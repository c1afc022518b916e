package dev.kafkaspark.internal.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.internal.delivery.Ledger;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.junit.jupiter.api.Test;

class TimeCountsTest {

    private static List<long[]> entries(TimeCounts c) {
        List<long[]> out = new ArrayList<>();
        c.forEach((ts, n) -> out.add(new long[] {ts, n}));
        return out;
    }

    @Test
    void countsPerMillisecondInEitherDirection() {
        TimeCounts c = new TimeCounts();
        c.add(1_000_500);
        c.add(1_000_500);
        c.add(1_000_100);
        c.add(1_002_000);
        assertThat(entries(c)).containsExactly(new long[] {1_000_100, 1}, new long[] {1_000_500, 2},
                new long[] {1_002_000, 1});
        assertThat(c.total()).isEqualTo(4);
    }

    @Test
    void aWindowWiderThanTenMinutesKeepsTheNewestAndCountsEverything() {
        TimeCounts c = new TimeCounts();
        c.add(0);
        c.add(TimeCounts.MAX_SPAN_MS + 5000L);
        List<long[]> e = entries(c);
        assertThat(e.stream().mapToLong(x -> x[1]).sum()).isEqualTo(2);
        assertThat(e.get(e.size() - 1)[0]).isEqualTo(TimeCounts.MAX_SPAN_MS + 5000L);
    }

    @Test
    void latencyIsMeasuredFromTimestampToBatchEndAfterWarmUp() {
        Ledger ledger = new Ledger();
        PartitionSummary first = new PartitionSummary(OffsetRange.create("t", 0, 0, 1));
        first.add(0, "k", "seq=0".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1000, 0);
        ledger.onBatch(new BatchReport(0, List.of(first), 5000)); // warm-up: the backlog waited for start-up
        PartitionSummary second = new PartitionSummary(OffsetRange.create("t", 0, 1, 3));
        second.add(1, "k", "seq=1".getBytes(java.nio.charset.StandardCharsets.UTF_8), 5900, 0);
        second.add(2, "k", "seq=2".getBytes(java.nio.charset.StandardCharsets.UTF_8), 5950, 0);
        ledger.onBatch(new BatchReport(6000, List.of(second), 6100));
        org.HdrHistogram.Histogram h = ledger.latency();
        assertThat(h.getTotalCount()).isEqualTo(2);
        assertThat(h.getMaxValue()).isEqualTo(200);
        assertThat(h.getMinValue()).isEqualTo(150);
        assertThat(ledger.steadyLatency().getTotalCount()).isZero(); // both sent within 5 s of the first batch

        PartitionSummary later = new PartitionSummary(OffsetRange.create("t", 0, 3, 5));
        long steadyFrom = 5000 + Ledger.WARM_UP_MILLIS;
        later.add(3, "k", "seq=3".getBytes(java.nio.charset.StandardCharsets.UTF_8), steadyFrom - 1, 0);
        later.add(4, "k", "seq=4".getBytes(java.nio.charset.StandardCharsets.UTF_8), steadyFrom, 0);
        ledger.onBatch(new BatchReport(0, List.of(later), steadyFrom + 300));
        assertThat(ledger.latency().getTotalCount()).isEqualTo(4);
        org.HdrHistogram.Histogram steady = ledger.steadyLatency();
        assertThat(steady.getTotalCount()).isEqualTo(1);
        assertThat(steady.getMaxValue()).isEqualTo(300);
    }
}
