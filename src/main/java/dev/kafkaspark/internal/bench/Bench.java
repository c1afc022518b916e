package dev.kafkaspark.internal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaspark.internal.demo.RunMetrics;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.TempDir;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The benchmark: the standard workloads of {@code docs/performance.md}, each in fresh child JVMs of this jar, with the
 * results as one JSON tree (see {@link BenchReport} for the table and the HTML page).
 */
public final class Bench {

    /**
     * A start-up phase of W1.
     *
     * @param key its name in the report
     * @param label its name for people
     * @param value where it is in a run's metrics
     */
    record Phase(String key, String label, ToLongFunction<RunMetrics> value) {
    }

    /** The start-up phases of W1, in the order they happen. */
    static final List<Phase> STARTUP_PHASES = List.of(
            new Phase("zookeeper_ready_ms", "ZooKeeper ready", RunMetrics::zookeeperReadyMs),
            new Phase("broker_ready_ms", "broker ready", RunMetrics::brokerReadyMs),
            new Phase("topic_ready_ms", "topic ready", RunMetrics::topicReadyMs),
            new Phase("spark_ready_ms", "Spark ready", RunMetrics::sparkReadyMs),
            new Phase("first_batch_ms", "first batch with records", RunMetrics::firstBatchMs));
    static final long[] STARTUP_INTERVALS = {2000, 500};
    static final long[] LATENCY_INTERVALS = {200, 1000, 2000};

    private final BenchSettings settings;
    private final Narrator narrator;
    private final ChildRun child;
    private final SparkPath sparkPath;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param settings what to run
     * @param narrator where progress goes
     * @param logDir where the children's output and logs go
     */
    public Bench(BenchSettings settings, Narrator narrator, Path logDir) {
        this.settings = settings;
        this.narrator = narrator;
        List<String> jvm = new ArrayList<>();
        if (settings.heap() != null) {
            jvm.add("-Xmx" + settings.heap());
        }
        this.child = new ChildRun(ChildRun.ownJar(), jvm, logDir);
        this.sparkPath = new SparkPath(child);
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
        s.put("scale", settings.scale().name().toLowerCase(java.util.Locale.ROOT));
        s.put("startup_runs", settings.runs());
        s.put("throughput_s", settings.throughput().toSeconds());
        s.put("latency_s", settings.latency().toSeconds());
        s.put("latency_rate", settings.latencyRate());
        s.put("child_heap", settings.heap() == null ? "default" : settings.heap());

        boolean smoke = settings.scale() == BenchSettings.Scale.SMOKE;
        root.set("startup", smoke ? smokeStartup() : startup());
        JsonNode limit = limit();
        root.set("limit", limit);
        ObjectNode throughput = throughput(limit);
        root.set("throughput", throughput);
        if (!smoke) {
            root.set("throughput_with_pages", throughputWithPages(limit, 10));
        }
        root.set("latency", latency(smoke ? new long[] {1000} : LATENCY_INTERVALS));
        if (!smoke) {
            root.set("structured", structured(limit));
            root.set("scram", scram(limit));
            narrator.step("Spark's own path: Kafka set up as Spark's connector tests do, then the same stream");
            root.set("spark_path", sparkPath.run(settings.runs(), settings.throughput()));
        }
        ObjectNode memory = root.putObject("memory");
        memory.put("peak_heap_mb", throughput.get("peak_heap_mb").asLong());
        memory.put("peak_rss_mb", throughput.get("peak_rss_mb").asLong());
        memory.put("child_heap", settings.heap() == null ? "default" : settings.heap());
        return root;
    }

    private ObjectNode startup() {
        ObjectNode startup = json.createObjectNode();
        // A user's very first run after the build: no class cache of their own yet (an empty cache directory), so
        // only what the build made beside the jar can help.
        TempDir emptyCache = TempDir.create("kafka-spark-bench-cache-");
        try (emptyCache) {
            startup.set("2000-first-run", startupRuns(2000, Map.of("XDG_CACHE_HOME", emptyCache.path().toString()),
                    ", first run after the build", 1));
        }
        for (long interval : STARTUP_INTERVALS) {
            startup.set(Long.toString(interval), startupRuns(interval, Map.of(), "", settings.runs()));
        }
        // The same 2 s start-up in one JVM, without the launcher's class cache: what the cache saves.
        startup.set("2000-no-class-cache", startupRuns(2000, Map.of("KAFKA_SPARK_DEMO_CDS", "off"),
                ", no class cache", settings.runs()));
        // Kafka without ZooKeeper: one KRaft node, broker and controller ("ZooKeeper ready" is the quorum's).
        startup.set("2000-kraft", startupRuns(2000, Map.of(), ", KRaft mode", settings.runs(), "--mode", "kraft"));
        return startup;
    }

