package example;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs first: makes this run's temp directory and notes the threads alive before any environment starts. */
@Order(0)
class BaselineTest {

    @Test
    void takeBaseline() throws Exception {
        Leftovers.takeBaseline();
        assertThat(Leftovers.tempEntries()).isEmpty();
        assertThat(Leftovers.baselineThreads).isNotEmpty();
    }
}
