package example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last: on JUnit 5.10 too, every environment of the classes before was closed when its class ended, so its
 * ports are free, its threads gone and its files removed.
 */
@Order(3)
class NothingLeftTest {

    @Test
    void theEnvironmentsLeftNoPortsThreadsOrFiles() {
        assertThat(Leftovers.PORTS).as("ports the environments bound").hasSizeGreaterThanOrEqualTo(6);
        await("the environments' ports to be free").pollInSameThread().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(Leftovers.PORTS).allMatch(NothingLeftTest::free));
        await("the environments' threads to end").pollInSameThread().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(Leftovers.newThreads()).isEmpty());
        assertThat(Leftovers.tempEntries()).as("entries left in %s", Leftovers.tempDir()).isEmpty();
        assertThat(Path.of("logs")).as("a logs/ folder in the project (the library must not log there)")
                .doesNotExist();
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
