package dev.kafkaspark.internal.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeqSetTest {

    @Test
    void addsCountsAndFindsDuplicates() {
        SeqSet s = new SeqSet();
        assertThat(s.add(5)).isTrue();
        assertThat(s.add(700)).isTrue();
        assertThat(s.add(5)).isFalse();
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.contains(5)).isTrue();
        assertThat(s.contains(6)).isFalse();
        assertThat(s.contains(-1)).isFalse();
    }

    @Test
    void growsDownwardAndUpward() {
        SeqSet s = new SeqSet();
        s.add(1_000_000);
        s.add(3);
        s.add(5_000_000);
        assertThat(s.contains(3)).isTrue();
        assertThat(s.contains(1_000_000)).isTrue();
        assertThat(s.contains(5_000_000)).isTrue();
        assertThat(s.size()).isEqualTo(3);
    }

    @Test
    void mergeCountsOverlapAsDuplicates() {
        SeqSet a = new SeqSet();
        SeqSet b = new SeqSet();
        for (long i = 0; i < 100; i++) {
            a.add(i);
        }
        for (long i = 90; i < 300; i++) {
            b.add(i);
        }
        b.add(95); // a repeat inside b itself
        long overlap = a.addAll(b);
        assertThat(overlap).isEqualTo(10);
        assertThat(a.size()).isEqualTo(300);
        assertThat(a.duplicates()).isEqualTo(11);
    }

    @Test
    void countsWhatIsMissing() {
        SeqSet expected = new SeqSet();
        SeqSet seen = new SeqSet();
        for (long i = 0; i < 1000; i++) {
            expected.add(i);
            if (i != 17 && i != 640) {
                seen.add(i);
            }
        }
        assertThat(seen.countMissing(expected)).isEqualTo(2);
        assertThat(seen.firstMissing(expected)).isEqualTo(17);
        assertThat(new SeqSet().countMissing(expected)).isEqualTo(1000);
        assertThat(expected.countMissing(new SeqSet())).isZero();
        assertThat(expected.firstMissing(expected)).isEqualTo(-1);
    }

    @Test
    void copyIsIndependent() {
        SeqSet a = new SeqSet();
        a.add(1);
        SeqSet c = a.copy();
        a.add(2);
        assertThat(c.contains(2)).isFalse();
        assertThat(c.size()).isEqualTo(1);
    }

    @Test
    void refusesNegativeNumbers() {
        assertThatThrownBy(() -> new SeqSet().add(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
