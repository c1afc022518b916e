package dev.kafkaspark.internal.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A task run at once and then every period, on a daemon thread of its own name, until closed. */
public final class Ticker implements AutoCloseable {

    private final ScheduledExecutorService thread;

    private Ticker(String name) {
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the task.
     *
     * @param first how long before the first run
     */
    public static Ticker every(Duration period, Duration first, String name, Runnable task) {
        Ticker t = new Ticker(name);
        t.thread.scheduleWithFixedDelay(task, first.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return t;
    }

    /** Stops it: a run under way is interrupted and waited for (5 s at most). */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
