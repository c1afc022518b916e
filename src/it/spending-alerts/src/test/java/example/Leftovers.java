package example;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the environments of this run may leave behind: the ports they bound, threads, temp entries. */
final class Leftovers {

    /** Threads of Kafka, ZooKeeper, Spark and the library, by the names they give them (most are daemons). */
    static final Pattern COMPONENT_THREADS = Pattern.compile(".*(kafka|Kafka|zk|ZooKeeper|NIOServerCxn|SyncThread"
            + "|SessionTracker|ProcessThread|data-plane|controller|ExpirationReaper|ReplicaFetcher|LogDirFailure"
            + "|scheduler|dispatcher|Executor task launch|RecurringTimer|JobGenerator|spark|Spark|broker|heartbeat"
            + "|BlockManager|block-manager|shuffle|map-output|rpc|netty|Curator|adminclient|producer-network).*");

    static final Set<Integer> PORTS = ConcurrentHashMap.newKeySet();
    static volatile Set<Long> baselineThreads = Set.of();

    private Leftovers() {
    }

    static void rememberPorts(String... addressLists) {
        for (String list : addressLists) {
            for (String address : list.split(",")) {
                PORTS.add(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
            }
        }
    }

    static Path tempDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static void takeBaseline() throws IOException {
        Files.createDirectories(tempDir());
        baselineThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    /** Threads started since the baseline that are alive and are non-daemon or a component's. */
    static List<String> newThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !baselineThreads.contains(t.getId()))
                .filter(t -> !t.isDaemon() || COMPONENT_THREADS.matcher(t.getName()).matches())
                .map(Thread::getName).sorted().toList();
    }

    /**
     * Entries in the temp directory, but for the native libraries compression codecs unpack once per JVM (they stay
     * loaded, and the JVM deletes them at exit).
     */
    static Set<String> tempEntries() {
        String[] names = new File(tempDir().toString()).list();
        Set<String> entries = new TreeSet<>(names == null ? List.of() : Arrays.asList(names));
        entries.removeIf(n -> n.startsWith("liblz4-java-") || n.startsWith("snappy-") || n.startsWith("libzstd-jni-"));
        return entries;
    }
}
