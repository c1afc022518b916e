package dev.kafkaspark.internal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Spark's own path ({@link SparkPathRun}) in the bench's run, so the demo's W1 and W2 are compared with it on the same
 * machine in the same minutes: W1 at 2 s batches and W2 each as often as the demo's W1 (the median W2 run is the
 * baseline).
 */
final class SparkPath {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildRun child;

    SparkPath(ChildRun child) {
        this.child = child;
    }

    ObjectNode run(int runs, Duration throughput) {
        ObjectNode result = JSON.createObjectNode();
        List<JsonNode> startups = runs(result.putArray("startup_runs"), "startup", runs, 300, "2000");
        result.set("first_batch_ms", Stats.of(startups.stream().map(r -> r.get("first_batch_ms").asLong()).toList())
                .toJson());
        // W2 as often as W1: its broker flushes every message to disk, and on a shared disk one run's rate ranged
        // from 266,581 to 391,754 records/s within hours (docs/performance.md). The median run is the baseline.
        List<JsonNode> rates = runs(result.putArray("throughput_runs"), "throughput", runs,
                throughput.toSeconds() + 300, Long.toString(throughput.toSeconds()));
        rates.sort(Comparator.comparingDouble(r -> r.get("processed_per_s").asDouble()));
        result.set("throughput", rates.get((rates.size() - 1) / 2));
        return result;
    }

    /** {@code SparkPathRun WORKLOAD ARG} {@code n} times, each report added to {@code into}; the reports. */
    private List<JsonNode> runs(ArrayNode into, String workload, int n, long timeoutSeconds, String arg) {
        List<JsonNode> reports = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            JsonNode r = child.main("spark-path-" + workload + "-" + i, timeoutSeconds, SparkPathRun.class,
                    "SPARKPATH ", workload, arg);
            into.add(r);
            reports.add(r);
        }
        return reports;
    }

    /** The comparison for the console table: the demo's W1 and W2 against Spark's path, with the targets. */
    static Optional<String> lines(JsonNode r) {
        JsonNode p = r.path("spark_path");
        if (p.isMissingNode()) {
            return Optional.empty();
        }
        long pathFirst = p.get("first_batch_ms").get("median").asLong();
        long first = r.get("startup").get("2000").get("first_batch_ms").get("median").asLong();
        double pathRate = p.get("throughput").get("processed_per_s").asDouble();
        double rate = r.get("throughput").get("processed_per_s").asDouble();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  %-34s %,12d %,12d  %.2fx (target 0.5x or less)%n",
                "W1 first batch, 2 s, median ms", pathFirst, first, first / (double) pathFirst));
        b.append(String.format(Locale.ROOT, "  %-34s %,12.0f %,12.0f  %.2fx (target 2x or more)",
                "W2 processed/s, DStreams", pathRate, rate, rate / pathRate));
        JsonNode q = r.path("structured").path("throughput");
        if (!q.isMissingNode()) {
            double structured = q.get("processed_per_s").asDouble();
            b.append(String.format(Locale.ROOT, "%n  %-34s %12s %,12.0f  %.2fx (target 1.5x or more)",
                    "W2 processed/s, Structured", "", structured, structured / pathRate));
        }
        int runs = p.path("throughput_runs").size();
        if (runs > 1) {
            b.append(String.format(Locale.ROOT, "%n  (Spark's path: the median of %d runs of each)", runs));
        }
        return Optional.of(b.toString());
    }
}
