package dev.kafkaspark.internal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaspark.internal.support.RuntimeCheck;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness on both Spark lines in one run ({@code bench-lines}): {@link HarnessRun} in a fresh JVM per run, on each
 * line's class path as the build wrote it (the library jar and its runtime dependencies), the lines alternating so
 * that neither gets the quieter minutes. The medians go into docs/performance.md.
 */
public final class HarnessLines {

    /** One line's build output: where its library jar and its class path listing are. */
    record Line(String scala, Path jar, Path classPath) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path target;
    private final Path logDir;
    private final PrintWriter out;

    public HarnessLines(Path target, Path logDir, PrintWriter out) {
        this.target = target;
        this.logDir = logDir;
        this.out = out;
    }

    /**
     * Every line's build (this jar's line in the build's directory, another in its {@code scala-<version>}
     * directory), or a clear failure naming the command that makes the missing one.
     */
    List<Line> lines() {
        String version = RuntimeCheck.builtWith("project.version");
        String own = RuntimeCheck.builtWith("scala.binary.version");
        List<Line> lines = new ArrayList<>();
        for (String scala : RuntimeCheck.lines().keySet()) {
            Path dir = scala.equals(own) ? target : target.resolve("scala-" + scala);
            lines.add(new Line(scala, dir.resolve(RuntimeCheck.artifact(scala) + "-" + version + ".jar"),
                    dir.resolve("harness.classpath")));
        }
        for (Line line : lines) {
            if (!Files.isRegularFile(line.jar()) || !Files.isRegularFile(line.classPath())) {
                throw new IllegalStateException("the Scala " + line.scala() + " line's build is missing ("
                        + line.jar() + "): run 'mvn -B install -DskipTests' first, which builds both lines");
            }
        }
        return lines;
    }

    /** {@code runs} runs of each line, alternating; returns every run and the medians per line. */
    public ObjectNode run(int runs, Duration produceFor) {
        List<Line> lines = lines();
        ObjectNode result = JSON.createObjectNode();
        result.put("runs", runs).put("w2Seconds", produceFor.toSeconds());
        Map<String, ArrayNode> perLine = new HashMap<>();
        lines.forEach(line -> perLine.put(line.scala(), result.putArray(line.scala())));
        for (int i = 1; i <= runs; i++) {
            List<Line> order = new ArrayList<>(lines);
            if (i % 2 == 0) {
                Collections.reverse(order); // the lines alternate: neither always runs first
            }
            for (Line line : order) {
                out.printf("run %d of %d, Scala %s line ...%n", i, runs, line.scala());
                out.flush();
                JsonNode report = once(line, i, produceFor);
                perLine.get(line.scala()).add(report);
                out.printf("  Spark %s: broker ready %d ms, Spark ready %d ms, W2 %,d records: produced %,d/s,"
                        + " processed %,d/s (%,d processed)%n", report.get("spark").asText(),
                        report.get("brokerReadyMs").asLong(), report.get("sparkReadyMs").asLong(),
                        report.get("records").asLong(), report.get("producedPerSec").asLong(),
                        report.get("processedPerSec").asLong(), report.get("processed").asLong());
            }
        }
        ObjectNode medians = result.putObject("medians");
        for (Line line : lines) {
            ObjectNode m = medians.putObject(line.scala());
            for (String key : List.of("jvmToCallMs", "brokerReadyMs", "sparkReadyMs", "producedPerSec",
                    "processedPerSec")) {
                List<Long> values = new ArrayList<>();
                perLine.get(line.scala()).forEach(r -> values.add(r.get(key).asLong()));
                m.put(key, Math.round(Stats.of(values).median()));
            }
        }
        return result;
    }

    private JsonNode once(Line line, int run, Duration produceFor) {
        return ChildRun.mainReport("harness-" + line.scala() + "-" + run, List.of("-Xmx1g"),
                line.jar() + File.pathSeparator + read(line.classPath()), HarnessRun.class,
                List.of(Long.toString(produceFor.toSeconds())), logDir, "HARNESS ", produceFor.toSeconds() + 300);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
