package dev.kafkaspark.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The partition table marks a stopped broker wherever it appears, since Kafka may still list it as in sync. */
class PartitionWatcherTest {

    private static final List<PartitionWatcher.Row> ROWS = List.of(
            new PartitionWatcher.Row(0, 1, List.of(1, 2, 0), List.of(1, 2, 0)),
            new PartitionWatcher.Row(1, -1, List.of(2), List.of()));

    @Test
    void aStoppedBrokerIsMarkedAndExplained() {
        assertThat(PartitionWatcher.table(ROWS, Set.of(2)).lines().toList()).containsExactly(
                "    partition  leader  replicas    in-sync replicas",
                "    0          1       1,2*,0      1,2*,0",
                "    1          none    2*          ",
                "    * stopped; Kafka lists it as in sync until its controller has noticed");
    }

    @Test
    void withNothingStoppedThereIsNoMarkAndNoLegend() {
        assertThat(PartitionWatcher.table(ROWS, Set.of())).doesNotContain("*").doesNotContain("stopped");
    }
}
