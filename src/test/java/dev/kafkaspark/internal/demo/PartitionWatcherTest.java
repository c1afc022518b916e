package dev.kafkaspark.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.internal.events.ConsoleNarrative;
import dev.kafkaspark.internal.events.Event.PartitionRow;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The partition table marks a stopped broker wherever it appears, since Kafka may still list it as in sync. */
class PartitionWatcherTest {

    private static final List<PartitionRow> ROWS = List.of(
            new PartitionRow(0, 1, List.of(1, 2, 0), List.of(1, 2, 0)),
            new PartitionRow(1, -1, List.of(2), List.of()));

    @Test
    void aStoppedBrokerIsMarkedAndExplained() {
        assertThat(ConsoleNarrative.table(ROWS, Set.of(2)).lines().toList()).containsExactly(
                "    partition  leader  replicas    in-sync replicas",
                "    0          1       1,2*,0      1,2*,0",
                "    1          none    2*          ",
                "    * stopped; Kafka lists it as in sync until its controller has noticed");
    }

    @Test
    void withNothingStoppedThereIsNoMarkAndNoLegend() {
        assertThat(ConsoleNarrative.table(ROWS, Set.of())).doesNotContain("*").doesNotContain("stopped");
    }
}
