package dev.kafkaspark.cli;

import dev.kafkaspark.internal.support.DataDir;

/** How the commands say where a component's data is, and what happens to it at exit. */
final class DataNotes {

    private DataNotes() {
    }

    static String where(DataDir dir) {
        return dir.isKept() ? "data kept in " + dir.path() + " (start again with the same --data-dir to continue)"
                : "data in a temp directory, removed at exit (--data-dir DIR keeps it)";
    }

    static String after(DataDir dir) {
        return dir.isKept() ? "its data stays in " + dir.path() : "its files are removed";
    }
}
