package dev.kafkaspark.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever one resource throws on close, an Error included, the others are closed and the first failure surfaces. */
class CloserTest {

    @Test
    void closesEverythingNewestFirstEvenWhenOneThrowsAnError() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.register(() -> closed.add("zookeeper"));
        closer.register(() -> {
            closed.add("broker");
            throw new NoClassDefFoundError("kafka/server/KafkaConfig");
        });
        closer.register(() -> {
            closed.add("admin");
            throw new IllegalStateException("admin failed");
        });

        Throwable failure = catchThrowable(closer::close);

        assertThat(closed).containsExactly("admin", "broker", "zookeeper");
        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("admin failed");
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void anErrorAloneIsRethrownAsItIs() {
        Closer closer = new Closer();
        closer.register(() -> {
            throw new NoClassDefFoundError("x");
        });
        assertThat(catchThrowable(closer::close)).isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void aCheckedFailureIsWrapped() {
        Closer closer = new Closer();
        closer.register(() -> {
            throw new java.io.IOException("disk");
        });
        assertThat(catchThrowable(closer::close)).isInstanceOf(IllegalStateException.class).hasMessage("disk")
                .hasCauseInstanceOf(java.io.IOException.class);
    }
}
