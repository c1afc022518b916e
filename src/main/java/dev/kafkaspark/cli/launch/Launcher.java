package dev.kafkaspark.cli.launch;

import dev.kafkaspark.cli.Cli;
import dev.kafkaspark.cli.Main;
import dev.kafkaspark.internal.support.RunTempDir;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import sun.misc.Signal;

/**
 * Start-up on 2 cores is mostly loading and verifying Kafka's, Spark's and Scala's classes. A class-data-sharing
 * archive of them (AppCDS) saves about 1.5 s, but needs a JVM flag, and {@code java -jar target/demo.jar} takes none.
 * So for the long-starting commands ({@code demo}, {@code stream}) this launcher runs the program in a child JVM with
 * the archive ({@code jps -l} shows it as {@code dev.kafkaspark.cli.Main}, the launcher as the jar): the first run
 * writes it (to {@code ~/.cache/kafka-spark-demo}, about 100 MB, keyed by the jar's size and time), later runs map it.
 *
 * <p>The two JVMs behave as one program. The launcher passes its start time on, so every figure counts from the
 * moment the user started the program, and returns the child's exit code. Every stop signal the launcher gets
 * (SIGINT, SIGTERM, SIGHUP) goes to the child as one byte on its standard input, which the child reads as a stop
 * request ({@link ParentLink}); the child itself ignores SIGINT and SIGHUP, which a terminal sends to both JVMs, so
 * Ctrl-C counts once. When the launcher dies, the child sees its standard input end and stops at once. Once the
 * child has started, the launcher never runs the program itself. Set {@code KAFKA_SPARK_DEMO_CDS=off} (or
 * {@code -Ddemo.cds=off}) to run in one JVM.
 */
public final class Launcher {

    static final String LAUNCHED = "demo.launched";
    static final String START = "demo.launcher.start";
    static final String SAVING = "demo.cds.saving";
    private static final String[] STOP_SIGNALS = {"INT", "TERM", "HUP"};
    private static final String SHARE = "-Xshare:auto";
    private static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";

    private Launcher() {
    }

    /** A line for the console when this run is the one saving the class cache. */
    public static Optional<String> savingNotice() {
        String dir = System.getProperty(SAVING);
        return Optional.ofNullable(dir).map(d -> "first start of this build: it also saves a class cache (about"
                + " 100 MB, in " + d + ") that makes later starts about 1.5 s faster; saving it adds a few seconds"
                + " at exit");
    }

    /** Whether this JVM is the launcher's child. */
    static boolean isChild() {
        return System.getProperty(LAUNCHED) != null;
    }

    /** Runs the program in a child JVM when that helps; returns its exit code, or empty to run in this JVM. */
    public static Optional<Integer> relaunch(String[] args, Invocation invocation) {
        if (isChild() || "off".equalsIgnoreCase(System.getProperty("demo.cds"))
                || "off".equalsIgnoreCase(System.getenv("KAFKA_SPARK_DEMO_CDS")) || !invocation.longStart()) {
            return Optional.empty();
        }
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (jvmArgs.stream().anyMatch(a -> a.contains("SharedArchiveFile") || a.contains("ArchiveClassesAtExit")
                || a.startsWith("-Xshare:off") || a.startsWith("-agentlib") || a.startsWith("-javaagent")
                || a.contains("StartFlightRecording"))) {
            return Optional.empty(); // The user's own JVM flags (a profiler, a recording) must reach the program.
        }
        Optional<Path> jar = ownJar();
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> built = builtArchive(jar.get());
        Optional<Path> cache = built.isPresent() ? Optional.empty() : cacheDir();
        if (built.isEmpty() && cache.isEmpty()) {
            return Optional.empty();
        }
        Path archive;
        List<String> command;
        Path writing;
        try {
            if (built.isPresent()) {
                // Made by the build for this very jar: the first run is as fast as any other.
                archive = built.get();
                writing = null;
            } else {
                archive = cache.get().resolve("classes-" + Files.size(jar.get()) + "-"
                        + Files.getLastModifiedTime(jar.get()).toMillis() + ".jsa");
                writing = Files.exists(archive) ? null
                        : cache.get().resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            }
            command = command(jar.get(), jvmArgs, archive, writing, cache.orElse(null), invocation, args);
        } catch (IOException e) {
            warn("running without the class cache: " + e.toString());
            return Optional.empty();
        }
        Process child;
        try {
            child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            warn("could not start the child JVM, running in this one: " + e.toString());
            return Optional.empty();
        }
        // From here on the child is the program: whatever happens in this JVM, it never runs the program too.
        try {
            return Optional.of(superviseChild(child, writing, archive, cache.orElse(null)));
        } catch (RuntimeException | Error e) {
            child.destroy();
            System.err.println("error: the launcher failed (" + e + "); the program was stopped");
            return Optional.of(Cli.FAILURE);
        }
    }

