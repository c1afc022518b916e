package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --quick} from the packaged jar: the JSON has every field, with sane values (not asserted times). */
class BenchIT {

    @Test
    void quickBenchWritesACompleteReport(@TempDir Path work) throws Exception {
        Path json = work.resolve("bench.json");
        Path html = work.resolve("bench.html");
        try (JarProcess p = JarProcess.run(work, null, Duration.ofMinutes(8), "bench", "--quick", "--runs", "1",
                "--duration", "3s", "--latency-duration", "3s", "--json", json.toString(), "--html",
                html.toString())) {
            assertThat(p.exitCode()).as(p.transcript()).isZero();
            assertThat(p.out()).anyMatch(l -> l.startsWith("start-up, ms from JVM start"))
                    .anyMatch(l -> l.strip().startsWith("KRaft mode, 2 s batches")
                            && l.contains("than ZooKeeper (target: no later)") && l.length() <= 100)
                    .anyMatch(l -> l.startsWith("DStreams and Structured Streaming, same run"))
                    .anyMatch(l -> l.strip().startsWith("SCRAM logins and ACLs") && l.length() <= 100)
                    .anyMatch(l -> l.strip().startsWith("W2 processed/s") && l.contains("within 10%")
                            && l.length() <= 100);
        }
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.get("machine").get("cores").asInt()).isPositive();
        // Both modes: ZooKeeper's phases at both intervals, and KRaft's (its quorum in the first column) at 2 s.
        for (String interval : new String[] {"2000", "500", "2000-kraft"}) {
            JsonNode s = r.get("startup").get(interval);
            long previous = 0;
            for (String phase : new String[] {"zookeeper_ready_ms", "broker_ready_ms", "topic_ready_ms",
                "spark_ready_ms", "first_batch_ms"}) {
                long median = s.get(phase).get("median").asLong();
                assertThat(median).as("%s at %s ms batches", phase, interval).isBetween(1L, 120_000L);
                assertThat(median).as("phases in order").isGreaterThanOrEqualTo(previous);
                previous = median;
            }
        }
        JsonNode t = r.get("throughput");
        assertThat(t.get("processed_equals_produced").asBoolean()).isTrue();
        // W1 and W2 again with SCRAM logins and ACLs.
        JsonNode scram = r.get("scram");
        assertThat(scram.get("startup").get("first_batch_ms").get("median").asLong()).isBetween(1L, 120_000L);
        assertThat(scram.get("throughput").get("processed_equals_produced").asBoolean()).isTrue();
        // The same workloads as a Structured Streaming query, in the same run.
        JsonNode q = r.get("structured");
        assertThat(q.get("startup").get("first_batch_ms").get("median").asLong()).isBetween(1L, 120_000L);
        assertThat(q.get("throughput").get("processed_equals_produced").asBoolean()).isTrue();
        assertThat(q.get("throughput").get("processed_per_s").asDouble()).isPositive();
        // (a quick run measures the query's latency at 1 s batches only; 3 s runs may end before its first
        // micro-batch does, and then there is no latency sample)
        assertThat(q.get("latency").fieldNames()).toIterable().containsExactly("1000");
        assertThat(q.get("latency").get("1000").get("missing").asLong()).isZero();
        assertThat(t.get("produced").asLong()).isPositive();
        assertThat(t.get("produced_per_s").asDouble()).isPositive();
        assertThat(t.get("processed_per_s").asDouble()).isPositive();
        assertThat(t.get("fraction_of_producer_limit").asDouble()).isBetween(0.0, 10.0);
        // -1 would mean the producer never ran or no catch-up was tried; the catch-up is bounded by 30 s here.
        assertThat(t.has("lag_at_stop") && t.has("drain_ms")).as("lag and drain reported").isTrue();
        assertThat(t.get("lag_at_stop").asLong()).isBetween(0L, t.get("produced").asLong());
        assertThat(t.get("drain_ms").asLong()).isBetween(0L, 35_000L);
        assertThat(r.get("limit").get("produced_per_s").asDouble()).isPositive();
        assertThat(r.get("limit").get("consumed_per_s").asDouble()).isPositive();
        assertThat(r.get("limit").get("consumed_string_per_s").asDouble()).isPositive();
        // The model of both on the same cores is below each alone.
        assertThat(r.get("limit").get("model_both_per_s").asDouble())
                .isLessThan(r.get("limit").get("produced_per_s").asDouble())
                .isLessThan(r.get("limit").get("consumed_per_s").asDouble());
        assertThat(t.get("fraction_of_model").asDouble()).isBetween(0.0, 10.0);
        // The first run after the build, with an empty class cache directory, went through all its phases.
        assertThat(r.get("startup").get("2000-first-run").get("first_batch_ms").get("median").asLong()).isPositive();
        for (String interval : new String[] {"200", "1000", "2000"}) {
            JsonNode l = r.get("latency").get(interval);
            assertThat(l.get("count").asLong()).as("latency samples at %s ms", interval).isPositive();
            assertThat(l.get("p50").asLong()).isLessThanOrEqualTo(l.get("p95").asLong());
            assertThat(l.get("p95").asLong()).isLessThanOrEqualTo(l.get("p99").asLong());
            assertThat(l.get("p99").asLong()).isLessThanOrEqualTo(l.get("max").asLong());
            assertThat(l.get("missing").asLong()).isZero();
            // The steady state: the records sent 5 s after the first batch (none in a 3 s run).
            assertThat(l.get("steady").get("warm_up_ms").asLong()).isEqualTo(5_000);
            assertThat(l.get("steady").get("count").asLong()).isBetween(0L, l.get("count").asLong());
            // The distribution for the percentile chart: rising, ending at the maximum.
            List<Long> curve = new java.util.ArrayList<>();
            l.get("curve").forEach(point -> curve.add(point.get("ms").asLong()));
            assertThat(curve).hasSizeGreaterThan(5).isSorted().last().isEqualTo(l.get("max").asLong());
        }
        // The throughput run batch by batch, for its chart: totals only grow, and end at what was processed.
        JsonNode batches = t.get("batches");
        assertThat(batches.size()).isGreaterThan(1);
        JsonNode lastBatch = batches.get(batches.size() - 1);
        assertThat(lastBatch.get("processedTotal").asLong()).isEqualTo(t.get("processed").asLong());
        for (int i = 1; i < batches.size(); i++) {
            assertThat(batches.get(i).get("atMs").asLong()).isGreaterThanOrEqualTo(batches.get(i - 1).get("atMs")
                    .asLong());
            assertThat(batches.get(i).get("producedTotal").asLong()).isGreaterThanOrEqualTo(batches.get(i - 1)
                    .get("producedTotal").asLong());
        }
        assertThat(r.get("memory").get("peak_heap_mb").asLong()).isPositive();
        assertThat(r.get("memory").get("peak_rss_mb").asLong()).isPositive();
        assertThat(Files.readString(html)).contains("when each part was ready", "batch by batch",
                "ms against percentile", "<polyline");
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("<script",
                "<link", "<img");
    }
}
