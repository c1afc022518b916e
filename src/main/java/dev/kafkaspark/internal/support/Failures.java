package dev.kafkaspark.internal.support;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What to tell a person about a failure: one line, from the exception that says something. */
public final class Failures {

    private Failures() {
    }

    /**
     * The most telling message, on one line: wrappers that only carry a cause (futures, reflection) and exceptions
     * without a message are looked through.
     */
    public static String message(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null
                || t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof InvocationTargetException)) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replace('\n', ' ').trim();
    }

    /** The message of the innermost cause (say, the socket error under a broker's failed start). */
    public static String rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
