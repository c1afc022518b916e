package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a run may leave behind: files in the temp directory, non-daemon threads, and this project's own threads (they
 * are daemons, so they are matched by name, as Kafka's test utilities do). Snapshot, run, compare.
 */
public final class Leaks {

    private final Set<String> tempEntries;
    private final Set<String> nonDaemonThreads;

    private Leaks() {
        this.tempEntries = tempEntries();
        this.nonDaemonThreads = nonDaemonThreads();
    }

    /** Takes the "before" picture. */
    public static Leaks snapshot() {
        return new Leaks();
    }

    /** The temp directory's entries now, as names. */
    public static Set<String> tempEntries() {
        String[] names = new File(System.getProperty("java.io.tmpdir")).list();
        return names == null ? Set.of() : new TreeSet<>(Arrays.asList(names));
    }

    /** Names of the threads this project starts; they are daemons, so only their names give them away. */
    private static final java.util.regex.Pattern OWN_THREADS = java.util.regex.Pattern.compile(
            "broker-\\d+-start|demo-scenario|live-status|partition-watcher|spark-init|synthetic-producer.*"
                    + "|launcher-link|events-.*");

    static Set<String> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (!t.isDaemon() || OWN_THREADS.matcher(t.getName()).matches()))
                .map(t -> t.getName() + "#" + t.getId()).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Asserts nothing new is left in the temp directory. Native libraries that compression codecs unpack once per JVM
     * (lz4, snappy, zstd) are not counted: they stay loaded until the JVM exits, which deletes them; the jar's own
     * test checks that a whole process leaves its temp directory empty.
     */
    public void assertNoTempFilesLeft() {
        Set<String> now = tempEntries();
        now.removeAll(tempEntries);
        now.removeIf(Leaks::nativeLibrary);
        assertThat(now).as("entries left in %s", System.getProperty("java.io.tmpdir")).isEmpty();
    }

    /** A native library a compression codec unpacks once per JVM (lz4, snappy, zstd), deleted when the JVM exits. */
    public static boolean nativeLibrary(String tempEntry) {
        return tempEntry.startsWith("liblz4-java-") || tempEntry.startsWith("snappy-")
                || tempEntry.startsWith("libzstd-jni-");
    }

    /** Waits (up to 15 s) until no non-daemon thread, and none of this project's, started since the snapshot lives. */
    public void assertNoThreadsLeft() {
        await("non-daemon threads to end").pollInSameThread().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    Set<String> now = nonDaemonThreads();
                    now.removeAll(nonDaemonThreads);
                    assertThat(now).as("threads still alive").isEmpty();
                });
    }
}
