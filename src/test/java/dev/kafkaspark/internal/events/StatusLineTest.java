package dev.kafkaspark.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    @Test
    void ratesArePerSecond() {
        assertThat(StatusLine.perSecond(500, 250)).isEqualTo(2000.0);
        assertThat(StatusLine.perSecond(500, 0)).isZero();
    }

    @Test
    void lagIsEndMinusReachedNeverNegative() {
        Map<Integer, Long> lag = StatusLine.lag(Map.of(0, 100L, 1, 50L, 2, 7L), Map.of(0, 90L, 1, 60L));
        assertThat(lag).containsExactly(Map.entry(0, 10L), Map.entry(1, 0L), Map.entry(2, 7L));
    }

    @Test
    void theLineFitsEightyColumnsAndDropsDetailWhenItMust() {
        String line = StatusLine.format(5, 4.6, Map.of(0, 1L, 1, 2L, 2, 0L), 50, 10);
        assertThat(line).isEqualTo("    in 5/s  out 5/s  lag 3 (p0 1 p1 2 p2 0)  took 0.05s  wait 0.01s");
        Map<Integer, Long> many = new java.util.TreeMap<>();
        for (int p = 0; p < 12; p++) {
            many.put(p, 123_456L);
        }
        String wide = StatusLine.format(1_234_567, 987_654, many, 1234, -1);
        assertThat(wide).hasSizeLessThanOrEqualTo(StatusLine.WIDTH).doesNotContain("p11")
                .contains("in 1.23M/s", "out 987.7k/s", "lag 1,481,472", "wait ?");
    }

    @Test
    void fallingBehindMeansAGrowingDelayLongerThanTheInterval() {
        assertThat(StatusLine.fallingBehind(new long[] {100, 900, 2500}, 2000)).isTrue();
        assertThat(StatusLine.fallingBehind(new long[] {100, 900, 1500}, 2000)).isFalse();
        assertThat(StatusLine.fallingBehind(new long[] {3000, 2900, 2800}, 2000)).isFalse();
        assertThat(StatusLine.fallingBehind(new long[] {2500}, 2000)).isFalse();
    }

    @Test
    void ratesReadCompactly() {
        assertThat(StatusLine.compact(5)).isEqualTo("5");
        assertThat(StatusLine.compact(12_345)).isEqualTo("12.3k");
        assertThat(StatusLine.compact(1_050_000)).isEqualTo("1.05M");
    }
}
