package dev.kafkaspark.internal.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The streaming clock's grid: the first batch runs when the timer first waits and records are there, never a whole
 * interval later; a graceful stop's last two batches run at once; each batch keeps the wall time it ran at.
 */
class AlignedClockTest {

    private static final long INTERVAL = 2_000;

    private final AlignedClock clock = new AlignedClock();

    @AfterEach
    void reset() {
        AlignedClock.reset();
    }

    @Test
    void theFirstBatchWaitsForRecordsAndThenRunsAtOnceWithItsTimeMovedToThatMoment() throws Exception {
        AtomicBoolean recordsThere = new AtomicBoolean();
        AlignedClock.alignFirstBatch(recordsThere::get, 60_000);
        long target = clock.getTimeMillis() + INTERVAL - 1; // where Spark's grid put the first batch
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> clock.waitTillTime(target));
        await("the first batch waiting while no record is there").during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5)).until(() -> !waited.isDone());
        long opened = System.currentTimeMillis();
        recordsThere.set(true);
        assertThat(waited.get(10, TimeUnit.SECONDS)).isEqualTo(target);
        long ranAt = AlignedClock.toWallClock(target);
        assertThat(ranAt).isBetween(opened, System.currentTimeMillis());
        // The next batch is one interval after the first, on the moved grid.
        assertThat(AlignedClock.toWallClock(target + INTERVAL)).isEqualTo(ranAt + INTERVAL);
    }

    @Test
    void withRecordsThereTheFirstBatchDoesNotWaitForTheGrid() {
        AlignedClock.alignFirstBatch(() -> true, 60_000);
        long target = clock.getTimeMillis() + 60_000;
        long before = System.currentTimeMillis();
        assertThat(clock.waitTillTime(target)).isEqualTo(target);
        assertThat(AlignedClock.toWallClock(target)).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void aGracefulStopRunsTheNextTwoBatchesAtOnceAndEachKeepsItsOwnTime() throws Exception {
        long first = clock.getTimeMillis() + 60_000;
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> clock.waitTillTime(first));
        await("an ordinary wait lasting until its time").during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
        long before = System.currentTimeMillis();
        AlignedClock.hurryStop();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo(first);
        long firstRan = AlignedClock.toWallClock(first);
        assertThat(clock.waitTillTime(first + 60_000)).isEqualTo(first + 60_000);
        assertThat(AlignedClock.toWallClock(first)).as("the first batch's time stays when the grid moves again")
                .isEqualTo(firstRan).isBetween(before, System.currentTimeMillis());
        assertThat(AlignedClock.toWallClock(first + 60_000)).isBetween(before, System.currentTimeMillis());
        long third = clock.getTimeMillis() + 300;
        clock.waitTillTime(third);
        assertThat(clock.getTimeMillis()).as("only two waits are cut short").isGreaterThanOrEqualTo(third);
    }
}
