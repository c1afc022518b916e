package dev.kafkaspark.internal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench's table and HTML page from a full run's JSON (made here, with every section a full run has): each
 * comparison line is there, fits 100 columns, and says ok or MISS as its figures say; a smoke run's JSON, with one run
 * of each workload, makes a report too.
 */
class BenchReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFullRunsTableHasEveryComparisonWithinOneHundredColumns() {
        String table = BenchReport.table(fullRun());
        assertThat(table.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        assertThat(table.lines()).anyMatch(l -> l.startsWith("start-up, ms from JVM start (median [min-max] of 3)"))
                .anyMatch(l -> l.strip().equals("first run after the build  5,000 ms, 1.25x the 2 s median (target:"
                        + " 1.2x or less)"))
                .anyMatch(l -> l.strip().equals("KRaft mode, 2 s batches    first batch 3,500 ms, 500 ms sooner than"
                        + " ZooKeeper (target: no later)"))
                .anyMatch(l -> l.startsWith("DStreams and Structured Streaming, same run"))
                .anyMatch(l -> l.strip().matches("W2 processed/s\\s+500,000\\s+400,000\\s+within 10%: 80% MISS"))
                .anyMatch(l -> l.strip().startsWith("SCRAM logins and ACLs      first batch 4,200 ms (+200);"
                        + " processed 450,000/s (90%)"))
                .anyMatch(l -> l.strip().matches("200 ms\\s+100\\s+200\\s+600\\s+800\\s+500 MISS\\s+400 ok"))
                .anyMatch(l -> l.startsWith("against Spark's own path, same run"))
                .anyMatch(l -> l.strip().matches("W1 first batch, 2 s, median ms\\s+6,400\\s+4,000\\s+0.63x \\(target"
                        + " 0.5x or less\\)"))
                .anyMatch(l -> l.strip().matches("W2 processed/s, DStreams\\s+300,000\\s+500,000\\s+1.67x \\(target"
                        + " 2x or more\\)"))
                .anyMatch(l -> l.strip().equals("(Spark's path: the median of 3 runs of each)"))
                .anyMatch(l -> l.strip().matches("W2 processed/s, Structured\\s+400,000\\s+1.33x \\(target 1.5x"
                        + " or more\\)"));
    }

