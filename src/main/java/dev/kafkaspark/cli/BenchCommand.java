package dev.kafkaspark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaspark.internal.bench.Bench;
import dev.kafkaspark.internal.bench.BenchSettings;
import dev.kafkaspark.internal.bench.BenchReport;
import dev.kafkaspark.internal.events.Narrator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: the standard workloads, each in fresh child JVMs, reported as a table, JSON and HTML. */
@Command(name = "bench", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Measure start-up, throughput, latency, the broker's own limit and memory with the standard"
                + " workloads (docs/performance.md), each in fresh child JVMs of this jar. About 11 minutes;"
                + " --quick takes about 1, --smoke (a check of the bench itself) under 1.", ""})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Scaled down: one start-up run per interval, 5 s workloads,"
            + " Structured Streaming's latency at 1 s batches only.")
    boolean quick;

    @Option(names = "--smoke", description = "Only check that the bench works: one short run of each workload"
            + " (W1 to W4), none of the variants. About 40 s; its figures mean little.")
    boolean smoke;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write an HTML report with charts.")
    Path html;

    @Option(names = "--runs", paramLabel = "N", description = "Start-up runs per batch interval (default: 3).")
    Integer runs;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "How long the throughput and limit workloads run (default: 30s).")
    Duration duration;

    @Option(names = "--latency-duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "How long each latency run lasts (default: 30s).")
    Duration latencyDuration;

    @Option(names = "--latency-rate", paramLabel = "PER_SECOND",
            description = "Records per second in the latency runs (default: 10000).")
    Integer latencyRate;

    @Option(names = "--heap", paramLabel = "SIZE",
            description = "-Xmx of the child JVMs, or 'default' for the JVM's own (default: 512m).")
    String heap;

    @Override
    public Integer call() throws IOException {
        if (quick && smoke) {
            throw new UsageException("--quick and --smoke are two sizes of the bench: give one of them");
        }
        BenchSettings base = smoke ? BenchSettings.smoke() : quick ? BenchSettings.quickly()
                : BenchSettings.standard();
        if (runs != null && runs < 1) {
            throw new UsageException("--runs must be at least 1, not " + runs);
        }
        if (latencyRate != null && latencyRate < 1) {
            throw new UsageException("--latency-rate must be at least 1, not " + latencyRate);
        }
        String childHeap = heap == null ? base.heap() : "default".equals(heap) ? null : heap;
        if (childHeap != null && !childHeap.matches("\\d+[kKmMgG]?")) {
            throw new UsageException("--heap '" + heap + "' is not a size like 512m or 2g (or 'default')");
        }
        BenchSettings settings = new BenchSettings(runs != null ? runs : base.runs(),
                positive("--duration", duration, base.throughput()),
                positive("--latency-duration", latencyDuration, base.latency()),
                latencyRate != null ? latencyRate : base.latencyRate(), childHeap, base.scale());
        PrintWriter out = spec.commandLine().getOut();
        Narrator narrator = new Narrator(out);
        ObjectNode result = new Bench(settings, narrator, Path.of("logs")).run();
        narrator.flush();
        out.println();
        out.print(BenchReport.table(result));
        if (json != null) {
            write(json, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            out.println("JSON written to " + json);
        }
        if (html != null) {
            write(html, BenchReport.html(result));
            out.println("HTML report written to " + html);
        }
        out.flush();
        return 0;
    }

    private static Duration positive(String option, Duration given, Duration fallback) {
        if (given == null) {
            return fallback;
        }
        if (given.toSeconds() < 1) {
            throw new UsageException(option + " must be at least 1s");
        }
        return given;
    }

    private static void write(Path file, String content) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
