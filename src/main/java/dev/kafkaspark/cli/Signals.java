package dev.kafkaspark.cli;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop, handled by the program itself, so components stop in order
 * instead of racing each other's shutdown hooks.
 */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    /** Restores the previous handlers when closed. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Blocks until Ctrl-C (or SIGTERM), or until the time is up.
     *
     * @param limit the longest wait; {@code null}: no limit
     * @return true when a signal came, false when the time was up
     */
    static boolean awaitInterrupt(java.time.Duration limit) {
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        try (Registration ignored = onInterrupt(latch::countDown)) {
            if (limit == null) {
                latch.await();
                return true;
            }
            return latch.await(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    static Registration onInterrupt(Runnable action) {
        List<Runnable> restore = new ArrayList<>();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> action.run());
                restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("signal {} cannot be handled here: {}", name, e.toString());
            }
        }
        return () -> restore.forEach(Runnable::run);
    }
}
