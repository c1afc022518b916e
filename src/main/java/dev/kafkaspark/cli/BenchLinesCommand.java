package dev.kafkaspark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaspark.internal.bench.HarnessLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench-lines}: the harness on the Spark 3.5 and Spark 4.2 lines, in one run (docs/performance.md). */
@Command(name = "bench-lines", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"The harness on both Spark lines in one run, alternating: the environment's start-up (broker and"
                + " Spark context ready) and W2 through the harness, each run in a fresh JVM on the line's class path.",
                "Needs both lines built: mvn -B install -DskipTests."})
public final class BenchLinesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs of each line (default: 3).")
    int runs;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.DurationConverter.class,
            description = "How long the producer runs flat out in each run (default: 30s, as W2).")
    Duration duration;

    @Option(names = "--target", paramLabel = "DIR", defaultValue = "target",
            description = "The build's output directory (default: target).")
    Path target;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every run and the medians as JSON.")
    Path json;

    @Override
    public Integer call() throws IOException {
        if (runs < 1) {
            throw new UsageException("--runs must be at least 1, not " + runs);
        }
        if (duration.toSeconds() < 1) {
            throw new UsageException("--duration must be at least 1s");
        }
        PrintWriter out = spec.commandLine().getOut();
        ObjectNode result = new HarnessLines(target, Path.of("logs"), out).run(runs, duration);
        out.println();
        out.println("medians (" + runs + " runs each):");
        result.get("medians").fields().forEachRemaining(e -> out.printf(
                "  Scala %s: broker ready %,d ms, Spark ready %,d ms; W2 produced %,d/s, processed %,d/s%n",
                e.getKey(), e.getValue().get("brokerReadyMs").asLong(), e.getValue().get("sparkReadyMs").asLong(),
                e.getValue().get("producedPerSec").asLong(), e.getValue().get("processedPerSec").asLong()));
        if (json != null) {
            Files.writeString(json, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            out.println("JSON written to " + json);
        }
        out.flush();
        return 0;
    }
}
