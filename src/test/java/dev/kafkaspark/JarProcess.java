package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    /** Marks "standard input is a pipe the test writes to" for {@link #start}. */
    public static final Path PIPE = Path.of("<pipe>");

    /**
     * Starts the jar with the given arguments; standard input comes from {@code stdin}, from {@link #stdin()} when
     * it is {@link #PIPE}, or from nothing.
     */
    public static JarProcess start(Path work, Path stdin, String... args) {
        Path jar = Path.of(System.getProperty("demo.jar", "target/demo.jar")).toAbsolutePath();
        assertThat(jar).exists();
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(work), "proc-");
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                    "-Djava.io.tmpdir=" + tmp, "-Ddemo.logfile=" + dir.resolve("process.log"), "-jar",
                    jar.toString()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                    : stdin == PIPE ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(stdin.toFile()));
            return new JarProcess(pb.start(), tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        Pattern p = Pattern.compile(regex);
        Matcher[] found = new Matcher[1];
        await("a line matching " + regex).atMost(limit).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive() && !outReader.isAlive()) {
                throw new AssertionError("the process ended (exit " + process.exitValue() + ") without printing "
                        + regex + "\nstdout:\n" + String.join("\n", out()) + "\nstderr:\n" + String.join("\n", err()));
            }
            for (String line : out()) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    found[0] = m;
                    return true;
                }
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
        // Through the handle: Process.destroy() would also close our ends of its output streams.
        process.toHandle().destroy();
        return awaitExit(limit);
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
