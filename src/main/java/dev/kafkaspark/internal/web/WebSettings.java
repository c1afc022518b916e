package dev.kafkaspark.internal.web;

/**
 * Where the live page listens.
 *
 * @param port the port: {@link #DEFAULT_PORT} or the next free one when not {@code explicit}; 0 for any free one
 * @param explicit whether the user named the port (then a taken port is an error, not a reason to move on)
 */
public record WebSettings(int port, boolean explicit) {

    /** The port the page takes when the user names none (or the next free one after it). */
    public static final int DEFAULT_PORT = 8080;

    /** The default: 8080, or the next free port. */
    public static WebSettings standard() {
        return new WebSettings(DEFAULT_PORT, false);
    }

    /** A port the user named: 0 for any free one. */
    public static WebSettings at(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--web-port must be between 0 and 65535, not " + port);
        }
        return new WebSettings(port, true);
    }
}
