package dev.kafkaspark.internal.demo;


import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.delivery.BatchStore;
import dev.kafkaspark.internal.delivery.Checkpoints;
import dev.kafkaspark.internal.delivery.Delivery;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.stream.StreamEngine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Brokers fail and streams restart, with real brokers and a real Spark: what is promised is kept. Both Kafka modes,
 * both engines and both guarantees run; a failover and an exactly-once restart share a run. Each run sends a set
 * number of records and ends as soon as all of them were processed and every scheduled step (which itself waits for
 * what it causes: leaders moved, the broker back in sync, the stream started again) is done; the steps come early,
 * while the producer still sends, so no run waits out a fixed duration.
 */
class FailoverTest {

    /** Records sent at 1,000/s: the producer is still sending when each scheduled step happens. */
    private static final long RECORDS = 4000;

    private static DemoSettingsBuilder base() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return DemoSettings.builder().topic("failover-" + suffix).group("failover-" + suffix).anyFreePorts()
                .ui(false).show(0).batchInterval(Duration.ofMillis(500)).rate(1000).keys(8);
    }

    private static DemoResult run(DemoSettings settings, StringWriter out) {
        return new Demo(settings, new Narrator(new PrintWriter(out, true))).run();
    }

    /**
     * A broker fails and comes back, then the stream restarts with exactly-once delivery, in one run per Kafka mode and
     * engine pair (ZooKeeper mode with DStreams, KRaft mode with Structured Streaming): nothing is lost or repeated.
     */
    @ParameterizedTest(name = "{0} mode, {1}")
    @CsvSource({"ZOOKEEPER,DSTREAM", "KRAFT,STRUCTURED"})
    void aLeaderStopsAndTheStreamRestartsMidRunAndNothingIsLostOrRepeated(ClusterMode mode, StreamEngine.Kind engine,
            @TempDir Path dir) {
        StringWriter out = new StringWriter();
        Path storeDir = dir.resolve("store");
        DemoResult r = run(base().mode(mode).engine(engine).brokers(3).records(RECORDS)
                .killBrokerAfter(Duration.ofSeconds(1)).restartBrokerAfter(Duration.ofMillis(1500))
                .restartStreamAfter(Duration.ofSeconds(2)).delivery(Delivery.EXACTLY_ONCE).storeDir(storeDir).build(),
                out);
        String story = out.toString();
        assertThat(r.failure()).as(story).isNull();
        assertThat(r.reason()).as(story).isEqualTo(DemoResult.StopReason.RECORDS_DONE);
        assertThat(r.produced()).as(story).isEqualTo(RECORDS);
        assertThat(r.processed()).as(story).isEqualTo(RECORDS);
        assertThat(r.missing()).as(story).isZero();
        assertThat(r.duplicated()).as(story).isZero();
        assertThat(r.orderViolations()).as(story).isZero();
        assertThat(r.keyConflicts()).as(story).isZero();
        assertThat(r.clean()).isTrue();
        String node = mode == ClusterMode.KRAFT ? "node" : "broker";
        assertThat(story).contains("replication factor 3, min.insync.replicas 2")
                .containsPattern(">>> stopping broker \\d, the leader of")
                .contains("every partition has a leader on a live broker")
                .containsPattern(">>> the producer meanwhile: \\d+ sends? retried, \\d+ acknowledgements? took 1 s or"
                        + " more, the slowest \\d+ ms")
                // While stopped, the broker is marked wherever the table shows it.
                .containsPattern("\\d\\*")
                .contains("* stopped; Kafka lists it as in sync until its controller has noticed")
                .containsPattern("broker \\d is back in the in-sync replicas of all its partitions")
                // Which node is the active controller, before and after.
                .containsPattern(">>> the active controller is " + node + " \\d")
                .containsPattern(">>> the active controller is (still|now) " + node + " \\d")
                .contains(engine == StreamEngine.Kind.DSTREAM
                        ? "exactly-once, it resumes from the store's offsets: p"
                        // (at the earliest offsets when the restart comes before the first micro-batch was committed)
                        : "the query started again from its checkpoint: after the last committed micro-batch, at ");
        // The store a person can read holds every record once.
        assertThat(new BatchStore(storeDir).readAll()).isNotEmpty();
        assertThat(r.storeDir()).isEqualTo(storeDir);
        if (engine == StreamEngine.Kind.STRUCTURED) {
            // The query's checkpoint is kept with the store, and has committed the last micro-batch in it.
            assertThat(storeDir.resolve("checkpoint/commits")).isDirectory();
            assertThat(Checkpoints.lastCommitted(storeDir.resolve("checkpoint"))).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StreamEngine.Kind.class)
    void atLeastOnceLosesNothingAcrossAStreamRestart(StreamEngine.Kind engine) {
        StringWriter out = new StringWriter();
        DemoResult r = run(base().engine(engine).records(RECORDS).restartStreamAfter(Duration.ofSeconds(1)).build(),
                out);
        String story = out.toString();
        assertThat(story).contains(engine == StreamEngine.Kind.DSTREAM
                ? "at-least-once, it resumes from the group's committed offsets"
                : "at-least-once: a micro-batch run again reaches the sink a second time");
        assertThat(r.failure()).as(story).isNull();
        assertThat(r.reason()).as(story).isEqualTo(DemoResult.StopReason.RECORDS_DONE);
        assertThat(r.missing()).as(story).isZero();
        assertThat(r.orderViolations()).as(story).isZero();
        // Repeats are allowed here, and all of them are replays of offsets already read.
        assertThat(r.duplicated()).isLessThanOrEqualTo(r.replayed());
        assertThat(r.clean()).isTrue();
    }
}
