package dev.kafkaspark.internal.stream.structured;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How long a Structured Streaming micro-batch waited after its processing-time trigger was due. */
class QueryTimingsTest {

    @Test
    void aTriggerOnTimeWaitedOnlySinceTheIntervalsMultiple() {
        assertThat(QueryTimings.waitMillis(10_030, -1, -1, 1000)).isEqualTo(30);
        // The previous batch ended well within its interval, so this one fired on its own multiple.
        assertThat(QueryTimings.waitMillis(11_005, 10_000, 10_300, 1000)).isEqualTo(5);
    }

    @Test
    void aBatchAfterAnOverrunWaitedSinceTheTriggerItMissed() {
        // The batch of 10.0 s took 2.5 s: the next trigger was due at 11.0 s and fired when it ended, at 12.5 s.
        assertThat(QueryTimings.waitMillis(12_510, 10_000, 12_500, 1000)).isEqualTo(1510);
    }

    @Test
    void aLongBatchFollowedByIdleTriggersIsNoOverrun() {
        assertThat(QueryTimings.waitMillis(20_010, 10_000, 12_500, 1000)).isEqualTo(10);
    }
}
