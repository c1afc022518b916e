package dev.kafkaspark.internal.tools;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches whether anything still listens at a bootstrap address list, and says (once per change) when the brokers
 * are gone and when they are back: a Spark job waiting for a broker that went away is otherwise silent.
 */
public final class BrokerWatch implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private volatile boolean reachable = true;

    private BrokerWatch(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts watching; {@code notes} hears each change. */
    public static BrokerWatch start(String bootstrap, Consumer<String> notes) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "broker-watch");
            t.setDaemon(true);
            return t;
        });
        BrokerWatch watch = new BrokerWatch(s);
        s.scheduleWithFixedDelay(() -> {
            boolean now = listening(bootstrap);
            if (now != watch.reachable) {
                watch.reachable = now;
                notes.accept(now ? "the brokers at " + bootstrap + " are back"
                        : "lost the brokers at " + bootstrap + ": batches wait for them to come back (Ctrl-C stops)");
            }
        }, 1, 1, TimeUnit.SECONDS);
        return watch;
    }

    /** Whether the brokers answered at the last look. */
    public boolean reachable() {
        return reachable;
    }

    private static boolean listening(String bootstrap) {
        try {
            Clients.requireListening(bootstrap);
            return true;
        } catch (Clients.UnreachableException e) {
            return false;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
