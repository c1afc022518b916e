package dev.kafkaspark.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import sun.misc.Signal;

/**
 * Start-up on 2 cores is mostly loading and verifying Kafka's, Spark's and Scala's classes. A class-data-sharing
 * archive of them (AppCDS) saves about 1.5 s, but needs a JVM flag, and {@code java -jar target/demo.jar} takes none.
 * So for the long-starting commands ({@code demo}, {@code stream}) this launcher runs the program in a child JVM with
 * the archive: the first run writes it (to {@code ~/.cache/kafka-spark-demo}, about 100 MB, keyed by the jar's size
 * and time), later runs map it. The parent passes its own start time on, so every figure still counts from the moment
 * the user started the program; it forwards SIGTERM and returns the child's exit code. Set
 * {@code KAFKA_SPARK_DEMO_CDS=off} (or {@code -Ddemo.cds=off}) to run in one JVM.
 */
public final class Launcher {

    static final String LAUNCHED = "demo.launched";
    static final String START = "demo.launcher.start";
    static final String SAVING = "demo.cds.saving";

    private Launcher() {
    }

    /** A line for the console when this run is the one saving the class cache, or {@code null}. */
    public static String savingNotice() {
        String dir = System.getProperty(SAVING);
        return dir == null ? null : "first start of this build: it also saves a class cache (about 100 MB, in " + dir
                + ") that makes later starts about 1.5 s faster; saving it adds a few seconds at exit";
    }

    /** Runs the program in a child JVM when that helps; returns its exit code, or empty to run in this JVM. */
    static Optional<Integer> relaunch(String[] args, Invocation invocation) {
        if (System.getProperty(LAUNCHED) != null || "off".equalsIgnoreCase(System.getProperty("demo.cds"))
                || "off".equalsIgnoreCase(System.getenv("KAFKA_SPARK_DEMO_CDS")) || !invocation.longStart()) {
            return Optional.empty();
        }
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (jvmArgs.stream().anyMatch(a -> a.contains("SharedArchiveFile") || a.contains("ArchiveClassesAtExit")
                || a.startsWith("-Xshare:off") || a.startsWith("-agentlib") || a.startsWith("-javaagent")
                || a.contains("StartFlightRecording"))) {
            return Optional.empty();
        }
        Optional<Path> jar = ownJar();
        Optional<Path> cache = cacheDir();
        if (jar.isEmpty() || cache.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path archive = cache.get().resolve("classes-" + Files.size(jar.get()) + "-"
                    + Files.getLastModifiedTime(jar.get()).toMillis() + ".jsa");
            boolean create = !Files.exists(archive);
            Path writing = cache.get().resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmArgs);
            command.add("-D" + LAUNCHED + "=true");
            command.add("-D" + START + "=" + ManagementFactory.getRuntimeMXBean().getStartTime());
            command.add("-Xshare:auto");
            command.add("-Xlog:cds=off,cds+dynamic=off");
            if (create) {
                command.add("-XX:ArchiveClassesAtExit=" + writing);
                command.add("-D" + SAVING + "=" + cache.get());
            } else {
                command.add("-XX:SharedArchiveFile=" + archive);
            }
            command.add("-jar");
            command.add(jar.get().toString());
            command.addAll(List.of(args));
            Process child = new ProcessBuilder(command).inheritIO().start();
            // Ctrl-C reaches the child from the terminal itself; only SIGTERM, sent to this process alone, is passed.
            Signal.handle(new Signal("INT"), s -> { });
            Signal.handle(new Signal("TERM"), s -> child.toHandle().destroy());
            int code = child.waitFor();
            if (create && Files.exists(writing)) {
                // Only a run that went all the way loaded every class a demo needs; keep its archive only.
                try {
                    if (code == 0) {
                        Files.move(writing, archive, StandardCopyOption.ATOMIC_MOVE);
                        keepNewest(cache.get(), 2);
                    }
                } finally {
                    Files.deleteIfExists(writing);
                }
            }
            return Optional.of(code);
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }

    /** Deletes all but the newest {@code keep} archives (each build of the jar makes its own). */
    private static void keepNewest(Path cache, int keep) throws IOException {
        List<Path> archives;
        try (var files = Files.list(cache)) {
            archives = files.filter(f -> f.getFileName().toString().matches("classes-.*\\.jsa"))
                    .sorted((a, b) -> Long.compare(b.toFile().lastModified(), a.toFile().lastModified())).toList();
        }
        for (Path old : archives.subList(Math.min(keep, archives.size()), archives.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static Optional<Path> ownJar() {
        try {
            Path p = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = base.resolve("kafka-spark-demo");
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir) ? Optional.of(dir) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
