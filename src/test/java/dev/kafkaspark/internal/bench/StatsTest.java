package dev.kafkaspark.internal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Stats.of(List.of(3, 1, 2))).isEqualTo(new Stats(2, 1, 3, 3));
        assertThat(Stats.of(List.of(4, 1, 3, 2))).isEqualTo(new Stats(2.5, 1, 4, 4));
        assertThat(Stats.of(List.of(7L))).isEqualTo(new Stats(7, 7, 7, 1));
        assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsMedianAndRange() {
        assertThat(Stats.of(List.of(2900, 3100, 3000)).format()).isEqualTo("3,000 [2,900-3,100]");
        assertThat(Stats.single(1234).format()).isEqualTo("1,234");
    }
}
