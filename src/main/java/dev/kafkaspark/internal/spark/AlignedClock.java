package dev.kafkaspark.internal.spark;

import dev.kafkaspark.internal.stream.dstream.StreamingRunner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.spark.util.Clock;

/**
 * Spark Streaming puts batch boundaries on multiples of the interval on its clock, so a job started just after a
 * boundary waits almost a whole interval for its first batch. This clock, which Spark loads through its own
 * {@code spark.streaming.clock} setting, is the system clock shifted by less than one interval so that a boundary falls
 * right after the job starts. Batches then come every interval as usual; only the grid moves. Only a Spark context
 * created with {@link LocalSpark.Settings#alignedClock()} uses it (the demo's and the stream command's), and only
 * {@link StreamingRunner} moves the grid, before it starts a streaming context, and puts it back when it stops;
 * {@link #toWallClock} maps a batch time back to the real time.
 */
public final class AlignedClock implements Clock {

    /** Spark's setting naming the streaming clock class. */
    static final String SPARK_SETTING = "spark.streaming.clock";

    private static volatile long offsetMillis;

    /** Spark creates the clock through this constructor. */
    public AlignedClock() {
    }

    /** Shifts the grid so that a boundary of {@code intervalMillis} falls {@code leadMillis} from now. */
    public static void alignNextBoundary(long intervalMillis, long leadMillis) {
        long target = System.currentTimeMillis() + leadMillis;
        offsetMillis = Math.floorMod(-target, intervalMillis);
    }

    /** Puts the grid back on multiples of the interval (no shift). */
    public static void reset() {
        offsetMillis = 0;
    }

    /** Whether a Spark context's streaming contexts run on this clock. */
    public static boolean usedBy(org.apache.spark.SparkConf conf) {
        return AlignedClock.class.getName().equals(conf.get(SPARK_SETTING, ""));
    }

    /** A batch time (on this clock) as real wall-clock time. */
    public static long toWallClock(long clockMillis) {
        return clockMillis - offsetMillis;
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
        long now = getTimeMillis();
        while (now < targetTime) {
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