    @Test
    void aSmokeRunsReportShowsWhatItMeasuredAndSaysItIsNoMeasurement() {
        ObjectNode r = fullRun();
        r.remove(List.of("structured", "scram", "spark_path"));
        ObjectNode startup = (ObjectNode) r.get("startup");
        startup.retain("2000");
        ((ObjectNode) r.get("latency")).retain("1000");
        ((ObjectNode) r.get("settings")).put("scale", "smoke").put("startup_runs", 1);
        String table = BenchReport.table(r);
        assertThat(table.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        assertThat(table.lines().limit(2)).element(0).asString().endsWith(" (smoke)");
        assertThat(table.lines().limit(2)).element(1).asString().startsWith("smoke: one short run of each workload");
        assertThat(table.lines()).noneMatch(l -> l.contains("KRaft mode") || l.contains("Structured")
                || l.contains("SCRAM") || l.contains("first run after the build") || l.contains("Spark's own path"))
                .anyMatch(l -> l.strip().startsWith("1000 ms"))
                .noneMatch(l -> l.strip().startsWith("200 ms"));
        String html = BenchReport.html(r);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<polyline", "1000 ms").doesNotContain("<script");
    }

    @Test
    void theHtmlPageShowsEachStartUpRunWithItsFirstTriggerAndFirstAcknowledgementMarked() {
        String html = BenchReport.html(fullRun());
        assertThat(html).contains("Start-up, run by run", "2000 ms batches, first run", "2000 ms batches, kraft",
                "2000 ms batches, structured", "red: first trigger, green: first record acknowledged");
        // 3 runs in each of 4 cases with 3 runs, 1 in the first run's case, 3 each for structured and scram.
        assertThat(html.split("stroke=\"#c0392b\"", -1)).hasSize(1 + 1 + 4 * 3 + 3 + 3);
        assertThat(html.split("stroke=\"#1e8449\"", -1)).hasSize(1 + 1 + 4 * 3 + 3 + 3);
        assertThat(BenchReport.caseTitle("2000-no-class-cache")).isEqualTo("2000 ms batches, no class cache");
        assertThat(BenchReport.caseTitle("500")).isEqualTo("500 ms batches");
    }

    @Test
    void theHtmlPageIsSelfContained() {
        String html = BenchReport.html(fullRun());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("when each part was ready", "batch by batch",
                "ms against percentile", "<polyline", "<svg").doesNotContain("<script", "<link", "<img", "http://"
                        + "cdn", "https://");
    }

    /** What a full run writes, with round figures. */
    private static ObjectNode fullRun() {
        ObjectNode r = JSON.createObjectNode();
        r.putObject("machine").put("cores", 2).put("java", "17.0.15").put("os", "Linux amd64").put("date",
                "2026-12-07T12:00:00Z");
        r.putObject("settings").put("quick", false).put("scale", "standard").put("startup_runs", 3)
                .put("throughput_s", 30).put("latency_s", 30).put("latency_rate", 10_000).put("child_heap", "512m");
        ObjectNode startup = r.putObject("startup");
        startup.set("2000-first-run", phases(1, 5000));
        startup.set("2000", phases(3, 4000));
        startup.set("500", phases(3, 3600));
        startup.set("2000-no-class-cache", phases(3, 5200));
        startup.set("2000-kraft", phases(3, 3500));
        r.putObject("limit").put("produced_per_s", 900_000.0).put("consumed_per_s", 2_000_000.0)
                .put("consumed_string_per_s", 1_500_000.0).put("model_both_per_s", 620_689.0);
        r.set("throughput", throughput(500_000));
        ObjectNode latency = r.putObject("latency");
        latency.set("200", latency(200, 600, 400));
        latency.set("1000", latency(1000, 1200, 1100));
        latency.set("2000", latency(2000, 2250, 2200));
        ObjectNode structured = r.putObject("structured");
        structured.set("startup", phases(3, 4500));
        structured.set("throughput", throughput(400_000));
        ObjectNode sl = structured.putObject("latency");
        sl.set("1000", latency(1000, 1250, 1150));
        ObjectNode scram = r.putObject("scram");
        scram.set("startup", phases(3, 4200));
        scram.set("throughput", throughput(450_000));
        ObjectNode path = r.putObject("spark_path");
        path.putObject("first_batch_ms").put("median", 6400).put("min", 6300).put("max", 6900);
        path.putObject("throughput").put("processed_per_s", 300_000.0);
        for (double rate : new double[] {250_000, 300_000, 390_000}) {
            path.withArray("throughput_runs").addObject().put("processed_per_s", rate);
        }
        r.putObject("memory").put("peak_heap_mb", 400).put("peak_rss_mb", 700).put("child_heap", "512m");
        return r;
    }

    private static ObjectNode phases(int runs, long firstBatch) {
        ObjectNode p = JSON.createObjectNode();
        long[] at = {600, 1900, 2200, firstBatch - 1000, firstBatch};
        for (int i = 0; i < Bench.STARTUP_PHASES.size(); i++) {
            p.putObject(Bench.STARTUP_PHASES.get(i).key()).put("median", at[i]).put("min", at[i] - 50)
                    .put("max", at[i] + 50).put("runs", runs);
        }
        var each = p.putArray("runs");
        for (int run = 0; run < runs; run++) {
            ObjectNode one = each.addObject();
            for (int i = 0; i < Bench.STARTUP_PHASES.size(); i++) {
                one.put(Bench.STARTUP_PHASES.get(i).key(), at[i]);
            }
            // The second run lost an interval: its first trigger came before the first acknowledgement.
            one.put("first_ack_ms", firstBatch - 700).put("first_trigger_ms", firstBatch - (run == 1 ? 2500 : 500))
                    .put("interval_ms", 2000);
        }
        return p;
    }

    private static ObjectNode throughput(double processedPerS) {
        ObjectNode t = JSON.createObjectNode().put("produced", 15_000_000L).put("processed", 15_000_000L)
                .put("missing", 0).put("duplicated", 0).put("produced_per_s", 510_000.0)
                .put("processed_per_s", processedPerS).put("lag_at_stop", 20_000).put("drain_ms", 300)
                .put("peak_heap_mb", 400).put("peak_rss_mb", 700).put("processed_equals_produced", true)
                .put("fraction_of_producer_limit", processedPerS / 900_000).put("fraction_of_model",
                        processedPerS / 620_689);
        var batches = t.putArray("batches");
        for (int i = 1; i <= 3; i++) {
            batches.addObject().put("atMs", 4000 + 2000 * i).put("records", 5_000_000).put("producedTotal",
                    5_000_000L * i).put("processedTotal", 5_000_000L * i);
        }
        return t;
    }

    private static ObjectNode latency(long interval, long p99, long steadyP99) {
        ObjectNode l = JSON.createObjectNode().put("p50", interval / 2).put("p95", interval).put("p99", p99)
                .put("max", p99 + 200).put("count", 300_000).put("target_p99_ms", interval + 300);
        l.putObject("steady").put("warm_up_ms", 5000).put("p50", interval / 2).put("p95", interval)
                .put("p99", steadyP99).put("max", steadyP99 + 50).put("count", 250_000);
        var curve = l.putArray("curve");
        double[][] points = {{0, interval / 4.0}, {50, interval / 2.0}, {90, interval * 0.9}, {95, interval},
            {99, p99}, {99.9, p99 + 100}, {100, p99 + 200}};
        for (double[] point : points) {
            curve.addObject().put("percentile", point[0]).put("ms", (long) point[1]);
        }
        return l;
    }
}
