package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.events.Narrator;
import java.util.function.Supplier;

/**
 * How a long-running command ({@code zookeeper}, {@code broker}) waits for a stop request and stops without hanging:
 * the launcher's signal handling, which the commands give to the run loops here.
 */
public interface Stopping {

    /** Returns when the user asked to stop. */
    void awaitStop();

    /** Runs {@code close}, saying what it waits for if it takes long, and giving up at a limit. */
    void stop(Narrator narrator, String what, Supplier<String> waitingFor, Runnable close);

    /** The parts did not start: stop requests are no longer this run's. */
    default void abandon() {
    }
}
