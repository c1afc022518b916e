package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kafkaspark.cli.launch.Invocation;
import dev.kafkaspark.cli.launch.Launcher;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar target/demo.jar ...} in a child process, as a user runs it: its own temp directory and log file
 * under a work directory, standard output and error collected line by line.
 */
public final class JarProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());
    private final Thread outReader;
    private final Thread errReader;
    private final Path tmp;

    private JarProcess(Process process, Path tmp) {
        this.process = process;
        this.tmp = tmp;
        this.outReader = pump(process.getInputStream(), out, "out");
        this.errReader = pump(process.getErrorStream(), err, "err");
    }

    /** Where the jar's class cache goes in tests (below target/, removed with it). */
    static final Path CLASS_CACHE = Path.of("target", "it-class-cache").toAbsolutePath();

    /**
     * The JVM flags of the processes tests start. Short-lived JVMs on 2 cores: the C1 compiler alone and the serial
     * collector cost a third less CPU than the defaults, and the launcher passes them on to its child. The program's
     * behaviour is the same; its speed is measured by bench, as users run it.
     */
    public static final List<String> SHORT_LIVED_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** {@code -Djar.echo=true}: every child's lines also go to the test's output, with the time they came. */
    private static final boolean ECHO = Boolean.getBoolean("jar.echo");

    /** Marks "standard input is a pipe the test writes to" for {@link #start}. */
    public static final Path PIPE = Path.of("<pipe>");

    /**
     * Starts the jar with the given arguments; standard input comes from {@code stdin}, from {@link #stdin()} when
     * it is {@link #PIPE}, or from nothing.
     */
    public static JarProcess start(Path work, Path stdin, String... args) {
        return start(work, stdin, false, args);
    }

    /**
     * Starts the jar in a pseudo-terminal ({@code script} from util-linux), as a person in a terminal would: bytes
     * written to {@link #stdin()} are typed, so {@code 0x03} is Ctrl-C, which the terminal turns into SIGINT for the
     * whole foreground process group. Output lines end in {@code \r}.
     */
    public static JarProcess startInTerminal(Path work, String... args) {
        return start(work, PIPE, true, args);
    }

    private static JarProcess start(Path work, Path stdin, boolean terminal, String... args) {
        Path jar = Path.of(System.getProperty("demo.jar", "target/demo.jar")).toAbsolutePath();
        assertThat(jar).exists();
        List<String> javaArgs = new ArrayList<>();
        if (!Invocation.of(args).longStart()) {
            // The tools (zookeeper, broker, topics, ...) run in the JVM the user starts, which loads Kafka's classes
            // from the jar; here they load them from the class cache the build made for this jar, as the demo's child
            // does: a broker starts in about half the time and CPU (2.9 s against 4.1 s of CPU). The demo and the
            // stream are left to their launcher, which the tests are about.
            javaArgs.addAll(Launcher.builtCacheFlags(jar));
        }
        javaArgs.addAll(List.of("-jar", jar.toString()));
        javaArgs.addAll(List.of(args));
        return startJava(work, stdin, terminal, Map.of(), javaArgs);
    }

    /**
     * Starts {@code java} with the given arguments (a main class and its class path, say) and environment additions,
     * with the same temp directory, log file and output capture as the jar's runs.
     */
    public static JarProcess startJava(Path work, Map<String, String> env, List<String> javaArgs) {
        return startJava(work, null, false, env, javaArgs);
    }

    private static JarProcess startJava(Path work, Path stdin, boolean terminal, Map<String, String> env,
            List<String> javaArgs) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(work), "proc-");
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            List<String> command = new ArrayList<>(SigInt.RESET);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(SHORT_LIVED_JVM);
            command.addAll(List.of("-Xmx768m",
                    "-Djava.io.tmpdir=" + tmp, "-Ddemo.logfile=" + dir.resolve("process.log")));
            command.addAll(javaArgs);
            if (terminal) {
                // -e: script exits with the program's exit code; -f: output is flushed as it comes. script runs the
                // command with $SHELL -c; exec replaces that shell, which otherwise (dash, the usual /bin/sh) stays
                // in the foreground group, dies of the terminal's SIGINT and makes script exit 130 whatever the
                // program did.
                command = List.of("script", "-q", "-e", "-f", "-c", "exec " + String.join(" ", command),
                        "/dev/null");
            }
            ProcessBuilder pb = new ProcessBuilder(command);
            // The launcher's class cache goes under target/, never into the user's home.
            pb.environment().put("XDG_CACHE_HOME", CLASS_CACHE.toString());
            pb.environment().putAll(env);
            if (terminal) {
                pb.environment().put("SHELL", "/bin/sh"); // the same shell for script wherever the test runs
            }
            pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                    : stdin == PIPE ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(stdin.toFile()));
            return new JarProcess(pb.start(), tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIGINT as a person's terminal has it. A build started in the background by a script runs with SIGINT ignored,
     * every child inherits that, and a JVM started so never sees Ctrl-C (it cannot undo it). The processes are then
     * started through {@code env --default-signal=INT}, which sets SIGINT back to its default before the JVM starts.
     */
    public static final class SigInt {

        /** The command prefix that gives a started process SIGINT's default handling (empty when it has it anyway). */
        static final List<String> RESET;
        /** Why SIGINT cannot reach the started processes, or {@code null} when it can. */
        public static final String UNAVAILABLE;

        static {
            List<String> reset = List.of();
            String unavailable = null;
            if (ignoredHere()) {
                reset = List.of("env", "--default-signal=INT");
                if (!works(reset)) {
                    unavailable = "SIGINT is ignored in this build's process (started in the background by a script?)"
                            + " and 'env --default-signal' (GNU coreutils 8.31 or later) is not here to undo it for"
                            + " the processes the test starts";
                    reset = List.of();
                }
            }
            RESET = reset;
            UNAVAILABLE = unavailable;
        }

        private SigInt() {
        }

        /** Whether this JVM was started with SIGINT ignored ({@code SigIgn} in {@code /proc/self/status}). */
        static boolean ignoredHere() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("SigIgn:")) {
                        return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (2 - 1))) != 0;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return false;
            }
            return false;
        }

        private static boolean works(List<String> prefix) {
            try {
                List<String> probe = new ArrayList<>(prefix);
                probe.add("true");
                Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
                return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Runs the jar to its end (at most {@code limit}) and returns the finished process. */
    public static JarProcess run(Path work, Path stdin, Duration limit, String... args) {
        JarProcess p = start(work, stdin, args);
        p.awaitExit(limit);
        return p;
    }

    private static Thread pump(java.io.InputStream in, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    if (ECHO) {
                        System.out.println(java.time.LocalTime.now() + " " + name + " " + line);
                    }
                }
            } catch (IOException e) {
                lines.add("<<read failed: " + e + ">>");
            }
        }, "jar-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for a line of standard output matching the pattern and returns its match. */
    public Matcher awaitLine(String regex, Duration limit) {
        return awaitLine(regex, limit, true);
    }

    /** Waits for a line of standard error matching the pattern (a log line of Spark's own programs, say). */
    public Matcher awaitErrLine(String regex, Duration limit) {
        return awaitLine(regex, limit, false);
    }

    private Matcher awaitLine(String regex, Duration limit, boolean stdout) {
        Pattern p = Pattern.compile(regex);
        Matcher[] found = new Matcher[1];
        await("a line matching " + regex).atMost(limit).pollInterval(Duration.ofMillis(50)).until(() -> {
            boolean ended = !process.isAlive() && !(stdout ? outReader : errReader).isAlive();
            for (String line : stdout ? out() : err()) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    found[0] = m;
                    return true;
                }
            }
            if (ended) {
                throw new AssertionError("the process ended (exit " + process.exitValue() + ") without printing "
                        + regex + "\nstdout:\n" + String.join("\n", out()) + "\nstderr:\n" + String.join("\n", err()));
            }
            return false;
        });
        return found[0];
    }

    /** The process's standard input (when started with {@link #PIPE}). */
    public java.io.OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Waits for the process to end and for its output to be read. */
    public int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the process did not end within " + limit + "\nstdout:\n"
                        + String.join("\n", out()) + "\nstderr:\n" + String.join("\n", err()));
            }
            outReader.join(5000);
            errReader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return process.exitValue();
    }

    /** Asks the process to stop as Ctrl-C would (SIGTERM, which the program handles the same way) and waits. */
    public int stop(Duration limit) {
        requestStop();
        return awaitExit(limit);
    }

    /** Asks the process to stop (SIGTERM) without waiting, for several processes stopped at once. */
    public void requestStop() {
        // Through the handle: Process.destroy() would also close our ends of its output streams.
        process.toHandle().destroy();
    }

    /** Sends a signal ({@code INT}, {@code TERM}, {@code HUP}, {@code KILL}) to this process, as {@code kill} does. */
    public void signal(String name) {
        signal(process.pid(), name);
    }

    /** Sends a signal to any process, as {@code kill -NAME pid} does. */
    public static void signal(long pid, String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).as("kill -" + name + " " + pid).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The process itself, for its pid and its children. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** The exit code (the process must have ended). */
    public int exitCode() {
        return process.exitValue();
    }

    /** Standard output so far. */
    public List<String> out() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /** Standard error so far. */
    public List<String> err() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    /** Everything printed, for failure messages. */
    public String transcript() {
        return "stdout:\n" + String.join("\n", out()) + "\nstderr:\n" + String.join("\n", err());
    }

    /** The process's log file as it is now. */
    public String log() {
        try {
            Path log = tmp.getParent().resolve("process.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the process left nothing in its temp directory. */
    public void assertTempDirEmpty() {
        try (var left = Files.list(tmp)) {
            assertThat(left).as("files left in the process's temp directory").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process if it is still running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
