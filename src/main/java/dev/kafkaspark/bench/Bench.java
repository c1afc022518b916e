package dev.kafkaspark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaspark.app.Narrator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark: the standard workloads of {@code shared/WORKLOADS.md}, each in fresh child JVMs of this jar, with the
 * results as one JSON tree (see {@link BenchReport} for the table and the HTML page).
 */
public final class Bench {

    static final String[] STARTUP_PHASES = {"zookeeper_ready_ms", "broker_ready_ms", "topic_ready_ms",
        "spark_ready_ms", "first_batch_ms"};
    static final long[] STARTUP_INTERVALS = {2000, 500};
    static final long[] LATENCY_INTERVALS = {200, 1000, 2000};

    /**
     * What to run.
     *
     * @param runs start-up runs per batch interval (W1)
     * @param throughput how long the producer runs flat out (W2, W3)
     * @param latency how long each latency run lasts (W4)
     * @param latencyRate the fixed rate of the latency runs
     * @param heap the children's {@code -Xmx}, or {@code null} for the JVM's default
     * @param quick whether these are the scaled-down settings
     */
    public record Settings(int runs, Duration throughput, Duration latency, int latencyRate, String heap,
            boolean quick) {

        /** The standard settings: 3 start-up runs, 30 s workloads, 10,000 records/s, children at -Xmx512m. */
        public static Settings standard() {
            return new Settings(3, Duration.ofSeconds(30), Duration.ofSeconds(30), 10_000, "512m", false);
        }

        /** Scaled down for a quick look: one start-up run, 5 s workloads. */
        public static Settings quickly() {
            return new Settings(1, Duration.ofSeconds(5), Duration.ofSeconds(5), 10_000, "512m", true);
        }
    }

    private final Settings settings;
    private final Narrator narrator;
    private final ChildRun child;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param settings what to run
     * @param narrator where progress goes
     * @param logDir where the children's output and logs go
     */
    public Bench(Settings settings, Narrator narrator, Path logDir) {
        this.settings = settings;
        this.narrator = narrator;
        List<String> jvm = new ArrayList<>();
        if (settings.heap() != null) {
            jvm.add("-Xmx" + settings.heap());
        }
        this.child = new ChildRun(ChildRun.ownJar(), jvm, logDir);
    }

    /** Runs every workload, in order, and returns the results. */
    public ObjectNode run() {
        ObjectNode root = json.createObjectNode();
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", Runtime.version().toString());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        ObjectNode s = root.putObject("settings");
        s.put("quick", settings.quick());
        s.put("startup_runs", settings.runs());
        s.put("throughput_s", settings.throughput().toSeconds());
        s.put("latency_s", settings.latency().toSeconds());
        s.put("latency_rate", settings.latencyRate());
        s.put("child_heap", settings.heap() == null ? "default" : settings.heap());

        root.set("startup", startup());
        JsonNode limit = limit();
        root.set("limit", limit);
        ObjectNode throughput = throughput(limit);
        root.set("throughput", throughput);
        root.set("latency", latency());
        ObjectNode memory = root.putObject("memory");
        memory.put("peak_heap_mb", throughput.get("peak_heap_mb").asLong());
        memory.put("peak_rss_mb", throughput.get("peak_rss_mb").asLong());
        memory.put("child_heap", settings.heap() == null ? "default" : settings.heap());
        return root;
    }

    private ObjectNode startup() {
        ObjectNode startup = json.createObjectNode();
        for (long interval : STARTUP_INTERVALS) {
            List<List<Long>> phases = new ArrayList<>();
            for (int i = 0; i < STARTUP_PHASES.length; i++) {
                phases.add(new ArrayList<>());
            }
            for (int run = 1; run <= settings.runs(); run++) {
                narrator.step("start-up, %d ms batches: run %d of %d", interval, run, settings.runs());
                JsonNode r = child.run("startup-" + interval + "-" + run, 180, "demo", "--records", "400", "--rate",
                        "200", "--batch-interval", interval + "ms", "--zk-port", "0", "--kafka-port", "0", "--no-ui",
                        "--quiet-batches");
                for (int i = 0; i < STARTUP_PHASES.length; i++) {
                    phases.get(i).add(r.get(STARTUP_PHASES[i]).asLong());
                }
            }
            ObjectNode byPhase = startup.putObject(Long.toString(interval));
            for (int i = 0; i < STARTUP_PHASES.length; i++) {
                byPhase.set(STARTUP_PHASES[i], stats(Stats.of(phases.get(i))));
            }
        }
        return startup;
    }

    private JsonNode limit() {
        narrator.step("the limit on this machine: producer only, then consumer only, %d s, no Spark",
                settings.throughput().toSeconds());
        return child.run("limit", settings.throughput().toSeconds() + 300, "bench-limit", "--duration",
                settings.throughput().toSeconds() + "s", "--value-size", "100");
    }

    private ObjectNode throughput(JsonNode limit) {
        narrator.step("throughput: producer flat out for %d s, 100-byte values, Spark counting",
                settings.throughput().toSeconds());
        JsonNode r = child.run("throughput", settings.throughput().toSeconds() + 300, "demo", "--rate", "max",
                "--duration", settings.throughput().toSeconds() + "s", "--value-size", "100", "--zk-port", "0",
                "--kafka-port", "0", "--no-ui", "--quiet-batches");
        ObjectNode t = json.createObjectNode();
        for (String field : new String[] {"produced", "processed", "missing", "duplicated", "produced_per_s",
            "processed_per_s", "lag_at_stop", "drain_ms", "peak_heap_mb", "peak_rss_mb"}) {
            t.set(field, r.get(field));
        }
        t.put("processed_equals_produced", r.get("missing").asLong() == 0 && r.get("duplicated").asLong() == 0
                && r.get("processed").asLong() == r.get("produced").asLong());
        t.put("fraction_of_producer_limit", r.get("processed_per_s").asDouble()
                / limit.get("produced_per_s").asDouble());
        return t;
    }

    private ObjectNode latency() {
        ObjectNode latency = json.createObjectNode();
        for (long interval : LATENCY_INTERVALS) {
            narrator.step("latency: %,d records/s for %d s, %d ms batches", settings.latencyRate(),
                    settings.latency().toSeconds(), interval);
            JsonNode r = child.run("latency-" + interval, settings.latency().toSeconds() + 300, "demo", "--rate",
                    Integer.toString(settings.latencyRate()), "--duration", settings.latency().toSeconds() + "s",
                    "--batch-interval", interval + "ms", "--value-size", "100", "--zk-port", "0", "--kafka-port",
                    "0", "--no-ui", "--quiet-batches");
            ObjectNode l = latency.putObject(Long.toString(interval));
            JsonNode lat = r.get("latency_ms");
            for (String p : new String[] {"p50", "p95", "p99", "max", "count"}) {
                l.set(p, lat.get(p));
            }
            l.put("target_p99_ms", interval + 300);
            l.put("missing", r.get("missing").asLong());
        }
        return latency;
    }

    private ObjectNode stats(Stats s) {
        ObjectNode n = json.createObjectNode();
        n.put("median", s.median());
        n.put("min", s.min());
        n.put("max", s.max());
        n.put("runs", s.runs());
        return n;
    }
}
