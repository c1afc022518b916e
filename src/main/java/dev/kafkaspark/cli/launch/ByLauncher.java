package dev.kafkaspark.cli.launch;

import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.tools.Stopping;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The way the commands' run loops wait and stop: a stop request is a signal, and a stop never hangs. Requests count
 * from the moment it is made, so a stop asked for while the parts start is kept until they run (then they stop as
 * they would later), instead of ending the process under a start that goes on printing. Once the stop begins, a
 * second request stops at once ({@link Signals}).
 */
public final class ByLauncher implements Stopping {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final Signals.Registration registration;

    private ByLauncher() {
        this.registration = Signals.onInterrupt(requested::countDown);
    }

    /** Takes stop requests from now on. */
    public static Stopping fromNow() {
        return new ByLauncher();
    }

    @Override
    public void awaitStop() {
        try {
            requested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void abandon() {
        registration.close();
    }

    @Override
    public void stop(Narrator narrator, String what, Supplier<String> waitingFor, Runnable close) {
        registration.close();
        BoundedStop.run(narrator, what, waitingFor, close);
    }
}
