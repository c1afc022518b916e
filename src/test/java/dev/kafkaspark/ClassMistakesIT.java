package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.internal.support.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a class does wrong, each step a separate {@code java -jar} as in the walkthrough: every mistake gets a clear
 * answer, and nothing hangs or stays behind.
 */
@Order(7) // the two lanes: see the Failsafe settings in pom.xml
class ClassMistakesIT {

    private static final Duration STEP = Duration.ofSeconds(90);
    /** The issue's bound for a stop whatever the state of ZooKeeper; the program's own limit is 12 s. */
    private static final Duration STOP = Duration.ofSeconds(15);

    @Test
    void zooKeeperStoppedFirstIsNarratedAndTheBrokersStillStopPromptlyLeavingNothing(@TempDir Path work)
            throws java.io.IOException {
        try (JarProcess zk = JarProcess.start(work, null, "zookeeper", "--port", "0")) {
            String zookeeper = zk.awaitLine("ZooKeeper started at (127\\.0\\.0\\.1:\\d+)", STEP).group(1);
            try (JarProcess broker0 = JarProcess.start(work, null, "broker", "--zookeeper", zookeeper, "--port", "0");
                    JarProcess broker1 = JarProcess.start(work, null, "broker", "--zookeeper", zookeeper,
                            "--broker-id", "1", "--port", "0")) {
                String bootstrap = broker0.awaitLine("Kafka broker 0 started at (127\\.0\\.0\\.1:\\d+)", STEP)
                        .group(1);
                broker1.awaitLine("Kafka broker 1 started at", STEP);
                // A replicated topic: stopping a broker then needs the controller, and the controller needs ZooKeeper.
                String topicName = "mistakes-" + UUID.randomUUID().toString().substring(0, 8);
                JarProcess topic = JarProcess.run(work, null, STEP, "topics", "--create", "--topic", topicName,
                        "--partitions", "4",
                        "--replication-factor", "2", "--bootstrap-server", bootstrap);
                assertThat(topic.exitCode()).as(topic.transcript()).isZero();

                assertThat(zk.stop(STEP)).as(zk.transcript()).isZero();
                zk.assertTempDirEmpty();
                broker0.awaitLine("lost ZooKeeper at " + zookeeper.replace(".", "\\.") + ": .*leaders cannot move.*",
                        STEP);
                broker1.awaitLine("lost ZooKeeper at .*", STEP);
                // The docs say the brokers still serve the partitions they lead: a producer says what it waits for.
                Path line = Files.writeString(work.resolve("line.txt"), "hello\n");
                JarProcess produce = JarProcess.run(work, line, STEP, "produce", "--topic", topicName,
                        "--bootstrap-server", bootstrap, "-p", "request.timeout.ms=2500", "-p",
                        "delivery.timeout.ms=5000");
                assertThat(produce.exitCode()).as(produce.transcript()).isEqualTo(1);
                assertThat(produce.err()).as(produce.transcript())
                        .anyMatch(l -> l.startsWith("waiting for the brokers to acknowledge 1 record(s): the broker at "
                                + bootstrap + " answers but does not acknowledge"))
                        .filteredOn(l -> l.startsWith("sent ")).hasSize(1);

                // Both stopped at once, as a class presses Ctrl-C in both terminals: each may wait out its own limit.
                for (JarProcess broker : new JarProcess[] {broker1, broker0}) {
                    broker.requestStop();
                }
                for (JarProcess broker : new JarProcess[] {broker1, broker0}) {
                    assertStoppedOrGaveUpAtItsLimit(broker, broker.awaitExit(STOP), "Kafka broker \\d stopped");
                    broker.assertTempDirEmpty();
                }
                assertThat(broker1.transcript() + broker0.transcript()).doesNotContain("Exception");
            }
        }
    }

