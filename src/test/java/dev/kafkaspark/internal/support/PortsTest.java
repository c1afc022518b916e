package dev.kafkaspark.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Probing a port, and starting again when a port picked free was taken before it was bound. */
class PortsTest {

    @Test
    void anyListeningFindsTheOneAddressThatAnswers() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            int closed = Ports.anyFree();
            String one = Ports.LOOPBACK + ":" + listening.getLocalPort();
            String none = Ports.LOOPBACK + ":" + closed;
            assertThat(Ports.anyListening(none + "," + one, Duration.ofSeconds(1))).isTrue();
            assertThat(Ports.anyListening(none + ",not-an-address", Duration.ofSeconds(1))).isFalse();
        }
    }

    @Test
    void aBindFailureStartsAgainAndAnyOtherFailureDoesNot() {
        AtomicInteger attempts = new AtomicInteger();
        String started = Ports.retryingBind("test", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("did not start", new BindException("Address already in use"));
            }
            return "started";
        });
        assertThat(started).isEqualTo("started");
        assertThat(attempts).hasValue(2);

        attempts.set(0);
        assertThatThrownBy(() -> Ports.retryingBind("test", () -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("invalid configuration");
        })).hasMessage("invalid configuration");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aPortTakenEveryTimeFailsAfterAFewAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> Ports.retryingBind("test", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("Socket server failed to bind to 127.0.0.1:1: Address already in use");
        })).hasMessageContaining("Address already in use");
        assertThat(attempts).hasValue(3);
    }
}
