package dev.kafkaspark.internal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's results as a console table and as a self-contained HTML page with inline SVG charts. */
public final class BenchReport {

    private BenchReport() {
    }

    /** The first run after the build against the later runs' median, as one line, when the run measured it. */
    static java.util.Optional<String> firstRun(JsonNode r) {
        JsonNode first = r.get("startup").path("2000-first-run").path("first_batch_ms");
        if (first.isMissingNode()) {
            return java.util.Optional.empty();
        }
        double later = r.get("startup").get("2000").get("first_batch_ms").get("median").asDouble();
        return java.util.Optional.of(String.format(Locale.ROOT, "%-26s %,d ms, %.2fx the 2 s median (target: 1.2x"
                + " or less)", "first run after the build", first.get("median").asLong(),
                first.get("median").asDouble() / later));
    }

    /** KRaft mode's first batch against ZooKeeper mode's, both 2 s batches, as one line, when the run measured it. */
    static java.util.Optional<String> kraft(JsonNode r) {
        JsonNode kraft = r.get("startup").path("2000-kraft");
        if (kraft.isMissingNode()) {
            return java.util.Optional.empty();
        }
        long k = kraft.get("first_batch_ms").get("median").asLong();
        long z = r.get("startup").get("2000").get("first_batch_ms").get("median").asLong();
        // Within the table's 100 columns; the JSON has every phase.
        return java.util.Optional.of(String.format(Locale.ROOT, "%-26s first batch %,d ms, %,d ms %s than ZooKeeper"
                + " (target: no later)", "KRaft mode, 2 s batches", k, Math.abs(z - k),
                k <= z ? "sooner" : "later"));
    }

