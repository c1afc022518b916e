package dev.kafkaspark.internal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkaspark.internal.demo.RunMetrics;
import dev.kafkaspark.internal.support.RuntimeCheck;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One workload in a fresh child JVM of this same jar, started as a user starts it: nothing loaded or compiled yet,
 * with the class cache when the launcher finds one (as on a user's second and later runs; the start-up workload also
 * runs without it). It runs a command with {@code --bench-report} and reads back the {@code BENCH {...}} line.
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
        String report = report(name, timeoutSeconds, Map.of(), out -> null, args);
        try {
            return JSON.readTree(report);
        } catch (IOException e) {
            throw new IllegalStateException("workload " + name + " printed a report that is not JSON: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A main class of this jar in a plain child JVM (no launcher, no class cache) with this run's JVM flags, to its
     * end, and the JSON of its last line that starts with {@code prefix}.
     */
    JsonNode main(String name, long timeoutSeconds, Class<?> main, String prefix, String... args) {
        List<String> jvm = new ArrayList<>(jvmArgs);
        jvm.add("-Ddemo.logfile=" + logDir.resolve("bench-children.log"));
        return mainReport(name, jvm, jar.toString(), main, List.of(args), logDir, prefix, timeoutSeconds);
    }

    /**
     * {@code java JVM_ARGS --add-opens... -cp CLASS_PATH MAIN ARGS} to its end (its output to
     * {@code logDir/bench-NAME.out}), and the JSON of its last line that starts with {@code prefix}.
     */
    static JsonNode mainReport(String name, List<String> jvmArgs, String classPath, Class<?> main, List<String> args,
            Path logDir, String prefix, long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        for (String opens : RuntimeCheck.requiredOpens()) {
            command.add("--add-opens=" + opens + "=ALL-UNNAMED");
        }
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(args);
        String report = reportOf(name, command, logDir.resolve("bench-" + name + ".out"), prefix, timeoutSeconds,
                Map.of(), out -> null);
        try {
            return JSON.readTree(report);
        } catch (IOException e) {
            throw new IllegalStateException(name + " printed a report that is not JSON: " + e.getMessage(), e);
        }
    }

    /** A demo run to its end, with extra environment variables, and its metrics. */
    RunMetrics demo(String name, long timeoutSeconds, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--web-port")) {
            all.add("--no-web"); // the workloads as defined: no page, unless a variant asks for one
        }
        return demo(name, timeoutSeconds, env, out -> null, all.toArray(String[]::new));
    }

    /**
     * A demo run with something beside it while it runs (open pages, say): {@code beside} gets the child's output
     * file as the child starts, and what it returns is closed when the child has ended.
     */
    RunMetrics demo(String name, long timeoutSeconds, Map<String, String> env,
            Function<Path, AutoCloseable> beside, String... args) {
        List<String> all = new ArrayList<>(List.of("demo"));
        all.addAll(List.of(args));
        return RunMetrics.fromJson(report(name, timeoutSeconds, env, beside, all.toArray(String[]::new)));
    }

    /** Runs the command to its end and returns the JSON of its {@code BENCH} line. */
    private String report(String name, long timeoutSeconds, Map<String, String> env,
            Function<Path, AutoCloseable> beside, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-Ddemo.logfile=" + logDir.resolve("bench-children.log"));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        command.add("--bench-report");
        return reportOf(name, command, logDir.resolve("bench-" + name + ".out"), "BENCH ", timeoutSeconds, env,
                beside);
    }

    /**
     * Runs a child JVM's command to its end (its output to {@code out}) and returns what follows {@code prefix} on
     * its last line that starts with it; a child that fails, hangs or prints no such line is a clear failure.
     */
    static String reportOf(String name, List<String> command, Path out, String prefix, long timeoutSeconds,
            Map<String, String> env, Function<Path, AutoCloseable> beside) {
        try {
            Files.createDirectories(out.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            try (AutoCloseable alongside = beside.apply(out)) {
                p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("workload " + name + ": " + e.getMessage(), e);
            }
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
                throw new IllegalStateException("workload " + name + " did not finish within " + timeoutSeconds
                        + " s (see " + out + ")");
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            String report = lines.stream().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElseThrow(
                    () -> new IllegalStateException("workload " + name + " printed no report (exit code "
                            + p.exitValue() + "; see " + out + ")"));
            if (p.exitValue() != 0) {
                throw new IllegalStateException("workload " + name + " failed with exit code " + p.exitValue()
                        + " (see " + out + ")");
            }
            return report.substring(prefix.length());
        } catch (IOException e) {
            throw new IllegalStateException("could not run workload " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during workload " + name, e);
        }
    }
}
