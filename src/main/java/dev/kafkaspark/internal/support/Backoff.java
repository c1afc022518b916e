package dev.kafkaspark.internal.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A short pause between polls of a condition that has its own deadline. */
public final class Backoff {
    private Backoff() {
    }

    /** Parks the current thread for about the given time; returns early if interrupted, keeping the flag set. */
    public static void pause(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
