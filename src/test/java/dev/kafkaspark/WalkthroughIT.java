package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.internal.support.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic walkthrough across processes, each step a separate {@code java -jar} as a class would run it: a broker,
 * topics, a console producer fed from a file, a console consumer, the streaming job, and a second broker joining.
 */
@Order(3) // the two lanes: see the Failsafe settings in pom.xml
class WalkthroughIT {

    private static final Duration STEP = Duration.ofSeconds(90);

    @Test
    void theWalkthroughWorksAcrossProcesses(@TempDir Path work) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String topic = "walk-" + suffix;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add("line " + i + " of the walkthrough");
        }
        Path input = Files.write(work.resolve("input.txt"), lines, StandardCharsets.UTF_8);

        try (Started all = new Started(work);
                JarProcess broker0 = JarProcess.start(work, null, "broker", "--port", "0", "--zk-port", "0")) {
            Matcher started = broker0.awaitLine(
                    "Kafka broker 0 started at (127\\.0\\.0\\.1:(\\d+)) \\(ZooKeeper (127\\.0\\.0\\.1:(\\d+))\\)", STEP);
            String bootstrap = started.group(1);
            String zookeeper = started.group(3);
            int port0 = Integer.parseInt(started.group(2));
            int zkPort = Integer.parseInt(started.group(4));

            // Steps that do not depend on each other run side by side, as in several terminals.
            JarProcess create = all.start(null, "topics", "--create", "--topic", topic, "--partitions",
                    "2", "--bootstrap-server", bootstrap);
            JarProcess createTyped = all.start(null, "topics", "--create", "--topic", topic + "-typed",
                    "--bootstrap-server", bootstrap);
            assertThat(create.awaitExit(STEP)).as(create.transcript()).isZero();
            assertThat(create.out()).containsExactly("Created topic " + topic + ": 2 partition(s), replication factor"
                    + " 1");
            assertThat(createTyped.awaitExit(STEP)).as(createTyped.transcript()).isZero();

            JarProcess produce = all.start(input, "produce", "--topic", topic, "--bootstrap-server",
                    bootstrap);
            // Ctrl-C (here SIGTERM, handled the same way) while input is still open: what was read is sent.
            try (JarProcess typing = JarProcess.start(work, JarProcess.PIPE, "produce", "--topic", topic + "-typed",
                    "--bootstrap-server", bootstrap)) {
                typing.stdin().write("typed one\ntyped two\n".getBytes(StandardCharsets.UTF_8));
                typing.stdin().flush();
                JarProcess readTyped = all.start(null, "consume", "--topic", topic + "-typed",
                        "--from-beginning", "--max-messages", "2", "--bootstrap-server", bootstrap);
                assertThat(produce.awaitExit(STEP)).as(produce.transcript()).isZero();
                assertThat(produce.err()).contains("sent 20 record(s) to " + topic);

                JarProcess consume = all.start(null, "consume", "--topic", topic, "--from-beginning",
                        "--max-messages", "20", "--bootstrap-server", bootstrap);
                JarProcess stream = all.start(null, "stream", "--topic", topic, "--duration", "3s",
                        "--batch-interval", "1s", "--no-ui", "--show", "20", "--group", "walk-group-" + suffix,
                        "--bootstrap-server", bootstrap);
                assertThat(readTyped.awaitExit(STEP)).as(readTyped.transcript()).isZero();
                assertThat(readTyped.out()).containsExactly("typed one", "typed two");
                assertThat(typing.stop(STEP)).as(typing.transcript()).isZero();
                assertThat(typing.err()).contains("sent 2 record(s) to " + topic + "-typed (interrupted)");

                assertThat(consume.awaitExit(STEP)).as(consume.transcript()).isZero();
                assertThat(consume.out()).containsExactlyInAnyOrderElementsOf(lines);
                assertThat(consume.err()).contains("Processed a total of 20 messages");

                assertThat(stream.awaitExit(STEP)).as(stream.transcript()).isZero();
                assertThat(stream.out()).anyMatch(l -> l.matches("--- batch .*: 20 records, .*"));
                for (String line : lines) {
                    assertThat(stream.out()).anyMatch(l -> l.endsWith(": " + line));
                }
            }

            try (JarProcess broker1 = JarProcess.start(work, null, "broker", "--zookeeper", zookeeper,
                    "--broker-id", "1", "--port", "0")) {
                Matcher second = broker1.awaitLine("Kafka broker 1 started at 127\\.0\\.0\\.1:(\\d+)", STEP);
                int port1 = Integer.parseInt(second.group(1));

                JarProcess replicated = JarProcess.run(work, null, STEP, "topics", "--create", "--topic",
                        topic + "-rf2", "--partitions", "2", "--replication-factor", "2", "--bootstrap-server",
                        bootstrap);
                assertThat(replicated.exitCode()).as(replicated.transcript()).isZero();
                JarProcess describe = JarProcess.run(work, null, STEP, "topics", "--describe", "--topic",
                        topic + "-rf2", "--bootstrap-server", bootstrap);
                assertThat(describe.exitCode()).as(describe.transcript()).isZero();
                assertThat(describe.out()).filteredOn(l -> l.contains("Partition: ")).hasSize(2)
                        .allMatch(l -> l.matches(".*Replicas: (0,1|1,0)\\tIsr: (0,1|1,0)"));

                JarProcess check = JarProcess.run(work, null, STEP, "check", "--bootstrap-server", bootstrap,
                        "--zookeeper", zookeeper);
                assertThat(check.exitCode()).as(check.transcript()).isZero();
                assertThat(check.out()).contains("  broker ids registered: 0, 1", "  broker 1 at 127.0.0.1:" + port1);

                assertThat(broker1.stop(STEP)).as(broker1.transcript()).isZero();
                broker1.assertTempDirEmpty();
                assertThat(Ports.isFree(port1)).isTrue();
            }
            assertThat(broker0.stop(STEP)).as(broker0.transcript()).isZero();
            broker0.assertTempDirEmpty();
            assertThat(Ports.isFree(port0)).isTrue();
            assertThat(Ports.isFree(zkPort)).isTrue();
        }
    }

    /** Starts the steps' processes, and kills them at the end if a failed assertion left them running. */
    private static final class Started implements AutoCloseable {
        private final Path work;
        private final List<JarProcess> processes = new ArrayList<>();

        Started(Path work) {
            this.work = work;
        }

        JarProcess start(Path stdin, String... args) {
            JarProcess p = JarProcess.start(work, stdin, args);
            processes.add(p);
            return p;
        }

        @Override
        public void close() {
            processes.forEach(JarProcess::close);
        }
    }
}