    /** W1 once, at 2 s batches. */
    private ObjectNode smokeStartup() {
        ObjectNode startup = json.createObjectNode();
        startup.set("2000", startupRuns(2000, Map.of(), "", 1));
        return startup;
    }

    /**
     * The same W1 (2 s batches), W2 and W4 with the job as a Structured Streaming query, in this run, for the
     * comparison with DStreams.
     */
    private ObjectNode structured(JsonNode limit) {
        ObjectNode s = json.createObjectNode();
        s.set("startup", startupRuns(2000, Map.of(), ", Structured Streaming", settings.runs(), STRUCTURED));
        s.set("throughput", throughput(limit, STRUCTURED));
        // A quick run (the test of this command) measures one interval: the other two would add half a minute.
        s.set("latency", latency(settings.quick() ? new long[] {1000} : LATENCY_INTERVALS, STRUCTURED));
        return s;
    }

    private static final String[] STRUCTURED = {"--engine", "structured"};
    private static final String[] SCRAM = {"--auth", "scram"};

    /** W1 (2 s batches) and W2 with SASL/SCRAM logins and ACLs, in this run, for the cost of the logins. */
    private ObjectNode scram(JsonNode limit) {
        ObjectNode s = json.createObjectNode();
        s.set("startup", startupRuns(2000, Map.of(), ", SCRAM logins", settings.runs(), SCRAM));
        s.set("throughput", throughput(limit, SCRAM));
        return s;
    }

    private ObjectNode startupRuns(long interval, Map<String, String> env, String label, int runs,
            String... mode) {
        boolean kraft = List.of(mode).contains("kraft");
        String engine = List.of(mode).contains("structured") ? "-structured"
                : List.of(mode).contains("scram") ? "-scram" : "";
        List<List<Long>> phases = new ArrayList<>();
        STARTUP_PHASES.forEach(p -> phases.add(new ArrayList<>()));
        com.fasterxml.jackson.databind.node.ArrayNode each = json.createArrayNode();
        for (int run = 1; run <= runs; run++) {
            narrator.step("start-up, %d ms batches%s: run %d of %d", interval, label, run, runs);
            List<String> args = new ArrayList<>(List.of(mode));
            args.addAll(List.of("--records", "400", "--rate", "200", "--batch-interval", interval + "ms",
                    kraft ? "--controller-port" : "--zk-port", "0", "--kafka-port", "0", "--no-ui", "--quiet-batches"));
            RunMetrics r = child.demo("startup-" + interval + (env.isEmpty() ? "" : "-" + env.keySet().iterator()
                    .next().toLowerCase(java.util.Locale.ROOT)) + (kraft ? "-kraft" : "") + engine + "-" + run, 180,
                    env, args.toArray(String[]::new));
            ObjectNode one = each.addObject();
            for (int i = 0; i < STARTUP_PHASES.size(); i++) {
                phases.get(i).add(STARTUP_PHASES.get(i).value().applyAsLong(r));
                one.put(STARTUP_PHASES.get(i).key(), STARTUP_PHASES.get(i).value().applyAsLong(r));
            }
            one.put("first_ack_ms", r.firstAckMs());
            one.put("first_trigger_ms", r.firstTriggerMs());
            one.put("interval_ms", interval);
        }
        ObjectNode byPhase = json.createObjectNode();
        for (int i = 0; i < STARTUP_PHASES.size(); i++) {
            byPhase.set(STARTUP_PHASES.get(i).key(), Stats.of(phases.get(i)).toJson());
        }
        byPhase.set("runs", each);
        return byPhase;
    }

    private JsonNode limit() {
        narrator.step("the limit on this machine: producer only, then consumer only, %d s, no Spark",
                settings.throughput().toSeconds());
        return child.run("limit", settings.throughput().toSeconds() + 300, "bench-limit", "--duration",
                settings.throughput().toSeconds() + "s", "--value-size", "100");
    }

