package dev.kafkaspark.cli.launch;

import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.tools.Stopping;
import java.util.function.Supplier;

/** The way the commands' run loops wait and stop: a stop request is a signal, and a stop never hangs. */
public final class ByLauncher implements Stopping {

    /** The one instance. */
    public static final Stopping STOPPING = new ByLauncher();

    private ByLauncher() {
    }

    @Override
    public void awaitStop() {
        Signals.awaitInterrupt(null);
    }

    @Override
    public void stop(Narrator narrator, String what, Supplier<String> waitingFor, Runnable close) {
        BoundedStop.run(narrator, what, waitingFor, close);
    }
}