    @Test
    void aBrokerWithADataDirFindsItsTopicAndRecordsAfterARestart(@TempDir Path work) throws Exception {
        Path data = work.resolve("kafka-data");
        String topic = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        Path input = java.nio.file.Files.write(work.resolve("input.txt"), java.util.List.of("one", "two", "three"));
        for (int run = 1; run <= 2; run++) {
            try (JarProcess broker = JarProcess.start(work, null, "broker", "--port", "0", "--zk-port", "0",
                    "--data-dir", data.toString())) {
                String bootstrap = broker.awaitLine("Kafka broker 0 started at (127\\.0\\.0\\.1:\\d+)", STEP)
                        .group(1);
                // The narrative's next line: awaited, not read at once (the console's subscriber may be a line behind).
                broker.awaitLine("data kept in " + java.util.regex.Pattern.quote(data.toAbsolutePath().toString()),
                        STEP);
                if (run == 1) {
                    assertThat(JarProcess.run(work, null, STEP, "topics", "--create", "--topic", topic,
                            "--bootstrap-server", bootstrap).exitCode()).isZero();
                    assertThat(JarProcess.run(work, input, STEP, "produce", "--topic", topic, "--bootstrap-server",
                            bootstrap).exitCode()).isZero();
                } else {
                    JarProcess consume = JarProcess.run(work, null, STEP, "consume", "--topic", topic,
                            "--from-beginning", "--max-messages", "3", "--bootstrap-server", bootstrap);
                    assertThat(consume.out()).as(consume.transcript()).containsExactly("one", "two", "three");
                }
                assertThat(broker.stop(STEP)).as(broker.transcript()).isZero();
                assertThat(broker.out()).anyMatch(l -> l.contains("the data stays in " + data.toAbsolutePath()));
                broker.assertTempDirEmpty();
            }
            assertThat(data.resolve("zookeeper")).isDirectory();
            assertThat(data.resolve("broker-0")).isDirectory();
        }
    }

    /**
     * Needs the usual ports free (the first broker takes them); where another program holds them the test is skipped
     * and says so. SeparateClusterTest checks the same note against a cluster on other ports.
     */
    @Test
    void aSecondBrokerOnTheUsualPortsSaysItIsASeparateCluster(@TempDir Path work) {
        Assumptions.assumeTrue(Ports.isFree(9092) && Ports.isFree(2181), "ports 9092 and 2181 must be free for the"
                + " first broker to take them; another program holds one of them here");
        try (JarProcess first = JarProcess.start(work, null, "broker")) {
            Matcher started = first.awaitLine("Kafka broker 0 started at 127\\.0\\.0\\.1:(\\d+) \\(ZooKeeper "
                    + "127\\.0\\.0\\.1:(\\d+)\\)", STEP);
            assertThat(started.group(1) + " " + started.group(2)).as(first.transcript()).isEqualTo("9092 2181");
            try (JarProcess second = JarProcess.start(work, null, "broker")) {
                second.awaitLine("Kafka broker 0 started at", STEP);
                // The note comes after what started: it asks what holds the ports.
                second.awaitLine("this is a new, separate cluster: tools using --bootstrap-server"
                        + " 127\\.0\\.0\\.1:9092 will not see it; to join the cluster there instead, stop this"
                        + " one and run 'java -jar \\S*demo\\.jar broker --zookeeper 127\\.0\\.0\\.1:2181"
                        + " --broker-id 1'", STEP);
                assertThat(second.out()).anyMatch(l -> l.contains("port 9092 is taken"));
                assertThat(second.stop(STEP)).as(second.transcript()).isZero();
                second.assertTempDirEmpty();
            }
            assertThat(first.stop(STEP)).as(first.transcript()).isZero();
            first.assertTempDirEmpty();
            assertThat(Ports.isFree(9092) && Ports.isFree(2181)).as("the usual ports are free again").isTrue();
        }
    }

