package dev.kafkaspark.internal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temp directory of this process's own, inside {@code java.io.tmpdir}, which becomes the process's
 * {@code java.io.tmpdir}: everything the run's parts put in "the temp directory" (brokers' and ZooKeeper's data,
 * Spark's block manager, a codec's native library, Kafka's scratch files) lands there, and it goes as a whole when
 * the process ends, however it ends: at exit, at a stop that does not wait, or (for the launcher's child, even one
 * that was killed) by the launcher once the child is gone.
 */
public final class RunTempDir {

    private static final String PREFIX = "kafka-spark-run-";
    private static Path installed;

    private RunTempDir() {
    }

    /**
     * Makes this process's directory and points {@code java.io.tmpdir} at it. Call it first, before anything creates
     * a temp file (the JDK reads the property once).
     */
    public static synchronized void install() {
        if (installed != null) {
            return;
        }
        Path dir = of(Path.of(System.getProperty("java.io.tmpdir")), ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the run's temp directory " + dir, e);
        }
        System.setProperty("java.io.tmpdir", dir.toString());
        installed = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(RunTempDir::remove, "run-temp-dir"));
    }

    /** The directory of the process with this pid inside {@code base}. */
    public static Path of(Path base, long pid) {
        return base.resolve(PREFIX + pid);
    }

    /** Removes this process's directory, as well as it can (a part may still be writing); nothing if none. */
    public static void remove() {
        Path dir;
        synchronized (RunTempDir.class) {
            dir = installed;
        }
        if (dir != null) {
            removeQuietly(dir);
        }
    }

    /** Removes a directory tree, ignoring what cannot be removed. */
    public static void removeQuietly(Path dir) {
        try {
            TempDir.deleteRecursively(dir);
        } catch (RuntimeException e) {
            // One more try: a file written while the tree was walked.
            try {
                TempDir.deleteRecursively(dir);
            } catch (RuntimeException ignored) {
                // What is left is in a directory named for the process.
            }
        }
    }
}
