package dev.kafkaspark.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;

/**
 * Watches a cluster's executors for the driver: a worker that cannot run them (a missing class, too little memory)
 * makes the master launch one after another, each dying at once, while the stream itself prints nothing. After
 * {@link #FAILURES} removals within a minute it says so once, with Spark's reason; and it says when an executor is
 * lost after having run (a worker gone).
 */
public final class ExecutorWatch extends SparkListener {

    /** Removals within {@link #WINDOW_MILLIS} that count as "keep failing". */
    static final int FAILURES = 3;
    static final long WINDOW_MILLIS = 60_000;

    private final Consumer<String> note;
    private final Deque<Long> removals = new ArrayDeque<>();
    private boolean told;

    /** @param note receives one line for people per event worth telling */
    public ExecutorWatch(Consumer<String> note) {
        this.note = note;
    }

    @Override
    public synchronized void onExecutorAdded(SparkListenerExecutorAdded added) {
        note.accept("executor " + added.executorId() + " started on " + added.executorInfo().executorHost());
    }

    @Override
    public synchronized void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        long now = removed.time();
        removals.addLast(now);
        while (!removals.isEmpty() && removals.peekFirst() < now - WINDOW_MILLIS) {
            removals.removeFirst();
        }
        if (removals.size() >= FAILURES) {
            if (!told) {
                told = true;
                note.accept("executors keep failing: " + removals.size() + " ended within a minute, the last with '"
                        + removed.reason() + "'; the cause is in the worker's log and in the executor's stderr under"
                        + " the worker's work directory (the master's web UI links it)");
            }
        } else {
            note.accept("executor " + removed.executorId() + " is gone (" + removed.reason() + "); Spark runs its"
                    + " tasks on the others");
        }
    }
}