    @Test
    void kraftNodesJoinFromAnotherTerminalAndStopInTheWrongOrderLeavingNothing(@TempDir Path work) {
        try (JarProcess first = JarProcess.start(work, null, "broker", "--mode", "kraft", "--port", "0",
                "--controller-port", "0")) {
            Matcher started = first.awaitLine("Kafka node 0 \\(broker and controller\\) started at"
                    + " (127\\.0\\.0\\.1:\\d+), controller listener (127\\.0\\.0\\.1:\\d+)", STEP);
            String bootstrap = started.group(1);
            String controller = started.group(2);
            first.awaitLine("KRaft mode, no ZooKeeper: cluster \\S+; .*node 0 is the active controller", STEP);
            // The usual mistake: the same id as the first node.
            JarProcess clash = JarProcess.run(work, null, STEP, "broker", "--mode", "kraft", "--controller",
                    controller, "--port", "0");
            assertThat(clash.exitCode()).as(clash.transcript()).isEqualTo(2);
            assertThat(clash.err()).hasSize(1).first().asString().startsWith("error: node id 0 is already in the"
                    + " cluster of the controllers at " + controller + " (ids: 0): pass --node-id 1 to join as another"
                    + " broker");
            clash.assertTempDirEmpty();
            try (JarProcess joined = JarProcess.start(work, null, "broker", "--mode", "kraft", "--controller",
                    controller, "--node-id", "1", "--port", "0")) {
                String joinedBootstrap = joined.awaitLine("Kafka node 1 \\(broker only\\) started at"
                        + " (127\\.0\\.0\\.1:\\d+)", STEP).group(1);
                joined.awaitLine("joined cluster \\S+ through its controllers at " + controller.replace(".", "\\.")
                        + ": this broker is not a voter", STEP);
                JarProcess check = JarProcess.run(work, null, STEP, "check", "--bootstrap-server", bootstrap);
                assertThat(check.exitCode()).as(check.transcript()).isZero();
                assertThat(check.out()).contains("  mode: KRaft (no ZooKeeper: a controller quorum keeps the metadata)")
                        .anyMatch(l -> l.startsWith("  broker 1 at 127.0.0.1:"))
                        .anyMatch(l -> l.startsWith("  controller quorum: voters 0; active controller (the leader):"
                                + " node 0"));
                // The wrong order: the node with the controller first.
                assertThat(first.stop(STEP)).as(first.transcript()).isZero();
                first.assertTempDirEmpty();
                joined.awaitLine("lost the controllers at " + controller.replace(".", "\\.") + ": .*", STEP);
                // The class asks the broker that still runs: each tool names the controllers that are gone.
                for (String[] tool : new String[][] {{"check"}, {"topics", "--create", "--topic", "after-the-quorum"}}) {
                    List<String> args = new java.util.ArrayList<>(List.of(tool));
                    args.addAll(List.of("--bootstrap-server", joinedBootstrap));
                    JarProcess asked = JarProcess.run(work, null, STEP, args.toArray(String[]::new));
                    assertThat(asked.exitCode()).as(asked.transcript()).isEqualTo(1);
                    assertThat(asked.err()).as(asked.transcript()).hasSize(1).first().asString()
                            .contains("but their controllers at " + controller + " do not");
                }
                assertStoppedOrGaveUpAtItsLimit(joined, joined.stop(STOP), "Kafka node 1 stopped");
                joined.assertTempDirEmpty();
                assertThat(Ports.isFree(Integer.parseInt(bootstrap.split(":")[1]))).isTrue();
            }
        }
    }

    @Test
    void aSecondSecuredBrokerWritesLoginsOfItsOwnAndEachGoesWithItsBroker(@TempDir Path work) {
        String logins = "logins .*: (\\S+) \\(admin, a super user\\), (\\S+), (\\S+); removed when this broker stops.*";
        try (JarProcess first = JarProcess.start(work, null, "broker", "--auth", "scram", "--port", "0", "--zk-port",
                "0")) {
            Matcher firstFiles = first.awaitLine(logins, STEP);
            String firstBootstrap = first.awaitLine("clients connect with --bootstrap-server (\\S+);", STEP).group(1);
            Path firstAdmin = Path.of(firstFiles.group(1));
            try (JarProcess second = JarProcess.start(work, null, "broker", "--auth", "scram", "--port", "0",
                    "--zk-port", "0")) {
                Path secondAdmin = Path.of(second.awaitLine(logins, STEP).group(1));
                assertThat(secondAdmin).isNotEqualTo(firstAdmin);
                // The class's first terminal still logs in with its own file.
                JarProcess list = JarProcess.run(work, null, STEP, "topics", "--list", "--bootstrap-server",
                        firstBootstrap, "--command-config", firstAdmin.toString());
                assertThat(list.exitCode()).as(list.transcript()).isZero();
                assertThat(second.stop(STEP)).as(second.transcript()).isZero();
                assertThat(secondAdmin).doesNotExist();
                assertThat(firstAdmin).exists();
                second.assertTempDirEmpty();
            }
            assertThat(first.stop(STEP)).as(first.transcript()).isZero();
            for (int i = 1; i <= 3; i++) {
                assertThat(Path.of(firstFiles.group(i))).as("a login file of the stopped cluster").doesNotExist();
            }
            first.assertTempDirEmpty();
        }
    }

