package dev.kafkaspark.internal.harness;

import dev.kafkaspark.internal.spark.LocalSpark;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark starting on a thread of its own while the brokers start: a future lease on the JVM's Spark context. Closing it
 * releases the lease once the start has finished (a failed start has nothing to release).
 */
public final class BackgroundSpark implements AutoCloseable {

    private final CompletableFuture<LocalSpark.Lease> lease;
    private volatile boolean asked;

    private BackgroundSpark(CompletableFuture<LocalSpark.Lease> lease) {
        this.lease = lease;
    }

    public static BackgroundSpark start(LocalSpark.Settings settings) {
        return new BackgroundSpark(CompletableFuture.supplyAsync(() -> LocalSpark.acquire(settings), r -> {
            Thread t = new Thread(r, "spark-init");
            t.setDaemon(true);
            t.start();
        }));
    }

    /** The context, once started; the start's failure, as one exception, if it failed. */
    public JavaSparkContext context() {
        asked = true;
        return join().context();
    }

    /** A failed start nobody has asked about (so nobody has heard of it yet). */
    public Optional<IllegalStateException> unreportedFailure() {
        if (asked || !lease.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            join();
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e);
        }
    }

    private LocalSpark.Lease join() {
        try {
            return lease.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Spark did not start: " + cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        LocalSpark.Lease l = lease.handle((v, t) -> v).join();
        if (l != null) {
            l.close();
        }
    }
}
