package dev.kafkaspark.cli.launch;

import java.util.List;

/**
 * The heap's shape the launcher gives its child when the user chose none: 256 MiB to start with, of which a fixed
 * 128 MiB young generation. Java's default starts the heap at 1/64 of the machine's memory (384 MiB on 24 GiB), and the
 * serial collector only collects its old generation when that is full, so a flat-out run filled 256 MiB of old
 * generation with garbage before its first full collection: peak RSS 688-703 MiB under {@code -Xmx512m}, against
 * 609-628 MiB with this shape at the same throughput (docs/performance.md). The old generation still grows to the
 * user's maximum when the live data needs it.
 */
final class HeapShape {

    static final List<String> FLAGS = List.of("-Xms256m", "-Xmn128m");
    private static final long SMALLEST_MAX = 384L << 20;

    private HeapShape() {
    }

    /** The flags to add, given the JVM flags the user gave and the maximum heap they make. */
    static List<String> flags(List<String> jvmArgs, long maxHeapBytes) {
        boolean own = jvmArgs.stream().anyMatch(a -> a.startsWith("-Xms") || a.startsWith("-Xmn")
                || a.matches("-XX:(InitialHeapSize|MinHeapSize|NewSize|MaxNewSize|NewRatio|OldSize)=.*"));
        return own || maxHeapBytes < SMALLEST_MAX ? List.of() : FLAGS;
    }
}
