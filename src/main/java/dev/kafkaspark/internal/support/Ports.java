package dev.kafkaspark.internal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Port choices for the embedded services: well-known defaults that fall back, explicit ports that must be free. */
public final class Ports {

    /** The only address anything here listens on unless a user asks otherwise. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(Ports.class);

    private Ports() {
    }

    /** How a port was asked for; decides what happens when it is taken. */
    public enum Request {
        /** A default well-known port: if taken, use any free port and say so. */
        PREFERRED,
        /** A port the user typed: if taken, that is an error. */
        EXPLICIT
    }

    /** The port to bind, and whether it differs from the one asked for. */
    public record Choice(int port, boolean fellBack) {
    }

    /**
     * Picks the port to bind. Port 0 always means "any free port" and is passed through, so the service itself binds
     * it and reports it back.
     *
     * @throws PortInUseException when an explicitly requested port is taken
     */
    public static Choice choose(String what, int requested, Request request) {
        if (requested < 0 || requested > 65535) {
            throw new IllegalArgumentException(what + " port " + requested + " is outside 0-65535");
        }
        if (requested == 0 || isFree(requested)) {
            return new Choice(requested, false);
        }
        if (request == Request.EXPLICIT) {
            throw new PortInUseException(what, requested);
        }
        return new Choice(0, true);
    }

    /** Whether a server socket could bind the loopback address on this port right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that was free a moment ago (for services that must know their port before they start). */
    public static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on " + LOOPBACK, e);
        }
    }

    /**
     * Whether any {@code host:port} of a comma-separated list accepts a TCP connection, each tried for at most the
     * given time; a malformed entry counts as not listening.
     */
    public static boolean anyListening(String addresses, Duration timeout) {
        for (String address : addresses.split(",")) {
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address.substring(0, colon).trim(),
                        Integer.parseInt(address.substring(colon + 1).trim())), (int) timeout.toMillis());
                return true;
            } catch (IOException | RuntimeException e) {
                // Try the next one.
            }
        }
        return false;
    }

    /**
     * Runs a start that binds ports picked up front ({@link #anyFree()}: free when picked, but another process may
     * take one before the start binds it), again with newly picked ports when a bind fails, a few times at most.
     *
     * @param start one attempt; it picks its ports itself
     */
    public static <T> T retryingBind(String what, Supplier<T> start) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (RuntimeException e) {
                if (attempt >= BIND_ATTEMPTS || !bindFailure(e)) {
                    throw e;
                }
                LOG.warn("{}: a port picked free was taken before it was bound ({}); starting again on other ports",
                        what, Failures.rootCause(e));
            }
        }
    }

    private static final int BIND_ATTEMPTS = 3;

    private static boolean bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** A port the user asked for explicitly is already taken. */
    public static final class PortInUseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortInUseException(String what, int port) {
            super(what + " port " + port + " is already in use: stop what listens there, or pass another port"
                    + " (0 picks any free one)");
        }
    }
}
