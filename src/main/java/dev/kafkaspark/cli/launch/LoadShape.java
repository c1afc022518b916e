package dev.kafkaspark.cli.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags the launcher gives its child, by the load it will carry, where the user chose none of their own
 * (docs/performance.md has the figures). The load is known before the child starts: the demo's producer rate. Below
 * {@value #MODEST_RATE} records/s (a class's rates, the default 5 among them) the demo is bound by its start; flat
 * out, or a stream of unknown load, by its throughput.
 *
 * <p>The heap. Java's default starts it at 1/64 of the machine's memory (384 MiB on 24 GiB) with a third of it young,
 * and the serial collector collects the old generation only when it is full:
 * <ul>
 * <li>busy: 256 MiB to start with, a fixed 128 MiB young generation. The default filled 256 MiB of old generation
 * with garbage before its first full collection: peak RSS 688-703 MiB under {@code -Xmx512m}, against 609-628 MiB
 * with this shape, at the same throughput;</li>
 * <li>modest: 128 MiB to start with, 48 MiB young, since a young generation is touched in full however little is
 * allocated: 350 MiB of RSS against 433 MiB.</li>
 * </ul>
 * Either way the old generation grows to the user's maximum when the live data needs it.
 *
 * <p>The compilers. At modest rates, the C1 compiler only: on two cores the C2 compiler's work at start competes with
 * the broker's and Spark's start, and its faster code never pays that back at these rates. The first batch came
 * 1.0-1.4 s sooner (W1), and at 10,000 records/s (W4) the run took a third less CPU and 50 MiB less memory, with p99
 * latencies no worse. Flat out C2 is worth it: 484-513k records/s against 417k with C1 only (W2).
 */
final class LoadShape {

    static final double MODEST_RATE = 20_000;
    static final List<String> BUSY = List.of("-Xms256m", "-Xmn128m");
    static final List<String> MODEST = List.of("-Xms128m", "-Xmn48m");
    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final long SMALLEST_MAX = 384L << 20;

    private LoadShape() {
    }

    /** The flags to add, given the JVM flags the user gave, the maximum heap they make, and the command line. */
    static List<String> flags(List<String> jvmArgs, long maxHeapBytes, Invocation invocation) {
        boolean modest = invocation.demoRateBelow(MODEST_RATE);
        List<String> flags = new ArrayList<>();
        boolean ownHeap = jvmArgs.stream().anyMatch(a -> a.startsWith("-Xms") || a.startsWith("-Xmn")
                || a.matches("-XX:(InitialHeapSize|MinHeapSize|NewSize|MaxNewSize|NewRatio|OldSize)=.*"));
        if (!ownHeap && maxHeapBytes >= SMALLEST_MAX) {
            flags.addAll(modest ? MODEST : BUSY);
        }
        boolean ownCompilers = jvmArgs.stream().anyMatch(a -> a.matches("-Xint|-Xcomp|-Xmixed")
                || a.matches("-XX:(TieredStopAtLevel=.*|[+-]TieredCompilation|CICompilerCount=.*)"));
        if (modest && !ownCompilers) {
            flags.add(C1_ONLY);
        }
        return flags;
    }
}
