package dev.kafkaspark.internal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.Leaks;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.stream.StreamEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole demo in this JVM, stopped by its record count and by a stop request (what Ctrl-C sends). */
class DemoTest {

    private static DemoSettings settings(long records, double rate) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return DemoSettings.builder().topic("demo-" + suffix).batchInterval(Duration.ofMillis(500)).rate(rate).keys(5)
                .records(records).anyFreePorts().ui(false).group("group-" + suffix).show(2).build();
    }

    @Test
    void stopsByItselfOnceEveryRecordIsProcessed() {
        Leaks leaks = Leaks.snapshot();
        StringWriter out = new StringWriter();
        Demo demo = new Demo(settings(500, 1000), new Narrator(new PrintWriter(out, true)));
        DemoResult result = demo.run();
        assertThat(result.reason()).isEqualTo(DemoResult.StopReason.RECORDS_DONE);
        assertThat(result.clean()).as(out.toString()).isTrue();
        assertThat(result.summaryLine()).startsWith("SUMMARY produced=500 processed=500 missing=0 duplicated=0"
                + " first-batch-ms=");
        assertThat(result.firstBatchMs()).isPositive();
        assertThat(out.toString()).contains("ZooKeeper started at 127.0.0.1:", "Kafka broker 0 started at 127.0.0.1:",
                "created: 3 partitions, replication factor 1", "Spark Streaming started", "--- batch",
                "ZooKeeper stopped");
        leaks.assertNoTempFilesLeft();
        leaks.assertNoThreadsLeft();
    }

    @Test
    void aStopRequestDrainsAndStillSummarises() {
        StringWriter out = new StringWriter();
        Demo demo = new Demo(settings(-1, 200), new Narrator(new PrintWriter(out, true)));
        CompletableFuture<DemoResult> run = CompletableFuture.supplyAsync(demo::run);
        await("a batch with records").atMost(Duration.ofSeconds(60)).until(() -> demo.ledger().records() > 0);
        demo.requestStop();
        DemoResult result = run.join();
        assertThat(result.reason()).isEqualTo(DemoResult.StopReason.INTERRUPTED);
        assertThat(result.produced()).isPositive();
        assertThat(result.missing()).as(out.toString()).isZero();
        assertThat(result.duplicated()).isZero();
        assertThat(out.toString()).contains("stop requested");
    }

    @Test
    void aQueryThatFailsEndsTheDemoWithItsCauseInOneLine(@TempDir Path dir) {
        // The class keeps a checkpoint and uses it against a new cluster, whose topic has fewer records.
        Path checkpoint = dir.resolve("checkpoint");
        String topic = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        DemoResult first = new Demo(structured(topic, checkpoint, 40), new Narrator(new PrintWriter(new StringWriter(),
                true))).run();
        assertThat(first.clean()).isTrue();
        Leaks leaks = Leaks.snapshot();
        StringWriter out = new StringWriter();

        DemoResult again = new Demo(structured(topic, checkpoint, 4), new Narrator(new PrintWriter(out, true))).run();

        assertThat(again.clean()).isFalse();
        assertThat(again.failure()).as(out.toString()).startsWith("Structured Streaming failed: the checkpoint's"
                + " offsets are ahead of the topic").contains("use a new --checkpoint").doesNotContain("\n");
        leaks.assertNoTempFilesLeft();
    }

    private static DemoSettings structured(String topic, Path checkpoint, long records) {
        return DemoSettings.builder().topic(topic).partitions(1).batchInterval(Duration.ofMillis(500)).rate(1000)
                .keys(5).records(records).anyFreePorts().ui(false).show(0).engine(StreamEngine.Kind.STRUCTURED)
                .checkpoint(checkpoint).build();
    }
}
