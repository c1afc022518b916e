package dev.kafkaspark.internal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a component keeps its data: a temp directory removed on close (the default), or a directory the user named,
 * kept across restarts as the real start scripts keep theirs.
 */
public final class DataDir implements AutoCloseable {

    private final Path path;
    private final TempDir temporary;

    private DataDir(Path path, TempDir temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** A fresh temp directory, removed on close. */
    public static DataDir temporary(String prefix) {
        TempDir dir = TempDir.create(prefix);
        return new DataDir(dir.path(), dir);
    }

    /** A directory that stays (created if missing). */
    public static DataDir kept(Path dir) {
        try {
            return new DataDir(Files.createDirectories(dir).toAbsolutePath(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + dir + " as a data directory: " + e.getMessage(), e);
        }
    }

    /** {@code kept(parent/name)} when a parent is given, else {@code temporary(prefix)}. */
    public static DataDir of(Path parent, String name, String prefix) {
        return parent == null ? temporary(prefix) : kept(parent.resolve(name));
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /** Whether it stays after close. */
    public boolean isKept() {
        return temporary == null;
    }

    /** A subdirectory, created if needed. */
    public Path subdir(String name) {
        return TempDir.subdir(path, name);
    }

    /** Removes a temporary directory; leaves a kept one. */
    @Override
    public void close() {
        if (temporary != null) {
            temporary.close();
        }
    }
}
