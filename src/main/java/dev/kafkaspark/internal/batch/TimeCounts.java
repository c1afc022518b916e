package dev.kafkaspark.internal.batch;

import java.io.Serializable;

/**
 * How many records carried each millisecond timestamp, over a window that grows as needed (up to ten minutes wide;
 * older timestamps count at its start). A batch's worth is a few thousand counters, whatever the record rate, so it
 * travels from executor to driver cheaply and latency percentiles stay exact to the millisecond.
 */
public final class TimeCounts implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int MAX_SPAN_MS = 600_000;

    private long base = Long.MIN_VALUE;
    private long[] counts = new long[0];
    private long total;

    /** Counts one record with this timestamp. */
    public void add(long timestampMillis) {
        if (base == Long.MIN_VALUE) {
            base = timestampMillis;
            counts = new long[256];
        }
        long offset = timestampMillis - base;
        if (offset < 0) {
            long shift = Math.min(-offset, MAX_SPAN_MS - counts.length);
            if (shift > 0) {
                long[] grown = new long[(int) (counts.length + shift)];
                System.arraycopy(counts, 0, grown, (int) shift, counts.length);
                counts = grown;
                base -= shift;
            }
            offset = Math.max(0, timestampMillis - base);
        }
        if (offset >= counts.length) {
            if (offset >= MAX_SPAN_MS) {
                // Keep the newest ten minutes: slide the window forward.
                long slide = offset - MAX_SPAN_MS + 1;
                long[] moved = new long[MAX_SPAN_MS];
                long carried = 0;
                for (int i = 0; i < counts.length; i++) {
                    long target = i - slide;
                    if (target <= 0) {
                        carried += counts[i];
                    } else {
                        moved[(int) target] += counts[i];
                    }
                }
                moved[0] += carried;
                counts = moved;
                base += slide;
                offset = timestampMillis - base;
            } else {
                long[] grown = new long[(int) Math.min(MAX_SPAN_MS, Math.max(offset + 1, counts.length * 2L))];
                System.arraycopy(counts, 0, grown, 0, counts.length);
                counts = grown;
            }
        }
        counts[(int) offset]++;
        total++;
    }

    /** Records counted. */
    public long total() {
        return total;
    }

    /** Visits every timestamp with its count, oldest first. */
    public void forEach(Visitor visitor) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                visitor.visit(base + i, counts[i]);
            }
        }
    }

    /** A timestamp and how many records carried it. */
    @FunctionalInterface
    public interface Visitor {
        /** Called once per timestamp that has records. */
        void visit(long timestampMillis, long count);
    }
}
