package dev.kafkaspark.internal.stream.structured;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A micro-batch's time: the interval's multiple it fired on, or, for the query's first trigger, the query's start. */
class BatchTimeTest {

    @Test
    void theQuerysFirstBatchFiredAsTheQueryStartedNotOnTheMultipleBefore() {
        // Started at 10.4 s with 2 s batches: the first trigger fired at once; its output began at 10.7 s.
        assertThat(StructuredRunner.batchTime(10_700, 2000, 10_400)).isEqualTo(10_400);
    }

    @Test
    void laterBatchesFiredOnTheirMultiple() {
        assertThat(StructuredRunner.batchTime(12_050, 2000, 10_400)).isEqualTo(12_000);
        assertThat(StructuredRunner.batchTime(30_900, 2000, 10_400)).isEqualTo(30_000);
    }

    @Test
    void noBatchTimeIsAfterItsOutputBegan() {
        assertThat(StructuredRunner.batchTime(10_000, 2000, 10_500)).isEqualTo(10_000);
    }
}
