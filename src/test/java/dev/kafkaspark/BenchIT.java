package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's plumbing from the packaged jar: {@code bench --smoke} runs one short child of each workload (W1, W3, W2,
 * W4) and writes the table, the JSON and the HTML page. What is checked is what the numbers must satisfy whatever the
 * machine, never a time. The full bench (every variant, 3 runs, 30 s workloads) runs by hand or with {@code -Pbench};
 * BenchReportTest checks the report of a full run's JSON.
 */
@Order(2) // the two lanes: see the Failsafe settings in pom.xml
class BenchIT {

    @Test
    void smokeRunWritesACompleteReport(@TempDir Path work) throws Exception {
        Path json = work.resolve("bench.json");
        Path html = work.resolve("bench.html");
        try (JarProcess p = JarProcess.run(work, null, Duration.ofMinutes(5), "bench", "--smoke", "--json",
                json.toString(), "--html", html.toString())) {
            assertThat(p.exitCode()).as(p.transcript()).isZero();
            assertThat(p.out()).anyMatch(l -> l.startsWith("kafka-spark-demo bench: ") && l.endsWith(" (smoke)"))
                    .anyMatch(l -> l.startsWith("smoke: one short run of each workload"))
                    .anyMatch(l -> l.startsWith("start-up, ms from JVM start (median [min-max] of 1)"))
                    .noneMatch(l -> l.startsWith("DStreams and Structured Streaming"));
        }
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.get("machine").get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(r.get("settings").get("scale").asText()).isEqualTo("smoke");
        assertThat(r.fieldNames()).toIterable().containsExactly("machine", "settings", "startup", "limit",
                "throughput", "latency", "memory");

        // W1: one run at 2 s batches, its phases in the order they happen.
        assertThat(r.get("startup").fieldNames()).toIterable().containsExactly("2000");
        long previous = 0;
        for (String phase : new String[] {"zookeeper_ready_ms", "broker_ready_ms", "topic_ready_ms", "spark_ready_ms",
            "first_batch_ms"}) {
            JsonNode s = r.get("startup").get("2000").get(phase);
            assertThat(s.get("runs").asInt()).isEqualTo(1);
            assertThat(s.get("min").asLong()).as(phase).isEqualTo(s.get("median").asLong())
                    .isEqualTo(s.get("max").asLong());
            assertThat(s.get("median").asLong()).as("%s after the one before", phase).isGreaterThan(previous);
            previous = s.get("median").asLong();
        }

        // W3: the model of producer and consumer on the same cores is the harmonic combination of the two.
        JsonNode limit = r.get("limit");
        double produced = limit.get("produced_per_s").asDouble();
        double consumed = limit.get("consumed_per_s").asDouble();
        assertThat(produced).isPositive();
        assertThat(consumed).isPositive();
        assertThat(limit.get("consumed_string_per_s").asDouble()).isPositive();
        assertThat(limit.get("model_both_per_s").asDouble()).isCloseTo(1 / (1 / produced + 1 / consumed),
                within(1e-6 * produced));

        // W2: every record once, the ratios computed from the figures beside them, and the run batch by batch.
        JsonNode t = r.get("throughput");
        assertThat(t.get("processed_equals_produced").asBoolean()).as(t.toString()).isTrue();
        assertThat(t.get("missing").asLong()).isZero();
        assertThat(t.get("duplicated").asLong()).isZero();
        assertThat(t.get("processed").asLong()).isEqualTo(t.get("produced").asLong()).isPositive();
        double processedPerS = t.get("processed_per_s").asDouble();
        assertThat(processedPerS).isPositive();
        assertThat(t.get("fraction_of_producer_limit").asDouble()).isCloseTo(processedPerS / produced, within(1e-9));
        assertThat(t.get("fraction_of_model").asDouble()).isCloseTo(processedPerS
                / limit.get("model_both_per_s").asDouble(), within(1e-9));
        // Lag is what was sent and not yet processed, so never more than was sent; the drain waits 30 s at most.
        assertThat(t.get("lag_at_stop").asLong()).isBetween(0L, t.get("produced").asLong());
        assertThat(t.get("drain_ms").asLong()).isBetween(0L, 35_000L);
        JsonNode batches = t.get("batches");
        assertThat(batches.size()).isGreaterThan(1);
        assertThat(batches.get(batches.size() - 1).get("processedTotal").asLong())
                .isEqualTo(t.get("processed").asLong());
        for (int i = 1; i < batches.size(); i++) {
            assertThat(batches.get(i).get("atMs").asLong()).isGreaterThanOrEqualTo(batches.get(i - 1).get("atMs")
                    .asLong());
            assertThat(batches.get(i).get("producedTotal").asLong()).isGreaterThanOrEqualTo(batches.get(i - 1)
                    .get("producedTotal").asLong());
            assertThat(batches.get(i).get("processedTotal").asLong()).isEqualTo(batches.get(i - 1)
                    .get("processedTotal").asLong() + batches.get(i).get("records").asLong());
        }

        // W4 at 1 s batches: the percentiles in order, the curve rising to the maximum.
        assertThat(r.get("latency").fieldNames()).toIterable().containsExactly("1000");
        JsonNode l = r.get("latency").get("1000");
        assertThat(l.get("count").asLong()).isPositive();
        assertThat(l.get("missing").asLong()).isZero();
        assertThat(l.get("target_p99_ms").asLong()).isEqualTo(1300);
        assertThat(l.get("p50").asLong()).isPositive().isLessThanOrEqualTo(l.get("p95").asLong());
        assertThat(l.get("p95").asLong()).isLessThanOrEqualTo(l.get("p99").asLong());
        assertThat(l.get("p99").asLong()).isLessThanOrEqualTo(l.get("max").asLong());
        // The steady state counts records sent from 5 s after the first batch; a 2 s producer sends none that late.
        assertThat(l.get("steady").get("warm_up_ms").asLong()).isEqualTo(5_000);
        assertThat(l.get("steady").get("count").asLong()).isZero();
        List<Long> curve = new ArrayList<>();
        l.get("curve").forEach(point -> curve.add(point.get("ms").asLong()));
        assertThat(curve).hasSizeGreaterThan(5).isSorted().last().isEqualTo(l.get("max").asLong());

        assertThat(r.get("memory").get("peak_heap_mb").asLong()).isPositive()
                .isEqualTo(t.get("peak_heap_mb").asLong());
        assertThat(r.get("memory").get("peak_rss_mb").asLong()).isPositive();
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("when each part was ready", "batch by batch",
                "ms against percentile", "<polyline", "<svg").doesNotContain("<script", "<link", "<img");
    }
}
