package dev.kafkaspark.internal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A temporary directory that owns everything below it and removes it all on close. The directories still open are
 * known, so a process that has to stop without waiting for its parts ({@link #removeAllOpen()}) leaves none behind.
 */
public final class TempDir implements AutoCloseable {

    private static final Set<TempDir> OPEN = ConcurrentHashMap.newKeySet();

    private final Path path;
    private volatile boolean closed;

    private TempDir(Path path) {
        this.path = path;
    }

    /** Creates a fresh directory in the system temp dir, named with the given prefix. */
    public static TempDir create(String prefix) {
        try {
            TempDir dir = new TempDir(Files.createTempDirectory(prefix));
            OPEN.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp directory", e);
        }
    }

    /** The directory itself. */
    public Path path() {
        return path;
    }

    /** A subdirectory, created if needed. */
    public Path subdir(String name) {
        return subdir(path, name);
    }

    /** {@code parent/name}, created if needed. */
    static Path subdir(Path parent, String name) {
        try {
            return Files.createDirectories(parent.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + parent.resolve(name), e);
        }
    }

    /** Deletes the directory and everything in it; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deleteRecursively(path);
        } finally {
            OPEN.remove(this);
        }
    }

    /**
     * Removes every directory not yet closed, as well as it can (files may still be written by parts that did not
     * stop): for a process about to exit without waiting for its parts.
     *
     * @return how many directories it removed
     */
    public static int removeAllOpen() {
        int removed = 0;
        for (TempDir dir : List.copyOf(OPEN)) {
            try {
                dir.close();
                removed++;
            } catch (RuntimeException e) {
                // A part still writing: one more try is all a stopping process can give it.
                try {
                    deleteRecursively(dir.path);
                    removed++;
                } catch (RuntimeException ignored) {
                    // Reported by the caller's count.
                }
            }
        }
        return removed;
    }

    /** Deletes a file tree; a missing tree is fine. */
    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
