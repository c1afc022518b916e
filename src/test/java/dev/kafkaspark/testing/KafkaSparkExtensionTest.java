package dev.kafkaspark.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaspark.Leaks;
import dev.kafkaspark.internal.support.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The extension injects one started environment per class, with the annotation's topics. */
@KafkaSparkTest(topics = {"ext-orders:3", "ext-audit"}, brokerProperties = "log.retention.hours=1", spark = false)
class KafkaSparkExtensionTest {

    private static KafkaSparkEnvironment fromBeforeAll;

    @BeforeAll
    static void injectedBeforeAll(KafkaSparkEnvironment env) {
        fromBeforeAll = env;
    }

    @Test
    void theSameEnvironmentReachesTestsWithItsTopics(KafkaSparkEnvironment env) throws Exception {
        assertThat(env).isSameAs(fromBeforeAll);
        assertThat(env.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(env.admin().describeTopics(List.of("ext-orders", "ext-audit")).allTopicNames()
                .get().get("ext-orders").partitions()).hasSize(3);
        env.send("ext-audit", "k", "v");
        List<ConsumerRecord<String, String>> read = env.awaitRecords("ext-audit", 1, Duration.ofSeconds(20));
        assertThat(read).extracting(ConsumerRecord::value).containsExactly("v");
        assertThatThrownBy(env::sparkContext).hasMessageContaining("spark(false)");
    }

    /** Also: the directories a test asks an environment for are removed with it. */
    @Test
    void twoEnvironmentsWorkSideBySideAndLeaveNothing() throws Exception {
        Leaks leaks = Leaks.snapshot();
        int zkA;
        int zkB;
        Path dir;
        try (KafkaSparkEnvironment a = KafkaSparkEnvironment.builder().spark(false).topic("side", 1).start();
                KafkaSparkEnvironment b = KafkaSparkEnvironment.builder().spark(false).topic("side", 2).start()) {
            dir = a.newDirectory("checkpoint");
            Files.writeString(dir.resolve("state"), "x");
            assertThat(dir.getFileName().toString()).startsWith("checkpoint-");
            assertThat(a.newDirectory("checkpoint")).isNotEqualTo(dir).isDirectory();
            zkA = port(a.zookeeperConnect());
            zkB = port(b.zookeeperConnect());
            assertThat(a.bootstrapServers()).isNotEqualTo(b.bootstrapServers());
            a.send("side", "k", "from a");
            b.send("side", "k", "from b");
            assertThat(a.awaitRecords("side", 1, Duration.ofSeconds(20))).extracting(ConsumerRecord::value)
                    .containsExactly("from a");
            assertThat(b.awaitRecords("side", 1, Duration.ofSeconds(20))).extracting(ConsumerRecord::value)
                    .containsExactly("from b");
        }
        assertThat(dir).doesNotExist();
        assertThat(dir.getParent()).doesNotExist();
        assertThat(Ports.isFree(zkA)).isTrue();
        assertThat(Ports.isFree(zkB)).isTrue();
        leaks.assertNoTempFilesLeft();
        leaks.assertNoThreadsLeft();
    }

    @Test
    void aMisspelledTopicFailsAtOnceNamingTheTopicsThatExist(KafkaSparkEnvironment env) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> env.send("ext-ordrs", "k", "v"))
                .hasMessageContaining("topic 'ext-ordrs' does not exist")
                .hasMessageContaining("ext-audit, ext-orders")
                .hasMessageContaining("auto.create.topics.enable");
        assertThatThrownBy(() -> env.awaitRecords("ext-ordrs", 1, Duration.ofSeconds(20)))
                .hasMessageContaining("topic 'ext-ordrs' does not exist");
        // Both answered from one topic listing, well inside the 20 s the read was given (not its wait running out).
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void topicSpecificationsAreParsed() {
        assertThat(KafkaSparkExtension.topic("a").partitions()).isEqualTo(1);
        assertThat(KafkaSparkExtension.topic("a:4").partitions()).isEqualTo(4);
        assertThat(KafkaSparkExtension.topic("a:4:1").replicationFactor()).isEqualTo((short) 1);
        assertThatThrownBy(() -> KafkaSparkExtension.topic("a:x")).hasMessageContaining("name[:partitions");
    }

    private static int port(String hostAndPort) {
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }
}
