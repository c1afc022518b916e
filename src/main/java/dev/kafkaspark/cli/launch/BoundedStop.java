package dev.kafkaspark.cli.launch;

import dev.kafkaspark.cli.Cli;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.RunTempDir;
import dev.kafkaspark.internal.support.TempDir;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A stop that never hangs: if the parts take longer than a few seconds (a broker whose ZooKeeper is gone waits for
 * it without end), it says what it waits for, once; at the limit it gives up on them, removes their files and ends
 * the process. A second Ctrl-C does the same at once ({@link Signals}).
 */
public final class BoundedStop {

    static final Duration PATIENCE = Duration.ofSeconds(3);
    static final Duration LIMIT = Duration.ofSeconds(12);

    private BoundedStop() {
    }

    /**
     * Runs {@code stop}, watched.
     *
     * @param what what is stopping, for the messages ("Kafka broker 0")
     * @param waitingFor what it is probably waiting for, asked only if it takes long
     */
    public static void run(Narrator narrator, String what, Supplier<String> waitingFor, Runnable stop) {
        CountDownLatch done = new CountDownLatch(1);
        Thread watchdog = new Thread(() -> watch(narrator, what, waitingFor, done), "stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            stop.run();
        } finally {
            done.countDown();
        }
    }

    private static void watch(Narrator narrator, String what, Supplier<String> waitingFor, CountDownLatch done) {
        try {
            if (done.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            narrator.step("still stopping %s: %s; waiting up to %d s more (Ctrl-C again stops at once)", what,
                    waitingFor.get(), LIMIT.minus(PATIENCE).toSeconds());
            if (done.await(LIMIT.minus(PATIENCE).toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            int removed = TempDir.removeAllOpen();
            narrator.step("%s did not stop within %d s: exiting without it (%d temp director%s removed)", what,
                    LIMIT.toSeconds(), removed, removed == 1 ? "y" : "ies");
            narrator.flush(); // the console has said it all before the process ends without its shutdown hooks
            RunTempDir.remove();
            Runtime.getRuntime().halt(Cli.FAILURE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
