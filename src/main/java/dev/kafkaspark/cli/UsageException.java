package dev.kafkaspark.cli;

/** A mistake in what the user asked for, found after parsing; exits with code 2 like a parse error. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public UsageException(String message) {
        super(message);
    }
}
