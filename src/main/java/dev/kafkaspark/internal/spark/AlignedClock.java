package dev.kafkaspark.internal.spark;

import dev.kafkaspark.internal.stream.dstream.StreamingRunner;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.spark.util.Clock;

/**
 * Spark Streaming puts batch boundaries on multiples of the interval on its clock, so a job started just after a
 * boundary waits almost a whole interval for its first batch. This clock, which Spark loads through its own
 * {@code spark.streaming.clock} setting, is the system clock shifted by less than one interval so that the first
 * boundary falls at the moment the job can take records: when Spark's timer first waits (the stream's consumer is
 * placed by then), and, when there is a producer in this JVM, once it has a record acknowledged (at most one interval
 * later). Batches then come every interval as usual; only the grid moves. Shifting the grid just before the start
 * instead loses a whole interval whenever the start takes longer than the lead, as a cold start does.
 *
 * <p>Only a Spark context created with {@link LocalSpark.Settings#alignedClock()} uses it (the demo's and the stream
 * command's), and only {@link StreamingRunner} arms it, before it starts a streaming context, and puts it back when it
 * stops; {@link #toWallClock} maps a batch time back to the real time.
 */
public final class AlignedClock implements Clock {

    /** Spark's setting naming the streaming clock class. */
    static final String SPARK_SETTING = "spark.streaming.clock";

    private static volatile long offsetMillis;
    /** Each shift of the grid, by the first batch time it applies to: a batch made before a shift keeps its time. */
    private static final ConcurrentSkipListMap<Long, Long> SHIFTS = new ConcurrentSkipListMap<>();
    private static volatile boolean armed;
    private static volatile BooleanSupplier firstRecords = () -> true;
    private static volatile long firstRecordsWaitMillis;
    private static final AtomicInteger HURRIED = new AtomicInteger();

    /** Spark creates the clock through this constructor. */
    public AlignedClock() {
    }

    /**
     * Moves the grid of the next streaming context to start: its first batch runs as soon as Spark's timer first waits
     * and {@code recordsReady} holds, or {@code maxWaitMillis} after the timer's first wait if it never does.
     */
    public static void alignFirstBatch(BooleanSupplier recordsReady, long maxWaitMillis) {
        firstRecords = recordsReady;
        firstRecordsWaitMillis = maxWaitMillis;
        armed = true;
    }

    /**
     * For a graceful stop: Spark's timer, once stopped, still waits for the next boundary and then runs one more batch
     * after that one, up to two whole intervals of waiting for batches that only pick up what is already there. The
     * next two waits end at once instead, each moving the grid so that its batch's time is now.
     */
    public static void hurryStop() {
        HURRIED.set(2);
    }

    /** Puts the grid back on multiples of the interval (no shift). */
    public static void reset() {
        HURRIED.set(0);
        SHIFTS.clear();
        armed = false;
        firstRecords = () -> true;
        offsetMillis = 0;
    }

    /** Whether a Spark context's streaming contexts run on this clock. */
    public static boolean usedBy(org.apache.spark.SparkConf conf) {
        return AlignedClock.class.getName().equals(conf.get(SPARK_SETTING, ""));
    }

    /** A batch time (on this clock) as real wall-clock time, with the shift that applied when it was made. */
    public static long toWallClock(long clockMillis) {
        Map.Entry<Long, Long> shift = SHIFTS.floorEntry(clockMillis);
        return clockMillis - (shift == null ? offsetMillis : shift.getValue());
    }

    /** Moves the grid so that {@code targetTime} on this clock is now. */
    private static void moveGrid(long targetTime) {
        offsetMillis = targetTime - System.currentTimeMillis();
        SHIFTS.put(targetTime, offsetMillis);
    }

    @Override
    public long getTimeMillis() {
        return System.currentTimeMillis() + offsetMillis;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long waitTillTime(long targetTime) {
        if (armed) { // the timer's first wait: the first batch runs now, or once a record is there
            armed = false;
            long giveUp = System.currentTimeMillis() + firstRecordsWaitMillis;
            while (!firstRecords.getAsBoolean() && System.currentTimeMillis() < giveUp) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                if (Thread.interrupted()) {
                    throw sneaky(new InterruptedException("clock wait interrupted"));
                }
            }
            moveGrid(targetTime);
            return targetTime;
        }
        long now = getTimeMillis();
        while (now < targetTime) {
            if (HURRIED.getAndUpdate(n -> Math.max(0, n - 1)) > 0) { // a graceful stop: this batch runs now
                moveGrid(targetTime);
                return targetTime;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(targetTime - now, 25)));
            if (Thread.interrupted()) {
                // Spark's timer stops by interrupting this wait and expects the InterruptedException.
                throw sneaky(new InterruptedException("clock wait interrupted"));
            }
            now = getTimeMillis();
        }
        return now;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
