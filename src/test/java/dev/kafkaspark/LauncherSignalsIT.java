package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jar with its launcher (the demo runs in a child JVM with the class cache) behaves as one program: every stop
 * signal to the pid the user started stops it as Ctrl-C does, Ctrl-C typed in a real terminal (which sends SIGINT to
 * both JVMs) counts once, and a launcher that dies takes the demo down with it. Each run ends with no process left
 * and its ports free.
 */
@Order(6) // the two lanes: see the Failsafe settings in pom.xml
class LauncherSignalsIT {

    @BeforeAll
    static void sigIntReachesTheDemo() {
        // Started by a script in the background, this build has SIGINT ignored; JarProcess undoes that for the
        // processes it starts where the system lets it, and this class is skipped, saying why, where it cannot.
        Assumptions.assumeTrue(JarProcess.SigInt.UNAVAILABLE == null, JarProcess.SigInt.UNAVAILABLE);
    }

    private static final Duration START = Duration.ofSeconds(90);

    private static JarProcess startDemo(Path work) {
        JarProcess p = JarProcess.start(work, null, "--zk-port", "0", "--kafka-port", "0", "--no-ui",
                "--web-port", "0", "--batch-interval", "500ms", "--rate", "50", "--show", "0");
        p.awaitLine("running; Ctrl-C stops", START);
        p.awaitLine("--- batch", START);
        return p;
    }

    private static List<ProcessHandle> children(JarProcess p) {
        return p.handle().descendants().toList();
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM", "HUP"})
    void aStopSignalToTheStartedPidStopsTheDemoAsCtrlCDoes(String signal, @TempDir Path work) {
        try (JarProcess p = startDemo(work)) {
            List<ProcessHandle> demo = children(p);
            assertThat(demo).as("the launcher runs the demo in a child JVM").isNotEmpty();
            List<Integer> ports = ports(p);
            p.signal(signal);
            assertStoppedOnceWithItsSummary(p);
            assertThat(p.out()).last().asString().startsWith("SUMMARY ");
            assertThat(p.err()).as("nothing on standard error").isEmpty();
            assertGone(demo, ports);
            p.assertTempDirEmpty();
        }
    }

    @Test
    void ctrlCTypedInARealTerminalStopsTheDemoOnceWithItsSummary(@TempDir Path work) throws Exception {
        try (JarProcess p = JarProcess.startInTerminal(work, "--zk-port", "0", "--kafka-port", "0", "--no-ui",
                "--web-port", "0", "--batch-interval", "500ms", "--rate", "50", "--show", "0")) {
            p.awaitLine("running; Ctrl-C stops", START);
            p.awaitLine("--- batch", START);
            List<ProcessHandle> processes = p.handle().descendants().toList();
            assertThat(processes).as("script, the launcher and the demo's JVM").hasSizeGreaterThanOrEqualTo(2);
            List<Integer> ports = ports(p);
            // Ctrl-C as typed: the terminal sends SIGINT to the launcher and the demo's JVM alike.
            p.stdin().write(3);
            p.stdin().flush();
            assertStoppedOnceWithItsSummary(p);
            assertGone(processes, ports);
            p.assertTempDirEmpty();
        }
    }

    @Test
    void whenTheLauncherIsKilledTheDemoStopsAndFreesItsPorts(@TempDir Path work) {
        try (JarProcess p = startDemo(work)) {
            List<ProcessHandle> demo = children(p);
            List<Integer> ports = ports(p);
            p.signal("KILL");
            await("the demo's JVM to stop after its launcher died").atMost(Duration.ofSeconds(30))
                    .until(() -> demo.stream().noneMatch(ProcessHandle::isAlive));
            // Its console was the launcher's pipe, which the test's JVM closes once the launcher is gone: the log shows
            // what it did, the free ports and the empty temp directory that it cleaned up.
            assertThat(p.log()).contains("the launcher (pid " + p.handle().pid() + ") is gone: stopping now",
                    "Spark context stopped");
            assertGone(demo, ports);
            p.assertTempDirEmpty();
        }
    }

    @Test
    void threeQuickStopRequestsStopAtOnceAndStillLeaveNothingBehind(@TempDir Path work) {
        // Ctrl-C pressed three times, or a script that sends SIGINT and then SIGTERM: stop without waiting, but
        // never without deleting what the run made (brokers' data, Spark's files, the codecs' native libraries).
        try (JarProcess p = startDemo(work)) {
            List<ProcessHandle> demo = children(p);
            List<Integer> ports = ports(p);
            p.signal("INT");
            p.signal("TERM");
            p.signal("HUP");
            assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.transcript()).isEqualTo(130);
            assertThat(p.err()).as(p.transcript()).hasSize(1).first().asString()
                    .matches("stopping now, without waiting; \\d+ temp director(y|ies) removed");
            assertGone(demo, ports);
            p.assertTempDirEmpty();
        }
    }

    /** One stop request, the catch-up, no second request, the SUMMARY with nothing missing, and exit 0. */
    private static void assertStoppedOnceWithItsSummary(JarProcess p) {
        assertThat(p.awaitExit(Duration.ofSeconds(60))).as(p.transcript()).isZero();
        assertThat(p.out()).filteredOn(l -> l.contains("stop requested")).hasSize(1);
        assertThat(p.out()).anyMatch(l -> l.contains("letting Spark catch up"))
                .noneMatch(l -> l.contains("not waiting any longer"))
                .anyMatch(l -> l.strip().matches("SUMMARY produced=\\d+ processed=\\d+ missing=0 duplicated=0"
                        + " first-batch-ms=\\d+"));
    }

    /** The ZooKeeper and broker ports the demo printed. */
    private static List<Integer> ports(JarProcess p) {
        int zk = Integer.parseInt(p.awaitLine("ZooKeeper started at 127\\.0\\.0\\.1:(\\d+)", START).group(1));
        int kafka = Integer.parseInt(p.awaitLine("Kafka broker 0 started at 127\\.0\\.0\\.1:(\\d+)", START).group(1));
        return List.of(zk, kafka);
    }

    private static void assertGone(List<ProcessHandle> demo, List<Integer> ports) {
        await("no process of the demo left").atMost(Duration.ofSeconds(15))
                .until(() -> demo.stream().noneMatch(ProcessHandle::isAlive));
        for (int port : ports) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).isEqualTo(port);
            } catch (IOException e) {
                throw new AssertionError("port " + port + " is still taken after the demo stopped", e);
            }
        }
    }
}