    @Test
    void aSecuredBrokerStoppedWhileItStartsFinishesItsStartThenStopsLeavingNothing(@TempDir Path work) {
        try (JarProcess broker = JarProcess.start(work, null, "broker", "--auth", "scram", "--port", "0", "--zk-port",
                "0")) {
            // Ctrl-C in the first seconds, while ZooKeeper and the broker start.
            await("ZooKeeper to be starting").atMost(STEP).until(() -> broker.log().contains("ZooKeeper"));
            broker.signal("TERM");
            assertThat(broker.awaitExit(STEP)).as(broker.transcript()).isZero();
            assertThat(broker.err()).as(broker.transcript()).isEmpty();
            assertThat(broker.out()).as(broker.transcript()).last().asString()
                    .endsWith("Kafka broker 0 stopped, and ZooKeeper; its files are removed");
            Matcher files = java.util.regex.Pattern.compile(".*logins .*: (\\S+) \\(admin, a super user\\), .*")
                    .matcher(String.join("\n", broker.out()));
            if (files.find()) {
                assertThat(Path.of(files.group(1))).as("the stopped cluster's admin login").doesNotExist();
            }
            broker.assertTempDirEmpty();
        }
    }

    @Test
    void aStopDuringTheStreamsStartUpStopsItAsOneLaterInTheRunWould(@TempDir Path work) {
        try (JarProcess broker = JarProcess.start(work, null, "broker", "--port", "0", "--zk-port", "0")) {
            String bootstrap = broker.awaitLine("Kafka broker 0 started at (127\\.0\\.0\\.1:\\d+)", STEP).group(1);
            String topic = "startup-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(JarProcess.run(work, null, STEP, "topics", "--create", "--topic", topic,
                    "--bootstrap-server", bootstrap).exitCode()).isZero();
            try (JarProcess stream = JarProcess.start(work, null, "stream", "--topic", topic, "--bootstrap-server",
                    bootstrap, "--no-ui")) {
                // A class's Ctrl-C while Spark starts (seconds in which the stream prints nothing yet).
                await("Spark to be starting").atMost(STEP).until(() -> stream.log().contains("Running Spark version"));
                stream.signal("TERM");
                assertThat(stream.awaitExit(STEP)).as(stream.transcript()).isZero();
                assertThat(stream.err()).as(stream.transcript()).isEmpty();
                assertThat(stream.out()).as(stream.transcript()).last().asString().endsWith("Spark Streaming stopped");
                stream.assertTempDirEmpty();
            }
            assertThat(broker.stop(STEP)).as(broker.transcript()).isZero();
        }
    }

    /**
     * A stop without its cluster's metadata keeper either ends in time (exit 0, saying it stopped) or says it waited
     * and gave up at the program's limit (exit 1): nothing else, and never a hang.
     */
    private static void assertStoppedOrGaveUpAtItsLimit(JarProcess p, int exitCode, String stoppedRegex) {
        if (exitCode == 0) {
            assertThat(p.out()).as(p.transcript()).anyMatch(l -> l.matches(".*" + stoppedRegex + ".*"));
        } else {
            assertThat(exitCode).as(p.transcript()).isEqualTo(1);
            assertThat(p.out()).as(p.transcript()).anyMatch(l -> l.matches(".* did not stop within 12 s: exiting"
                    + " without it .*"));
        }
    }
}