    /**
     * DStreams against Structured Streaming, measured in the same run: W1's first batch (2 s batches), W2's processing
     * rate (target: within 10%) and W4's p99 at each interval (target: interval + 300 ms). Empty when the run did not
     * measure Structured Streaming.
     */
    static List<String> engines(JsonNode r) {
        JsonNode q = r.path("structured");
        if (q.isMissingNode()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-34s %12s %12s  %s", "", "DStreams", "Structured", "target"));
        lines.add(String.format(Locale.ROOT, "  %-34s %,12d %,12d", "W1 first batch, 2 s batches, ms",
                r.get("startup").get("2000").get("first_batch_ms").get("median").asLong(),
                q.get("startup").get("first_batch_ms").get("median").asLong()));
        double d = r.get("throughput").get("processed_per_s").asDouble();
        double s = q.get("throughput").get("processed_per_s").asDouble();
        lines.add(String.format(Locale.ROOT, "  %-34s %,12.0f %,12.0f  within 10%%: %.0f%% %s",
                "W2 processed/s", d, s, 100 * s / d, s >= 0.9 * d ? "ok" : "MISS"));
        lines.add(String.format(Locale.ROOT, "  %-34s %12s %12s  %s", "W2 processed = produced",
                r.get("throughput").get("processed_equals_produced").asBoolean() ? "yes" : "NO",
                q.get("throughput").get("processed_equals_produced").asBoolean() ? "yes" : "NO", ""));
        for (long interval : Bench.LATENCY_INTERVALS) {
            long dp = r.get("latency").get(Long.toString(interval)).get("p99").asLong();
            JsonNode ql = q.get("latency").path(Long.toString(interval));
            long qp = ql.path("p99").asLong();
            long target = interval + 300;
            // No sample: not measured (a quick run measures one interval), or the run ended before the first
            // micro-batch did.
            boolean none = ql.path("count").asLong() == 0;
            lines.add(String.format(Locale.ROOT, "  %-34s %,12d %12s  %,d: %s %s", "W4 p99 ms, " + interval
                    + " ms batches", dp, none ? "-" : String.format(Locale.ROOT, "%,d", qp), target,
                    dp <= target ? "ok" : "MISS", none ? "-" : qp <= target ? "ok" : "MISS"));
        }
        for (long interval : Bench.LATENCY_INTERVALS) {
            JsonNode ds = r.get("latency").get(Long.toString(interval)).path("steady");
            JsonNode ql = q.get("latency").path(Long.toString(interval));
            long target = interval + 300;
            lines.add(String.format(Locale.ROOT, "  %-34s %12s %12s", "  after warm-up, " + interval + " ms",
                    steady(ds, target), steady(ql.path("steady"), target)));
        }
        return lines;
    }

    /** A steady-state p99 against its target ("-" when the run was too short to have one). */
    private static String steady(JsonNode steady, long target) {
        if (steady.path("count").asLong() == 0) {
            return "-";
        }
        long p99 = steady.get("p99").asLong();
        return String.format(Locale.ROOT, "%,d %s", p99, p99 <= target ? "ok" : "MISS");
    }

    /** The cost of SCRAM logins and ACLs: W1's first batch and W2's rate with and without, same run. */
    static java.util.Optional<String> scram(JsonNode r) {
        JsonNode q = r.path("scram");
        if (q.isMissingNode()) {
            return java.util.Optional.empty();
        }
        long first = q.get("startup").get("first_batch_ms").get("median").asLong();
        long plain = r.get("startup").get("2000").get("first_batch_ms").get("median").asLong();
        double rate = q.get("throughput").get("processed_per_s").asDouble();
        double plainRate = r.get("throughput").get("processed_per_s").asDouble();
        return java.util.Optional.of(String.format(Locale.ROOT, "  %-26s first batch %,d ms (%+,d); processed %,.0f/s"
                + " (%.0f%%)%s", "SCRAM logins and ACLs", first, first - plain, rate, 100 * rate / plainRate,
                q.get("throughput").get("processed_equals_produced").asBoolean() ? "" : " NOT ALL PROCESSED"));
    }

    /** The console table, at most 100 columns wide. */
    public static String table(JsonNode r) {
        StringBuilder b = new StringBuilder();
        JsonNode m = r.get("machine");
        b.append(String.format(Locale.ROOT, "kafka-spark-demo bench: %d cores, Java %s, child heap %s%s%n",
                m.get("cores").asInt(), m.get("java").asText(), r.get("settings").get("child_heap").asText(),
                scaleNote(r)));
        b.append(String.format(Locale.ROOT, "%nstart-up, ms from JVM start (median [min-max] of %d)%n",
                r.get("settings").get("startup_runs").asInt()));
        b.append(String.format(Locale.ROOT, "  %-26s %-22s %-22s %s%n", "", "2 s batches", "500 ms batches",
                "2 s, no class cache"));
        for (Bench.Phase phase : Bench.STARTUP_PHASES) {
            b.append(String.format(Locale.ROOT, "  %-26s %-22s %-22s %s%n", phase.label(),
                    fmt(r.get("startup").get("2000").get(phase.key())),
                    fmt(r.get("startup").path("500").path(phase.key())),
                    fmt(r.get("startup").path("2000-no-class-cache").path(phase.key()))));
        }
        firstRun(r).ifPresent(line -> b.append("  ").append(line).append(String.format("%n")));
        kraft(r).ifPresent(line -> b.append("  ").append(line).append(String.format("%n")));
        JsonNode t = r.get("throughput");
        JsonNode l = r.get("limit");
        b.append(String.format(Locale.ROOT, "%nthroughput, flat out %d s, 100-byte values, 1 broker, 3 partitions%n",
                r.get("settings").get("throughput_s").asLong()));
        b.append(String.format(Locale.ROOT, "  %-36s %,14.0f%n", "producer only (no Spark), records/s",
                l.get("produced_per_s").asDouble()));
        b.append(String.format(Locale.ROOT, "  %-36s %,14.0f%n", "consumer only, bytes, records/s",
                l.get("consumed_per_s").asDouble()));
        b.append(String.format(Locale.ROOT, "  %-36s %,14.0f%n", "consumer only, strings, records/s",
                l.get("consumed_string_per_s").asDouble()));
        b.append(String.format(Locale.ROOT, "  %-36s %,14.0f  (1/(1/p+1/c))%n",
                "model: both on the same cores", l.get("model_both_per_s").asDouble()));
        b.append(String.format(Locale.ROOT, "  %-36s %,14.0f%n", "pipeline: produced/s",
                t.get("produced_per_s").asDouble()));
        b.append(String.format(Locale.ROOT, "  %-36s %,14.0f  (%.0f%% of model, goal 70%%)%n",
                "pipeline: processed/s", t.get("processed_per_s").asDouble(),
                100 * t.get("fraction_of_model").asDouble()));
        b.append(String.format(Locale.ROOT, "  %-36s %14s  (%,d records, %d missing, %d duplicated)%n",
                "processed = produced", t.get("processed_equals_produced").asBoolean() ? "yes" : "NO",
                t.get("produced").asLong(), t.get("missing").asLong(), t.get("duplicated").asLong()));
        b.append(String.format(Locale.ROOT, "  %-36s %,14d  (drained in %,d ms)%n", "lag when the producer stopped",
                t.get("lag_at_stop").asLong(), t.get("drain_ms").asLong()));
        JsonNode pages = r.path("throughput_with_pages");
        if (!pages.isMissingNode()) {
            b.append(String.format(Locale.ROOT, "  %-36s %,14.0f  (%.1f%% of the run without; %d pages open)%n",
                    "with the live page: processed/s", pages.get("processed_per_s").asDouble(),
                    100 * pages.get("processed_per_s").asDouble() / t.get("processed_per_s").asDouble(),
                    pages.get("pages").asInt()));
            b.append(String.format(Locale.ROOT, "  %-36s %14s  (p50 %d ms, p99 %d ms, max %d ms, %,d events)%n",
                    "event to page, each page", "", pages.get("event_to_page_p50_ms").asLong(),
                    pages.get("event_to_page_p99_ms").asLong(), pages.get("event_to_page_max_ms").asLong(),
                    pages.get("events_measured").asLong()));
        }
        b.append(String.format(Locale.ROOT, "%nlatency at %,d records/s, ms from record timestamp to batch done%n",
                r.get("settings").get("latency_rate").asInt()));
        b.append(String.format(Locale.ROOT, "  %-12s %8s %8s %8s %8s %14s %20s%n", "batches", "p50", "p95", "p99",
                "max", "target p99", "p99 after warm-up"));
        for (long interval : latencyIntervals(r.get("latency"))) {
            JsonNode x = r.get("latency").get(Long.toString(interval));
            long target = x.get("target_p99_ms").asLong();
            b.append(String.format(Locale.ROOT, "  %-12s %8d %8d %8d %8d %11d %-4s %15s%n", interval + " ms",
                    x.get("p50").asLong(), x.get("p95").asLong(), x.get("p99").asLong(), x.get("max").asLong(),
                    target, x.get("p99").asLong() <= target ? "ok" : "MISS", steady(x.path("steady"), target)));
        }
        b.append(String.format(Locale.ROOT, "  (after warm-up: records sent from %,d ms after the first batch with"
                + " records)%n", dev.kafkaspark.internal.delivery.Ledger.WARM_UP_MILLIS));
        List<String> engines = engines(r);
        if (!engines.isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nDStreams and Structured Streaming, same run (W1, W2, W4)%n"));
            engines.forEach(line -> b.append(line).append(String.format("%n")));
        }
        scram(r).ifPresent(line -> b.append(String.format(Locale.ROOT, "%nthe cost of logins, same run (W1 2 s, W2)%n"))
                .append(line).append(String.format("%n")));
        SparkPath.lines(r).ifPresent(lines -> b.append(String.format(Locale.ROOT, "%nagainst Spark's own path, same run"
                + "%n  %-34s %12s %12s%n", "", "Spark's path", "this demo")).append(lines).append(String.format("%n")));
        JsonNode mem = r.get("memory");
        b.append(String.format(Locale.ROOT, "%nmemory, throughput run: peak heap %,d MiB, peak RSS %,d MiB%n",
                mem.get("peak_heap_mb").asLong(), mem.get("peak_rss_mb").asLong()));
        b.append(String.format(Locale.ROOT, "%nworkloads and time base: docs/performance.md%n"));
        return b.toString();
    }

    private static String scaleNote(JsonNode r) {
        String scale = r.get("settings").get("scale").asText();
        return switch (scale) {
            case "standard" -> "";
            case "smoke" -> String.format(Locale.ROOT, " (smoke)%nsmoke: one short run of each workload, a check of the"
                    + " bench, not a measurement");
            default -> " (" + scale + ")";
        };
    }

    /** The batch intervals the run measured latency at, in the order of {@link Bench#LATENCY_INTERVALS}. */
    static long[] latencyIntervals(JsonNode latency) {
        return java.util.Arrays.stream(Bench.LATENCY_INTERVALS).filter(i -> latency.has(Long.toString(i))).toArray();
    }

    private static String fmt(JsonNode stats) {
        if (stats.isMissingNode()) {
            return "-";
        }
        return new Stats(stats.get("median").asDouble(), stats.get("min").asDouble(), stats.get("max").asDouble(),
                stats.get("runs").asInt()).format();
    }

    /** A self-contained HTML page (no network, no script): charts drawn as inline SVG, and the table. */
    public static String html(JsonNode r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>kafka-spark-demo bench</title><style>body{font-family:sans-serif;max-width:880px;"
                + "margin:2em auto;color:#222}pre{background:#f6f6f6;padding:1em;overflow-x:auto}"
                + "h2{margin-top:1.6em}svg text{font-size:12px}</style></head><body>\n");
        b.append("<h1>kafka-spark-demo bench</h1>\n<p>").append(escape(r.get("machine").get("date").asText()))
                .append(". Workloads as defined in docs/performance.md (&quot;The workloads&quot;); every workload ran in a fresh JVM.</p>\n");
        b.append("<h2>Start-up, 2 s batches: when each part was ready (median of the runs)</h2>\n")
                .append(BenchCharts.timeline(r.get("startup").get("2000")));
        b.append("<h2>Start-up, run by run: does the first batch hold the first records?</h2>\n<p>Each run's phases:"
                + " blue, ZooKeeper (or the KRaft quorum), the broker, the topic; orange, Spark until its streaming"
                + " context runs; purple, until the first batch with records finished. Marks: red: first trigger,"
                + " green: first record acknowledged. A red mark before the green one is a lost interval: that batch"
                + " was empty.</p>\n");
        r.get("startup").fields().forEachRemaining(c -> {
            if (c.getValue().has("runs")) {
                b.append(BenchCharts.runs(caseTitle(c.getKey()), c.getValue().get("runs")));
            }
        });
        for (String variant : new String[] {"structured", "scram"}) {
            JsonNode v = r.path(variant).path("startup");
            if (v.has("runs")) {
                b.append(BenchCharts.runs(caseTitle("2000-" + variant), v.get("runs")));
            }
        }
        firstRun(r).ifPresent(line -> b.append("<p>").append(line).append("</p>\n"));
        kraft(r).ifPresent(line -> b.append("<p>").append(line).append("</p>\n"));
        JsonNode t = r.get("throughput");
        JsonNode l = r.get("limit");
        b.append("<h2>Throughput, records/s: the limits, the model, the pipeline</h2>\n").append(svg(List.of(
                new Bar("producer only (no Spark)", l.get("produced_per_s").asDouble()),
                new Bar("consumer only, bytes (no Spark)", l.get("consumed_per_s").asDouble()),
                new Bar("consumer only, strings (no Spark)", l.path("consumed_string_per_s").asDouble()),
                new Bar("model: both on the same cores", l.path("model_both_per_s").asDouble()),
                new Bar("pipeline: produced", t.get("produced_per_s").asDouble()),
                new Bar("pipeline: processed by Spark", t.get("processed_per_s").asDouble())), "/s"));
        b.append("<h2>The throughput run, batch by batch</h2>\n").append(BenchCharts.run(t.path("batches")));
        b.append("<h2>End-to-end latency: ms against percentile (log scale)</h2>\n")
                .append(BenchCharts.percentiles(r.get("latency"), latencyIntervals(r.get("latency"))));
        b.append("<h2>All figures</h2>\n<pre>").append(escape(table(r))).append("</pre>\n</body></html>\n");
        return b.toString();
    }

    /** "2000-no-class-cache" as "2000 ms batches, no class cache". */
    static String caseTitle(String key) {
        int dash = key.indexOf('-');
        return dash < 0 ? key + " ms batches"
                : key.substring(0, dash) + " ms batches, " + key.substring(dash + 1).replace('-', ' ');
    }

    private record Bar(String label, double value) {
    }

    private static String svg(List<Bar> bars, String unit) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        int rowHeight = 22;
        int labelWidth = 260;
        int barWidth = 480;
        int height = bars.size() * rowHeight + 10;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " role=\"img\">%n", labelWidth + barWidth + 120, height));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 5 + i * rowHeight;
            double w = max <= 0 ? 0 : bar.value() / max * barWidth;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    labelWidth - 8, y + 15, escape(bar.label())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\""
                    + " fill=\"#4a7ab5\"/>", labelWidth, y + 2, w));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%,.0f %s</text>%n", labelWidth + w + 6,
                    y + 15, bar.value(), escape(unit)));
        }
        return s.append("</svg>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
