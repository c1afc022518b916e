package dev.kafkaspark.cluster;

import dev.kafkaspark.support.Closer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Starts brokers side by side: each start is mostly waiting (on ZooKeeper, on the quorum, on class loading), and
 * KRaft voters cannot finish starting until a majority of them runs.
 */
final class ParallelStart {

    private ParallelStart() {
    }

    /**
     * Runs every start on a thread of its own and throws the first failure (the others suppressed) once all have
     * finished; every broker that started is registered with the closer first (or, given {@code closeTogether}, all
     * of them as one resource that stops them side by side with it).
     *
     * @param starts one start per broker, named by the broker's id
     */
    static <T extends AutoCloseable> List<T> all(List<Integer> ids, List<Supplier<T>> starts, Closer closer,
            java.util.function.Consumer<T> closeTogether) {
        List<CompletableFuture<T>> running = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            String name = "broker-" + ids.get(i) + "-start";
            running.add(CompletableFuture.supplyAsync(starts.get(i), r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                t.start();
            }));
        }
        List<T> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<T> start : running) {
            try {
                started.add(start.join());
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
            stops.add(CompletableFuture.runAsync(() -> close.accept(broker), r -> {
                Thread t = new Thread(r, "broker-stop");
                t.setDaemon(true);
                t.start();
            }));
        }
        RuntimeException failure = null;
        for (CompletableFuture<Void> stop : stops) {
            try {
                stop.join();
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
        if (failure != null) {
            throw failure;
        }
    }
}
