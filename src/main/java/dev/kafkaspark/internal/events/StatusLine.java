package dev.kafkaspark.internal.events;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The arithmetic and the text of the demo's live status line, kept free of I/O so it can be tested alone. */
public final class StatusLine {

    /** The widest line the console gets. */
    public static final int WIDTH = 80;

    private StatusLine() {
    }

    /** Events per second over an interval; 0 when no time passed. */
    public static double perSecond(long delta, long millis) {
        return millis <= 0 ? 0 : delta * 1000.0 / millis;
    }

    /**
     * Consumer lag per partition: log end offset minus the offset the group has reached (0 where it has none yet),
     * never below 0. Sorted by partition.
     */
    public static Map<Integer, Long> lag(Map<Integer, Long> endOffsets, Map<Integer, Long> reached) {
        Map<Integer, Long> lag = new TreeMap<>();
        endOffsets.forEach((p, end) -> lag.put(p, Math.max(0, end - reached.getOrDefault(p, 0L))));
        return lag;
    }

    /**
     * The status line, at most {@link #WIDTH} characters; per-partition lag is left out when it does not fit, and shown
     * as {@code ?} when it is not known ({@code lag} null).
     */
    public static String format(double producedPerSecond, double processedPerSecond, Map<Integer, Long> lag,
            long processingMillis, long schedulingDelayMillis) {
        if (lag == null) {
            return String.format(Locale.ROOT, "    in %s/s  out %s/s  lag ?  took %s  wait %s",
                    compact(producedPerSecond), compact(processedPerSecond), seconds(processingMillis),
                    seconds(schedulingDelayMillis));
        }
        long total = lag.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder parts = new StringBuilder();
        new TreeMap<>(lag).forEach((p, l) -> parts.append(parts.length() == 0 ? "" : " ").append('p').append(p).append(' ')
                .append(l));
        String head = String.format(Locale.ROOT, "    in %s/s  out %s/s  lag %,d", compact(producedPerSecond),
                compact(processedPerSecond), total);
        String tail = String.format(Locale.ROOT, "  took %s  wait %s", seconds(processingMillis),
                seconds(schedulingDelayMillis));
        String withPartitions = head + " (" + parts + ")" + tail;
        if (lag.size() > 1 && withPartitions.length() <= WIDTH) {
            return withPartitions;
        }
        String line = head + tail;
        return line.length() <= WIDTH ? line : line.substring(0, WIDTH);
    }

    /** A rate with a k or M suffix past a thousand: {@code 5}, {@code 12.3k}, {@code 1.05M}. */
    public static String compact(double v) {
        if (v >= 999_500) {
            return String.format(Locale.ROOT, "%.2fM", v / 1_000_000);
        }
        if (v >= 999.5) {
            return String.format(Locale.ROOT, "%.1fk", v / 1000);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String seconds(long millis) {
        return millis < 0 ? "?" : String.format(Locale.ROOT, "%.2fs", millis / 1000.0);
    }

    /**
     * Whether Spark is falling behind: the scheduling delay grew over the last three batches and is now longer than
     * the batch interval.
     */
    public static boolean fallingBehind(long[] lastDelays, long intervalMillis) {
        if (lastDelays.length < 3) {
            return false;
        }
        int n = lastDelays.length;
        return lastDelays[n - 1] > intervalMillis && lastDelays[n - 1] > lastDelays[n - 2]
                && lastDelays[n - 2] > lastDelays[n - 3];
    }
}
