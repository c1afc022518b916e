package dev.kafkaspark.internal.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;

/**
 * Watches a cluster's executors for the driver: a worker that cannot run them (a missing class, too little memory)
 * makes the master launch one after another, each dying at once, while the stream itself prints nothing. After
 * {@link #FAILURES} removals within a minute it says so once, with the cause the last one wrote to its stderr (or,
 * when that cannot be read, Spark's reason); and it says when an executor is lost after having run (a worker gone).
 */
public final class ExecutorWatch extends SparkListener {

    /** Removals within {@link #WINDOW_MILLIS} that count as "keep failing". */
    static final int FAILURES = 3;
    static final long WINDOW_MILLIS = 60_000;

    private final Consumer<String> note;
    private final Function<String, Optional<String>> causes;
    private final Deque<Long> removals = new ArrayDeque<>();
    private boolean told;

    /**
     * @param note receives one line for people per event worth telling
     * @param causes an executor's cause of death, by its id, from its own stderr (see {@link ExecutorLogs})
     */
    public ExecutorWatch(Consumer<String> note, Function<String, Optional<String>> causes) {
        this.note = note;
        this.causes = causes;
    }

    /** A watch for the context's cluster: with the executors' stderr when its master is a standalone one. */
    public static ExecutorWatch of(org.apache.spark.SparkContext sc, Consumer<String> note) {
        Optional<ExecutorLogs> logs = ExecutorLogs.of(sc);
        return new ExecutorWatch(note, id -> logs.flatMap(l -> l.cause(id)));
    }

    /** Whether executors kept failing ({@link #FAILURES} within {@link #WINDOW_MILLIS}): the run cannot do its work. */
    public synchronized boolean keptFailing() {
        return told;
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
                Optional<String> cause = causes.apply(removed.executorId());
                note.accept("executors keep failing: " + removals.size() + " ended within a minute, the last ("
                        + "executor " + removed.executorId() + ") with '" + removed.reason() + "'" + cause.map(c -> ";"
                        + " its stderr " + c).orElse("; the cause is in the worker's log and in the executor's stderr"
                        + " under the worker's work directory (the master's web UI links it)"));
            }
        } else {
            note.accept("executor " + removed.executorId() + " is gone (" + removed.reason() + "); Spark runs its"
                    + " tasks on the others");
        }
    }
}
