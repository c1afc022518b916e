package dev.kafkaspark.internal.tools;

import java.util.function.Consumer;

/**
 * What a console consumer says while it waits, once per change rather than once a poll: that no record has come yet
 * (and from where it reads), that it lost every broker connection, and that the brokers are back.
 */
final class WaitNotes {

    /** Quiet this long (in polls of 200 ms, so about 2 s) before saying anything. */
    private static final int QUIET_POLLS = 10;

    private final ConsoleConsumer.Settings settings;
    private final Consumer<String> notes;
    private int emptyPolls;
    private int disconnectedPolls;
    private boolean saidWaiting;
    private boolean saidLost;
    private boolean everConnected;

    WaitNotes(ConsoleConsumer.Settings settings, Consumer<String> notes) {
        this.settings = settings;
        this.notes = notes;
    }

    /** After each poll: how many records it returned, and how many broker connections are open (-1: unknown). */
    void after(int records, int connections) {
        if (connections > 0) {
            everConnected = true;
            disconnectedPolls = 0;
            if (saidLost) {
                saidLost = false;
                notes.accept("the brokers at " + settings.bootstrap() + " are back");
            }
        } else if (connections == 0 && everConnected && ++disconnectedPolls == QUIET_POLLS) {
            saidLost = true;
            notes.accept("lost the brokers at " + settings.bootstrap() + ": waiting for them to come back"
                    + " (Ctrl-C stops)");
        }
        if (records > 0) {
            emptyPolls = 0;
            return;
        }
        if (++emptyPolls == QUIET_POLLS && !saidWaiting && !saidLost) {
            saidWaiting = true;
            notes.accept("waiting for records in " + settings.topic() + (settings.fromBeginning()
                    ? " (none yet)" : " (only new ones: add --from-beginning for those already there)")
                    + "; Ctrl-C stops");
        }
    }
}
