package dev.kafkaspark.internal.support;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Closes resources in reverse registration order, keeps going when one fails, and rethrows the first failure with
 * the others attached as suppressed exceptions.
 */
public final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> stack = new ArrayDeque<>();

    /** Registers a resource to close; returns it for chaining. */
    public synchronized <T extends AutoCloseable> T register(T resource) {
        stack.push(resource);
        return resource;
    }

    /** Closes everything registered so far, newest first. */
    @Override
    public void close() {
        Throwable failure = null;
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = stack.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Throwable e) {
                // An Error too (a class path clash throws NoClassDefFoundError): the rest still get closed.
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
    }
}
