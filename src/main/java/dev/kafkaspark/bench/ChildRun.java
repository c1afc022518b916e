package dev.kafkaspark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One workload in a fresh child JVM of this same jar, so every start is really cold: it runs a command with
 * {@code --bench-report} and reads back the {@code BENCH {...}} line it prints.
 */
final class ChildRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path jar;
    private final List<String> jvmArgs;
    private final Path logDir;

    ChildRun(Path jar, List<String> jvmArgs, Path logDir) {
        this.jar = jar;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.logDir = logDir;
    }

    /** The jar this program runs from, or a clear failure when it runs from classes. */
    static Path ownJar() {
        try {
            Path p = Path.of(ChildRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(p) || !p.toString().endsWith(".jar")) {
                throw new IllegalStateException("bench starts child JVMs of the packaged jar: run it as"
                        + " 'java -jar target/demo.jar bench' after 'mvn -B -q package -DskipTests'");
            }
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("could not find the jar this program runs from", e);
        }
    }

    /** Runs the command to its end (at most {@code timeoutSeconds}) and returns its report. */
    JsonNode run(String name, long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-Ddemo.logfile=" + logDir.resolve("bench-children.log"));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        command.add("--bench-report");
        try {
            Files.createDirectories(logDir);
            File out = logDir.resolve("bench-" + name + ".out").toFile();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                throw new IllegalStateException("workload " + name + " did not finish within " + timeoutSeconds
                        + " s (see " + out + ")");
            }
            List<String> lines = Files.readAllLines(out.toPath(), StandardCharsets.UTF_8);
            String report = lines.stream().filter(l -> l.startsWith("BENCH ")).reduce((a, b) -> b).orElseThrow(
                    () -> new IllegalStateException("workload " + name + " printed no report (exit code "
                            + p.exitValue() + "; see " + out + ")"));
            if (p.exitValue() != 0) {
                throw new IllegalStateException("workload " + name + " failed with exit code " + p.exitValue()
                        + " (see " + out + ")");
            }
            return JSON.readTree(report.substring("BENCH ".length()));
        } catch (IOException e) {
            throw new IllegalStateException("could not run workload " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during workload " + name, e);
        }
    }
}
