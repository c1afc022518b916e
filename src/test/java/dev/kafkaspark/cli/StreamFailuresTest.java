package dev.kafkaspark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.Leaks;
import dev.kafkaspark.cli.CliTest.Run;
import dev.kafkaspark.internal.delivery.Checkpoints;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Structured Streaming query that ends with an error says so in one line that names the cause and the fix, and
 * {@code stream} ends with exit code 1 instead of running on in silence; nothing it made is left behind. A query
 * with nothing to read prints nothing, as the walkthrough says.
 */
@KafkaSparkTest(shared = true)
class StreamFailuresTest {

    @Test
    void aCheckpointFromAnEarlierTopicOfThatNameIsNamedWithItsFix(KafkaSparkEnvironment env, @TempDir Path dir)
            throws Exception {
        String topic = "fail-" + UUID.randomUUID().toString().substring(0, 8);
        String checkpoint = dir.resolve("ck").toString();
        env.createTopic(topic, 2);
        send(env, topic, 20);
        assertThat(stream(env, topic, checkpoint, "--expect", "20").code()).isZero();
        // The class deletes the topic and makes it again, with fewer records than the checkpoint has read.
        env.admin().deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        await("the topic to be created again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> env.createTopic(topic, 2));
        send(env, topic, 4);
        Set<String> before = Leaks.tempEntries();

        Run again = stream(env, topic, checkpoint);

        assertOneLine(again, "Structured Streaming failed: the checkpoint's offsets are ahead of the topic");
        assertThat(again.err()).contains("use a new --checkpoint");
        assertNothingLeft(before);
    }

    @Test
    void aTopicDeletedWhileTheQueryRunsIsNamed(KafkaSparkEnvironment env, @TempDir Path dir) throws Exception {
        String topic = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        Path checkpoint = dir.resolve("ck");
        env.createTopic(topic, 2);
        send(env, topic, 20);
        Set<String> before = Leaks.tempEntries();
        CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> stream(env, topic, checkpoint.toString()));
        await("the query to commit the topic's records").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> Checkpoints.committedOffsets(checkpoint).values().stream().mapToLong(Long::longValue)
                        .sum() == 20);

        env.admin().deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);

        Run ended = running.get(60, TimeUnit.SECONDS);
        assertOneLine(ended, "Structured Streaming failed: topic " + topic + " is gone");
        assertThat(ended.err()).contains("with a new --checkpoint");
        assertNothingLeft(before);
    }

    @Test
    void aQueryOnAnEmptyTopicPrintsNoBatch(KafkaSparkEnvironment env, @TempDir Path dir) {
        String topic = "empty-" + UUID.randomUUID().toString().substring(0, 8);
        env.createTopic(topic, 2);
        Run r = CliTest.run("stream", "--engine", "structured", "--topic", topic, "--bootstrap-server",
                env.bootstrapServers(), "--checkpoint", dir.resolve("ck").toString(), "--no-ui", "--batch-interval",
                "500ms", "--duration", "3s");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Structured Streaming stopped").doesNotContain("--- batch");
    }

    private static void send(KafkaSparkEnvironment env, String topic, int records) {
        env.sendValues(topic, IntStream.range(0, records).mapToObj(i -> "seq=" + i + " key=k").toList());
    }

    /** The stream, bounded by a duration far longer than any of these tests needs (a silent run ends with 0). */
    private static Run stream(KafkaSparkEnvironment env, String topic, String checkpoint, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("stream", "--engine", "structured", "--topic", topic,
                "--bootstrap-server", env.bootstrapServers(), "--checkpoint", checkpoint, "--no-ui",
                "--batch-interval", "500ms", "--duration", "90s"));
        args.addAll(List.of(more));
        return CliTest.run(args.toArray(String[]::new));
    }

    private static void assertOneLine(Run r, String expected) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Cli.FAILURE);
        assertThat(r.err()).startsWith("error: ").contains(expected).doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.out()).doesNotContain("Structured Streaming stopped");
    }

    private static void assertNothingLeft(Set<String> before) {
        Set<String> after = Leaks.tempEntries();
        after.removeAll(before);
        after.removeIf(Leaks::nativeLibrary);
        assertThat(after).as("temp entries left by the failed stream").isEmpty();
    }
}
