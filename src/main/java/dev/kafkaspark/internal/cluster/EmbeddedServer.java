package dev.kafkaspark.internal.cluster;

import dev.kafkaspark.internal.support.DataDir;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.RuntimeCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import kafka.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one in-process Kafka server, whatever its mode (a ZooKeeper-mode broker, a KRaft node): started with
 * the process-wide exit guard held and a log directory of its own, stopped and restarted on the same port with the
 * same data, and closed once, which releases both.
 */
public abstract class EmbeddedServer implements Broker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    private final String kind;
    private final int id;
    private final int port;
    private final DataDir logDir;
    private Server server;
    private volatile boolean running = true;
    private volatile boolean closed;

    /**
     * @param kind what people call it ({@code "broker"}, {@code "node"})
     * @param server the started server
     */
    protected EmbeddedServer(String kind, int id, int port, DataDir logDir, Server server) {
        this.kind = kind;
        this.id = id;
        this.port = port;
        this.logDir = logDir;
        this.server = server;
    }

    /**
     * Runs a server's start with the exit guard held and its log directory made ({@code dirName} below
     * {@code dataParent}, kept; or a temp directory); a start that fails releases both.
     */
    protected static <T> T starting(Path dataParent, String dirName, String tempPrefix, Function<DataDir, T> start) {
        RuntimeCheck.requireKafkaClients();
        ExitGuard.acquire();
        DataDir logDir;
        try {
            logDir = DataDir.of(dataParent, dirName, tempPrefix);
        } catch (RuntimeException | Error e) {
            ExitGuard.release();
            throw e;
        }
        try {
            return start.apply(logDir);
        } catch (Throwable e) {
            // Throwable: Kafka's Scala code throws checked exceptions (ZooKeeper's NodeExistsException) undeclared.
            try (logDir) {
                ExitGuard.release();
            }
            throw e;
        }
    }

    /**
     * Starts a constructed server; when its start fails, shuts it down again and throws what {@code failure} makes
     * of the cause (an {@link Error} as it is).
     */
    protected static <S extends Server> S startup(S server, Function<Throwable, RuntimeException> failure) {
        try {
            server.startup();
            return server;
        } catch (Throwable e) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (Throwable suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw failure.apply(e);
        }
    }

    /** Starts the server again from its configuration (same port, same data). */
    protected abstract Server startAgain();

    /**
     * Stops a server; {@code limit} bounds how long a broker waits for its controlled shutdown, where the mode can
     * bound it ({@code null}: the mode's own limits).
     */
    protected void shutdown(Server s, Duration limit) {
        s.shutdown();
        s.awaitShutdown();
    }

    /** The running server ({@code null} never: the last one started, once stopped). */
    protected Server server() {
        return server;
    }

    @Override
    public int brokerId() {
        return id;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops it (a broker hands its partitions' leadership on first) and keeps its data for {@link #restart()}. */
    @Override
    public synchronized void stop() {
        stop(null);
    }

    /** As {@link #stop()}, bounding the controlled shutdown. */
    protected synchronized void stop(Duration limit) {
        if (closed) {
            throw new IllegalStateException(kind + " " + id + " is closed");
        }
        if (!running) {
            return;
        }
        running = false;
        shutdown(server, limit);
        LOG.info("Kafka {} {} stopped (data kept)", kind, id);
    }

    /** Starts a stopped server again, on the same port(s), with the same data; it then catches up. */
    @Override
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException(kind + " " + id + " is closed");
        }
        if (running) {
            return;
        }
        server = startAgain();
        running = true;
        LOG.info("Kafka {} {} restarted at {}", kind, id, bootstrapServers());
    }

    /** Stops it and deletes its log directory; safe to call twice. */
    @Override
    public void close() {
        close(null);
    }

    /** As {@link #close()}, bounding the controlled shutdown. */
    protected synchronized void close(Duration limit) {
        if (closed) {
            return;
        }
        closed = true;
        try (logDir) {
            if (running) {
                running = false;
                shutdown(server, limit);
            }
            LOG.info("Kafka {} {} stopped", kind, id);
        } finally {
            ExitGuard.release();
        }
    }
}
