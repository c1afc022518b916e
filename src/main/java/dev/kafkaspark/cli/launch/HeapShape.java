package dev.kafkaspark.cli.launch;

import java.util.List;

/**
 * The heap's shape the launcher gives its child when the user chose none, by the load it will carry. Java's default
 * starts the heap at 1/64 of the machine's memory (384 MiB on 24 GiB) with a third of it young, and the serial
 * collector collects the old generation only when it is full (docs/performance.md has the figures):
 * <ul>
 * <li>flat out, or a stream of unknown load: 256 MiB to start with, a fixed 128 MiB young generation. The default
 * filled 256 MiB of old generation with garbage before its first full collection: peak RSS 688-703 MiB under
 * {@code -Xmx512m}, against 609-628 MiB with this shape, at the same throughput;</li>
 * <li>the demo at a class's rates (below {@value #MODEST_RATE} records/s, the default 5 among them): 128 MiB to start
 * with, 48 MiB young, since a young generation is touched in full however little is allocated: 350 MiB of RSS
 * against 433 MiB.</li>
 * </ul>
 * Either way the old generation grows to the user's maximum when the live data needs it.
 */
final class HeapShape {

    static final double MODEST_RATE = 20_000;
    static final List<String> BUSY = List.of("-Xms256m", "-Xmn128m");
    static final List<String> MODEST = List.of("-Xms128m", "-Xmn48m");
    private static final long SMALLEST_MAX = 384L << 20;

    private HeapShape() {
    }

    /** The flags to add, given the JVM flags the user gave, the maximum heap they make, and the command line. */
    static List<String> flags(List<String> jvmArgs, long maxHeapBytes, Invocation invocation) {
        boolean own = jvmArgs.stream().anyMatch(a -> a.startsWith("-Xms") || a.startsWith("-Xmn")
                || a.matches("-XX:(InitialHeapSize|MinHeapSize|NewSize|MaxNewSize|NewRatio|OldSize)=.*"));
        if (own || maxHeapBytes < SMALLEST_MAX) {
            return List.of();
        }
        return invocation.demoRateBelow(MODEST_RATE) ? MODEST : BUSY;
    }
}