    private ObjectNode throughput(JsonNode limit, String... engine) {
        String variant = engine.length == 0 ? "" : "-" + engine[1];
        narrator.step("throughput: producer flat out for %d s, 100-byte values, Spark counting%s",
                settings.throughput().toSeconds(), engine.length == 0 ? "" : ", " + String.join(" ", engine));
        RunMetrics r = child.demo("throughput" + variant,
                settings.throughput().toSeconds() + 300, Map.of(), with(engine, "--rate", "max",
                        "--duration", settings.throughput().toSeconds() + "s", "--value-size", "100", "--zk-port", "0",
                        "--kafka-port", "0", "--no-ui", "--quiet-batches"));
        ObjectNode t = json.createObjectNode();
        t.put("produced", r.produced());
        t.put("processed", r.processed());
        t.put("missing", r.missing());
        t.put("duplicated", r.duplicated());
        t.put("produced_per_s", r.producedPerS());
        t.put("processed_per_s", r.processedPerS());
        t.put("lag_at_stop", r.lagAtStop());
        t.put("drain_ms", r.drainMs());
        t.put("peak_heap_mb", r.peakHeapMb());
        t.put("peak_rss_mb", r.peakRssMb());
        t.put("processed_equals_produced", r.missing() == 0 && r.duplicated() == 0 && r.processed() == r.produced());
        t.put("fraction_of_producer_limit", r.processedPerS() / limit.get("produced_per_s").asDouble());
        t.put("fraction_of_model", r.processedPerS() / limit.get("model_both_per_s").asDouble());
        t.set("batches", json.valueToTree(r.batches()));
        return t;
    }

    /** W2 again with the live page on and {@code pages} pages reading it, as open browser tabs would. */
    private ObjectNode throughputWithPages(JsonNode limit, int pages) {
        narrator.step("throughput with the live page on and %d pages open: producer flat out for %d s", pages,
                settings.throughput().toSeconds());
        PageReaders[] readers = {null};
        RunMetrics r = child.demo("throughput-pages", settings.throughput().toSeconds() + 300, Map.of(), out -> {
            readers[0] = PageReaders.open(out, pages);
            return readers[0];
        }, "--rate", "max", "--duration", settings.throughput().toSeconds() + "s", "--value-size", "100",
                "--zk-port", "0", "--kafka-port", "0", "--no-ui", "--quiet-batches", "--web-port", "0");
        ObjectNode t = json.createObjectNode();
        t.put("pages", readers[0].opened());
        t.put("processed_per_s", r.processedPerS());
        t.put("produced_per_s", r.producedPerS());
        t.put("processed_equals_produced", r.missing() == 0 && r.duplicated() == 0 && r.processed() == r.produced());
        t.put("fraction_of_producer_limit", r.processedPerS() / limit.get("produced_per_s").asDouble());
        long[] d = readers[0].delays();
        t.put("event_to_page_p50_ms", d[0]);
        t.put("event_to_page_p99_ms", d[1]);
        t.put("event_to_page_max_ms", d[2]);
        t.put("events_measured", d[3]);
        t.put("peak_rss_mb", r.peakRssMb());
        return t;
    }

    private static String[] with(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private ObjectNode latency(long[] intervals, String... engine) {
        ObjectNode latency = json.createObjectNode();
        for (long interval : intervals) {
            narrator.step("latency: %,d records/s for %d s, %d ms batches%s", settings.latencyRate(),
                    settings.latency().toSeconds(), interval, engine.length > 0 ? ", Structured Streaming" : "");
            RunMetrics r = child.demo("latency-" + interval + (engine.length > 0 ? "-structured" : ""),
                    settings.latency().toSeconds() + 300, Map.of(), with(engine,
                    "--rate", Integer.toString(settings.latencyRate()), "--duration",
                    settings.latency().toSeconds() + "s", "--batch-interval", interval + "ms", "--value-size", "100",
                    "--zk-port", "0", "--kafka-port", "0", "--no-ui", "--quiet-batches"));
            ObjectNode l = latency.putObject(Long.toString(interval));
            RunMetrics.Latency lat = r.latencyMs();
            l.put("p50", lat.p50());
            l.put("p95", lat.p95());
            l.put("p99", lat.p99());
            l.put("max", lat.max());
            l.put("count", lat.count());
            l.put("target_p99_ms", interval + 300);
            // The same without the first seconds (JIT compilation, the first batch's leftovers): the steady state.
            RunMetrics.Latency steady = r.steadyLatencyMs();
            if (steady != null) {
                ObjectNode st = l.putObject("steady");
                st.put("warm_up_ms", dev.kafkaspark.internal.delivery.Ledger.WARM_UP_MILLIS);
                st.put("p50", steady.p50());
                st.put("p95", steady.p95());
                st.put("p99", steady.p99());
                st.put("max", steady.max());
                st.put("count", steady.count());
            }
            l.set("curve", json.valueToTree(lat.curve()));
            l.put("missing", r.missing());
        }
        return latency;
    }

}
