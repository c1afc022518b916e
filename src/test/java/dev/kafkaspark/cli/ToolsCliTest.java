package dev.kafkaspark.cli;

import dev.kafkaspark.internal.stream.StreamEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaspark.cli.CliTest.Run;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.TopicSpec;
import dev.kafkaspark.internal.cluster.Topics;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.tools.ConsoleProducer;
import dev.kafkaspark.internal.workload.RecordFormat;
import dev.kafkaspark.testing.KafkaMode;
import dev.kafkaspark.testing.Internals;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The walkthrough's commands against a real broker: bad input gets one clear line and the right exit code. */
@KafkaSparkTest(shared = true)
class ToolsCliTest {

    private static KafkaCluster cluster;
    private static KafkaSparkEnvironment env;
    private static String bootstrap;

    @BeforeAll
    static void useCluster(KafkaSparkEnvironment environment) {
        env = environment;
        cluster = Internals.cluster(environment);
        bootstrap = env.bootstrapServers();
    }

    private static String randomTopic() {
        return "tools-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertOneLine(Run r, int code, String expected) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err()).startsWith("error: ").contains(expected).doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }

    @Test
    void topicsCreateListDescribeDelete() {
        String topic = randomTopic();
        Run created = CliTest.run("topics", "--create", "--topic", topic, "--partitions", "2",
                "--bootstrap-server", bootstrap);
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created topic " + topic + ": 2 partition(s)");
        assertThat(CliTest.run("topics", "--create", "--topic", topic, "--partitions", "2", "--bootstrap-server",
                bootstrap).out()).contains("Kept the existing topic " + topic);
        assertThat(CliTest.run("topics", "--list", "--bootstrap-server", bootstrap).out()).contains(topic);
        assertThat(CliTest.run("topics", "--describe", "--topic", topic, "--bootstrap-server", bootstrap).out())
                .contains("Topic: " + topic + "\tPartitions: 2\tReplicationFactor: 1",
                        "\tPartition: 1\tLeader: 0\tReplicas: 0\tIsr: 0");
        assertThat(CliTest.run("topics", "--delete", "--topic", topic, "--bootstrap-server", bootstrap).out())
                .contains("Deleted topic " + topic);
        assertOneLine(CliTest.run("topics", "--delete", "--topic", topic, "--bootstrap-server", bootstrap), 1,
                "does not exist");
    }

    @Test
    void topicsBadInput() {
        assertOneLine(CliTest.run("topics", "--create", "--topic", randomTopic(), "--replication-factor", "2",
                "--bootstrap-server", bootstrap), 2, "--replication-factor 2 is more than the 1 broker(s)");
        assertOneLine(CliTest.run("topics", "--create", "--topic", randomTopic(), "--partitions", "0",
                "--bootstrap-server", bootstrap), 2, "--partitions must be at least 1");
        assertOneLine(CliTest.run("topics", "--create", "--topic", "has space", "--bootstrap-server", bootstrap), 2,
                "invalid topic name 'has space'");
        assertOneLine(CliTest.run("topics", "--create", "--bootstrap-server", bootstrap), 2, "needs --topic");
        assertOneLine(CliTest.run("topics", "--create", "--list"), 2, "mutually exclusive");
        assertOneLine(CliTest.run("topics"), 2, "Missing required argument");
        assertOneLine(CliTest.run("topics", "--list", "--zookeeper", "zookeeper.invalid:1"), 2, "--bootstrap-server");
    }

    /** A load's every record is processed once by {@code stream}, with either engine, in this JVM. */
    @ParameterizedTest
    @EnumSource(StreamEngine.Kind.class)
    void theStreamProcessesEveryRecordOfALoadWithEitherEngine(StreamEngine.Kind engine) {
        String topic = randomTopic();
        env.createTopic(topic, 3);
        Run load = CliTest.run("load", "--bootstrap-server", bootstrap, "--topic", topic, "--records", "3000",
                "--rate", "max");
        assertThat(load.code()).as(load.err()).isZero();
        Run stream = CliTest.run("stream", "--engine", engine.label(), "--bootstrap-server", bootstrap, "--topic",
                topic, "--group", "g-" + topic, "--batch-interval", "500ms", "--no-ui", "--show", "1", "--expect",
                "3000", "--duration", "90s");
        assertThat(stream.code()).as(stream.out() + stream.err()).isZero();
        assertThat(stream.out()).contains(engine == StreamEngine.Kind.STRUCTURED ? "Structured Streaming query started"
                : "Spark Streaming started").contains("SUMMARY expected=3000 processed=3000 missing=0 duplicated=0");
        // Structured Streaming names the micro-batch: "--- batch 0 at 10:41:06.000: 3000 records".
        assertThat(stream.out()).containsPattern("--- batch (\\d+ at )?\\S+: \\d+ records");
        assertThat(stream.out()).containsPattern("p\\d offsets \\d+\\.\\.\\d+ \\(\\d+\\)");
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        assertOneLine(CliTest.run("stream", "--engine", "flink", "--topic", "t"), 2, "--engine");
    }

    @Test
    void missingTopicsAreNamedNotWaitedFor() {
        String topic = randomTopic();
        String there = randomTopic();
        assertThat(CliTest.run("topics", "--create", "--topic", there, "--bootstrap-server", bootstrap).code())
                .isZero();
        Run consume = CliTest.run("consume", "--topic", topic, "--bootstrap-server", bootstrap);
        assertOneLine(consume, 1, "topic " + topic + " does not exist");
        assertThat(consume.err()).as("a misspelled name is plain to see beside the topics there are")
                .containsPattern("\\(topics here: [^)]*" + there);
        assertOneLine(CliTest.run("stream", "--topic", topic, "--bootstrap-server", bootstrap), 1,
                "topic " + topic + " does not exist");
        assertOneLine(CliTest.run("produce", "--topic", topic, "--bootstrap-server", bootstrap), 1,
                "topic " + topic + " does not exist");
    }

    @Test
    void nothingListeningFailsAtOnceAndSuggestsABroker() throws Exception {
        int nobody = Ports.anyFree();
        CompletableFuture<Run> run = CompletableFuture.supplyAsync(
                () -> CliTest.run("topics", "--list", "--bootstrap-server", "127.0.0.1:" + nobody));
        // "nothing listens" comes from the connection probe, before any client waits its 10 s for a broker.
        Run r = run.get(30, TimeUnit.SECONDS);
        assertOneLine(r, 1, "nothing listens at 127.0.0.1:" + nobody + ": start a Kafka broker with");
        assertThat(r.err()).contains("java -jar target/demo.jar broker");
    }

    @Test
    void checkDescribesTheCluster() {
        Run r = CliTest.run("check", "--bootstrap-server", bootstrap, "--zookeeper", cluster.zookeeperConnect().orElseThrow());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Kafka at " + bootstrap + ": reachable", "(active controller)",
                "mode: ZooKeeper", "ZooKeeper at " + cluster.zookeeperConnect().orElseThrow() + ": reachable", "broker ids registered: 0");
    }

