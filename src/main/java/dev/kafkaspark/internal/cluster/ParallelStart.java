package dev.kafkaspark.internal.cluster;

import dev.kafkaspark.internal.support.Closer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Starts brokers side by side: each start is mostly waiting (on ZooKeeper, on the quorum, on class loading), and
 * KRaft voters cannot finish starting until a majority of them runs.
 */
public final class ParallelStart {

    private ParallelStart() {
    }

    /**
     * Runs every start on a thread of its own and throws the first failure (the others suppressed) once all have
     * finished; every broker that started is registered with the closer first (or, given {@code closeTogether}, all
     * of them as one resource that stops them side by side with it).
     *
     * @param starts one start per broker, named by the broker's id
     */
    public static <T extends AutoCloseable> List<T> all(List<Integer> ids, List<Supplier<T>> starts, Closer closer,
            java.util.function.Consumer<T> closeTogether) {
        List<CompletableFuture<T>> running = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            running.add(CompletableFuture.supplyAsync(starts.get(i), onOwnThread("broker-" + ids.get(i) + "-start")));
        }
        List<T> started = new ArrayList<>();
        RuntimeException failure = joinAll(running, started);
        if (closeTogether != null) {
            closer.register(() -> closeTogether(started, closeTogether));
        } else {
            started.forEach(closer::register);
        }
        if (failure != null) {
            throw failure;
        }
        return started;
    }

    /**
     * Stops brokers side by side: KRaft voters that stop one after another leave the last ones without a majority,
     * and a broker whose quorum has no leader waits in vain for its controlled shutdown to be approved.
     */
    static <T> void closeTogether(List<T> brokers, java.util.function.Consumer<T> close) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (T broker : brokers) {
            stops.add(CompletableFuture.runAsync(() -> close.accept(broker), onOwnThread("broker-stop")));
        }
        RuntimeException failure = joinAll(stops, new ArrayList<>());
        if (failure != null) {
            throw failure;
        }
    }

    private static java.util.concurrent.Executor onOwnThread(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /** Waits for all; collects the results, and returns the first failure with the others suppressed, or null. */
    private static <T> RuntimeException joinAll(List<CompletableFuture<T>> all, List<T> results) {
        RuntimeException failure = null;
        for (CompletableFuture<T> f : all) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException re ? re
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        return failure;
    }
}
