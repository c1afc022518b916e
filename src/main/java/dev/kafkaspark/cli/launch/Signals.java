package dev.kafkaspark.cli.launch;

import dev.kafkaspark.internal.support.RunTempDir;
import dev.kafkaspark.internal.support.TempDir;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Stop requests, whatever sends them: Ctrl-C (SIGINT), SIGTERM and SIGHUP to this process, or, in the launcher's
 * child, the launcher passing them on ({@link ParentLink}). The newest registered action handles each request, so
 * components stop in order instead of racing each other's shutdown hooks; with none registered a request exits the
 * way the JVM would (128 plus the signal's number, shutdown hooks run).
 */
public final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);
    private static final int SIGHUP = 1;
    private static final Deque<Runnable> ACTIONS = new ConcurrentLinkedDeque<>();
    private static boolean installed;

    private Signals() {
    }

    /** Unregisters its action when closed. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes over stop signals for this process. In the launcher's child, SIGINT and SIGHUP are ignored (a terminal
     * sends them to both JVMs, and the launcher passes them on) and the launcher's requests are read instead; when
     * the launcher is gone, that is two requests: stop, and do not wait for catch-up.
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        boolean child = Launcher.isChild();
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal signal = new Signal(name);
                if (child && !name.equals("TERM")) {
                    Signal.handle(signal, s -> LOG.debug("SIG{} ignored: the launcher passes it on", name));
                } else {
                    Signal.handle(signal, s -> request(s.getNumber()));
                }
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("signal {} cannot be handled here: {}", name, e.toString());
            }
        }
        if (child) {
            ParentLink.listen(System.in, Signals::request, () -> {
                LOG.warn("the launcher (pid {}) is gone: stopping now", System.getProperty(Launcher.LAUNCHED));
                request(SIGHUP);
                request(SIGHUP);
            });
        }
    }

    private static void request(int signal) {
        Runnable action = ACTIONS.peekFirst();
        if (action == null) {
            // Nothing to stop in order (not started yet, or already stopping and asked again): end now, as the JVM
            // would have, but without leaving the parts' files behind.
            new Thread(() -> {
                int removed = TempDir.removeAllOpen();
                if (removed > 0) {
                    System.err.printf("stopping at once, without waiting; %d temp director%s removed%n", removed,
                            removed == 1 ? "y" : "ies");
                    System.err.flush();
                }
                Thread guard = new Thread(() -> {
                    // Shutdown hooks (Spark's) that hang must not keep the process: halt after a few seconds.
                    try {
                        new CountDownLatch(1).await(BoundedStop.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    RunTempDir.remove(); // the shutdown hooks that would have hung
                    Runtime.getRuntime().halt(128 + signal);
                }, "stop-guard");
                guard.setDaemon(true);
                guard.start();
                System.exit(128 + signal);
            }, "stop-" + signal).start();
            return;
        }
        action.run();
    }

    /** Runs {@code action} on every stop request until the registration is closed. */
    public static Registration onInterrupt(Runnable action) {
        install();
        ACTIONS.addFirst(action);
        return () -> ACTIONS.removeFirstOccurrence(action);
    }

    /**
     * Blocks until a stop request, or until the time is up.
     *
     * @param limit the longest wait; {@code null}: no limit
     * @return true when a stop was requested, false when the time was up
     */
    public static boolean awaitInterrupt(Duration limit) {
        CountDownLatch latch = new CountDownLatch(1);
        try (Registration ignored = onInterrupt(latch::countDown)) {
            if (limit == null) {
                latch.await();
                return true;
            }
            return latch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