    private static List<String> command(Path jar, List<String> jvmArgs, Path archive, Path writing, Path cache,
            Invocation invocation, String[] args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        // The child runs from the class path, not -jar, so jps and ps name it by its main class; the packages Spark
        // reaches into are opened here as the jar's manifest opens them for the launcher.
        command.addAll(addOpens(jar));
        command.add("-D" + LAUNCHED + "=" + ProcessHandle.current().pid());
        command.add("-D" + START + "=" + ManagementFactory.getRuntimeMXBean().getStartTime());
        if (jvmArgs.stream().noneMatch(a -> a.matches("-XX:[+-]Use\\w+GC"))) {
            // The serial collector: on the heaps a demo runs with (-Xmx512m in bench) G1's own structures cost about
            // 60 MB of native memory (NMT, "GC"), which is most of what stood between the demo and 750 MB of RSS;
            // its pauses at this heap size stay far below a batch interval. A GC flag of the user's own wins.
            command.add("-XX:+UseSerialGC");
        }
        command.addAll(LoadShape.flags(jvmArgs, Runtime.getRuntime().maxMemory(), invocation));
        if (writing != null) {
            command.addAll(List.of(SHARE, QUIET, "-XX:ArchiveClassesAtExit=" + writing, "-D" + SAVING + "=" + cache));
        } else {
            command.addAll(mapping(archive));
        }
        command.add("-cp");
        command.add(jar.toString());
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> addOpens(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            String opens = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue("Add-Opens");
            List<String> flags = new ArrayList<>();
            if (opens != null) {
                for (String pkg : opens.trim().split("\\s+")) {
                    flags.add("--add-opens=" + pkg + "=ALL-UNNAMED");
                }
            }
            return flags;
        }
    }

    private static int superviseChild(Process child, Path writing, Path archive, Path cache) {
        OutputStream toChild = child.getOutputStream();
        for (String name : STOP_SIGNALS) {
            Signal.handle(new Signal(name), s -> ParentLink.sendStop(toChild, s.getNumber()));
        }
        int code;
        try {
            code = child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return 130;
        } finally {
            // What the child left in its temp directory (it was killed, or stopped without waiting) goes now.
            RunTempDir.removeQuietly(RunTempDir.of(Path.of(System.getProperty("java.io.tmpdir")), child.pid()));
        }
        if (writing != null && Files.exists(writing)) {
            // Only a run that went all the way loaded every class a demo needs; keep its archive only.
            try {
                if (code == 0) {
                    Files.move(writing, archive, StandardCopyOption.ATOMIC_MOVE);
                    keepNewest(cache, 2);
                }
            } catch (IOException e) {
                warn("could not keep the class cache: " + e.toString());
            } finally {
                try {
                    Files.deleteIfExists(writing);
                } catch (IOException e) {
                    warn("could not remove " + writing + ": " + e);
                }
            }
        }
        return code;
    }

    /**
     * A problem of the launcher itself, on standard error: it runs before logging is set up, and loading a logging
     * framework here would cost the start-up time the launcher exists to save.
     */
    private static void warn(String message) {
        System.err.println("warning: " + message);
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

    /**
     * The JVM flags that load this jar's classes from the class cache the build made beside it ({@link #builtArchive}),
     * or none when there is no current one: what the launcher gives its child, and what a JVM that runs one of the
     * jar's tools can take too.
     */
    public static List<String> builtCacheFlags(Path jar) {
        return builtArchive(jar).map(Launcher::mapping).orElse(List.of());
    }

    private static List<String> mapping(Path archive) {
        return List.of(SHARE, QUIET, "-XX:SharedArchiveFile=" + archive);
    }

    /**
     * The archive the build made beside the jar ({@code demo.jar} -> {@code demo.jsa}), if it is at least as new as
     * the jar. The JVM checks the jar's size and time itself and ignores an archive made for another jar, so a stale
     * one only costs the cache, never correctness.
     */
    static Optional<Path> builtArchive(Path jar) {
        String name = jar.getFileName().toString();
        Path archive = jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
        try {
            return Files.isRegularFile(archive) && Files.getLastModifiedTime(archive).compareTo(
                    Files.getLastModifiedTime(jar)) >= 0 && madeByThisJvm(archive) ? Optional.of(archive)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the archive's header names this JVM's version. The build may run on another Java than the user's
     * {@code java}; that JVM would ignore the archive, and the launcher should then make a cache of its own instead.
     */
    private static boolean madeByThisJvm(Path archive) throws IOException {
        byte[] head = new byte[4096];
        int n;
        try (var in = Files.newInputStream(archive)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("(" + System.getProperty("java.vm.version") + ")");
    }

    private static Optional<Path> ownJar() {
        try {
            Path p = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty(); // Run from classes (an IDE, a test): no jar to relaunch, nothing to report.
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
            warn("no class cache (cannot write " + dir + "): " + e);
            return Optional.empty();
        }
    }
}