    @Test
    void aBrokerIdAlreadyRegisteredIsNamedWithTheNextIdAndNothingIsLeft() {
        // The shared cluster's broker 0 is registered in its ZooKeeper, as the first terminal's broker would be.
        String zk = cluster.zookeeperConnect().orElseThrow();
        java.util.Set<String> before = dev.kafkaspark.Leaks.tempEntries();
        assertOneLine(CliTest.run("broker", "--zookeeper", zk, "--port", "0"), 2,
                "broker id 0 is already registered in ZooKeeper " + zk + " (ids registered: 0): pass --broker-id 1");
        // Past the check (an id given as a broker property), Kafka's own refusal is named too, and cleaned up after.
        assertOneLine(CliTest.run("broker", "--zookeeper", zk, "--port", "0", "--broker-id", "7",
                "-p", "broker.id=0"), 1, "broker id 0 is already registered in ZooKeeper " + zk);
        java.util.Set<String> after = dev.kafkaspark.Leaks.tempEntries();
        after.removeAll(before);
        after.removeIf(dev.kafkaspark.Leaks::nativeLibrary); // unpacked by whichever test of this JVM compressed first
        assertThat(after).as("temp entries left by the refused brokers").isEmpty();
    }

    @Test
    void consumeOnAnEmptyTopicSaysOnceWhatItWaitsFor() {
        String topic = randomTopic();
        Topics.ensure(cluster.admin(), TopicSpec.of(topic, 1, 1), Duration.ofSeconds(30));
        // The timeout is the scenario (a consumer that gives up on an idle topic), as short as it can be: the note
        // comes after about 2 s of empty polls.
        Run r = CliTest.run("consume", "--topic", topic, "--from-beginning", "--timeout", "4s",
                "--bootstrap-server", bootstrap);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().filter(l -> l.startsWith("waiting for records in " + topic + " (none yet)")))
                .hasSize(1);
        assertThat(r.err()).contains("Processed a total of 0 messages");
    }

    @Test
    void loadSendsTheDemosRecordsAndSaysWhatWasAcknowledged() {
        String topic = randomTopic();
        Topics.ensure(cluster.admin(), TopicSpec.of(topic, 2, 1), Duration.ofSeconds(30));
        Run r = CliTest.run("load", "--bootstrap-server", bootstrap, "--topic", topic, "--records", "500", "--rate",
                "max");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("done: 500 sent, 500 acknowledged (sequence numbers 0 to 499, every one)");
        assertThat(env.awaitRecords(topic, 500, Duration.ofSeconds(30)))
                .extracting(rec -> RecordFormat.parseSeq(rec.value())).doesNotHaveDuplicates().hasSize(500);
        assertOneLine(CliTest.run("load", "--bootstrap-server", bootstrap, "--records", "0"), 2,
                "--records must be at least 1");
        assertOneLine(CliTest.run("load", "--bootstrap-server", bootstrap, "--topic", "no-such-" + topic), 1,
                "no-such-" + topic);
    }

    @Test
    void sparkWorkerBadInputIsOneLine() {
        int nobody = Ports.anyFree();
        assertOneLine(CliTest.run("spark-worker", "127.0.0.1:7077"), 2, "is not a master URL: give spark://HOST:PORT");
        assertOneLine(CliTest.run("spark-worker", "spark://127.0.0.1:" + nobody, "--memory", "lots"), 2,
                "--memory 'lots' is not a size");
        assertOneLine(CliTest.run("spark-worker", "spark://127.0.0.1:" + nobody), 1,
                "nothing listens at 127.0.0.1:" + nobody + ": start the master first");
    }

    /** Against the run's shared KRaft environment (the examples and the end-to-end tests use it too). */
    @Nested
    @KafkaSparkTest(mode = KafkaMode.KRAFT, shared = true)
    class InKraftMode {
        @Test
        void checkSaysAKraftClusterHasAQuorumAndNoZooKeeper(KafkaSparkEnvironment kraft) {
            Run r = CliTest.run("check", "--bootstrap-server", kraft.bootstrapServers());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("mode: KRaft (no ZooKeeper", "broker 0 at", "(active controller)",
                    "controller quorum: voters 0; active controller (the leader): node 0",
                    "cluster id: " + kraft.cluster().clusterId());
            // The classic walkthrough's habit, against a cluster that has no ZooKeeper.
            assertOneLine(CliTest.run("check", "--bootstrap-server", kraft.bootstrapServers(), "--zookeeper",
                    "127.0.0.1:" + Ports.anyFree()), 1, "runs without one (KRaft mode");
        }
    }

    @Test
    void optionsOfTheOtherModeAndUnknownModesAreOneLineUsageErrors() {
        int nobody = Ports.anyFree();
        assertOneLine(CliTest.run("--mode", "zookeper"), 2, "unknown mode 'zookeper': use zookeeper");
        assertOneLine(CliTest.run("--mode", "kraft", "--zk-port", "0"), 2, "--zk-port is for ZooKeeper mode");
        assertOneLine(CliTest.run("--controller-port", "0"), 2, "--controller-port is for KRaft mode");
        assertOneLine(CliTest.run("broker", "--mode", "kraft", "--zookeeper", "127.0.0.1:" + nobody), 2,
                "--zookeeper is for ZooKeeper mode");
        assertOneLine(CliTest.run("broker", "--controller", "127.0.0.1:" + nobody), 2,
                "--controller is for KRaft mode: add --mode kraft");
        assertOneLine(CliTest.run("broker", "--mode", "kraft", "--controller", "127.0.0.1:" + nobody,
                "--node-id", "1"), 1, "nothing listens at 127.0.0.1:" + nobody);
    }

    @Test
    void brokerAndZooKeeperBadInput() throws Exception {
        int nobody = Ports.anyFree();
        assertOneLine(CliTest.run("broker", "--zookeeper", "127.0.0.1:" + nobody), 1,
                "nothing listens at 127.0.0.1:" + nobody);
        assertOneLine(CliTest.run("broker", "--zookeeper", "127.0.0.1:" + nobody, "--zk-port", "0"), 2,
                "--zk-port is for the broker's own ZooKeeper");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            assertOneLine(CliTest.run("zookeeper", "--port", Integer.toString(taken.getLocalPort())), 1,
                    "ZooKeeper port " + taken.getLocalPort() + " is already in use");
            assertOneLine(CliTest.run("broker", "--port", Integer.toString(taken.getLocalPort())), 1,
                    "Kafka port " + taken.getLocalPort() + " is already in use");
        }
        assertOneLine(CliTest.run("frobnicate"), 2, "Unmatched argument");
        assertOneLine(CliTest.run("consume", "--max-messages", "0"), 2, "--max-messages must be at least 1");
        assertOneLine(CliTest.run("stream", "--batch-interval", "0ms"), 2, "--batch-interval must be positive");
    }

    @Test
    void aLineWithoutTheKeySeparatorIsNamedAndTheLinesBeforeItAreSent() {
        String topic = randomTopic();
        Topics.ensure(cluster.admin(), TopicSpec.of(topic, 1, 1), Duration.ofSeconds(30));
        ConsoleProducer producer = new ConsoleProducer(bootstrap, topic, ":", Map.of());
        byte[] input = "a:1\nb:2\nno separator here\nc:3\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> producer.sendLines(new ByteArrayInputStream(input)))
                .isInstanceOf(ConsoleProducer.MissingSeparatorException.class)
                .hasMessageContaining("line 3 has no key separator ':'")
                .hasMessageContaining("2 line(s) before it were");
        producer.close();
        assertThat(producer.acknowledged()).isEqualTo(2);
        List<ConsumerRecord<byte[], byte[]>> records = readAll(topic, 2);
        assertThat(records).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("a", "b");
    }

    @Test
    void bytesThatAreNotUtf8AreSentAsTheyAre() {
        String topic = randomTopic();
        Topics.ensure(cluster.admin(), TopicSpec.of(topic, 1, 1), Duration.ofSeconds(30));
        byte[] odd = {(byte) 0xff, (byte) 0xfe, 'x', (byte) 0xc3};
        byte[] input = new byte[odd.length + 2];
        System.arraycopy(odd, 0, input, 0, odd.length);
        input[odd.length] = '\r';
        input[odd.length + 1] = '\n';
        try (ConsoleProducer producer = new ConsoleProducer(bootstrap, topic, null, Map.of())) {
            producer.sendLines(new ByteArrayInputStream(input));
        }
        assertThat(readAll(topic, 1).get(0).value()).isEqualTo(odd);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }
}
