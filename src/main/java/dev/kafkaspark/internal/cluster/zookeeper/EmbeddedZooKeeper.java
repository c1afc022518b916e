package dev.kafkaspark.internal.cluster.zookeeper;

import dev.kafkaspark.internal.support.DataDir;
import dev.kafkaspark.internal.support.Ports;
import java.nio.file.Path;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * An in-process ZooKeeper (Curator's {@link TestingServer}) on 127.0.0.1 with its AdminServer off. Its data, and the
 * configuration file ZooKeeper writes beside it, live in a directory this object owns and deletes on close.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

    private final TestingServer server;
    private final DataDir dir;
    private final int port;
    private final long startedAtMillis = System.currentTimeMillis();
    private volatile boolean closed;

    private EmbeddedZooKeeper(TestingServer server, DataDir dir, int port) {
        this.server = server;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts ZooKeeper on the given port (0: any free port).
     *
     * @param port the client port; it must be free
     */
    public static EmbeddedZooKeeper start(int port) {
        return start(port, DataDir.temporary("kafka-spark-zk-"));
    }

    /**
     * Starts ZooKeeper on the given port (0: any free port) with its data in {@code dir}: a kept directory restores
     * what an earlier ZooKeeper wrote there (topics, broker registrations expire with their sessions).
     */
    public static EmbeddedZooKeeper start(int port, DataDir dir) {
        try {
            // A port picked here may be taken before ZooKeeper binds it: then it starts again on another.
            return port != 0 ? startOn(port, dir) : Ports.retryingBind("ZooKeeper", () -> startOn(Ports.anyFree(), dir));
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private static EmbeddedZooKeeper startOn(int bindPort, DataDir dir) {
        // ZooKeeper writes its generated configuration next to the data dir: keep both inside our own directory.
        Path data = dir.subdir("data");
        InstanceSpec spec = new InstanceSpec(data.toFile(), bindPort, 0, 0, !dir.isKept(), 1, -1, -1,
                // No fsync per transaction: this ZooKeeper lives as long as the process and its data goes with it,
                // and a broker's start makes dozens of writes.
                Map.of("clientPortAddress", Ports.LOOPBACK, "admin.enableServer", "false", "forceSync", "no"),
                Ports.LOOPBACK);
        try {
            TestingServer server = new TestingServer(spec, true);
            LOG.info("ZooKeeper started at {}", server.getConnectString());
            return new EmbeddedZooKeeper(server, dir, bindPort);
        } catch (Exception e) {
            throw new IllegalStateException("ZooKeeper did not start on " + Ports.LOOPBACK + ":" + bindPort + ": "
                    + e.getMessage(), e);
        }
    }

    /** The connect string clients use, such as {@code 127.0.0.1:2181}. */
    public String connectString() {
        return Ports.LOOPBACK + ":" + port;
    }

    /** Wall-clock time ZooKeeper was ready. */
    public long startedAtMillis() {
        return startedAtMillis;
    }

    /** Where its data is, and whether it stays after close. */
    public DataDir dataDir() {
        return dir;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** Stops ZooKeeper and deletes its files (unless its data directory is kept); safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (dir) {
            server.close();
            LOG.info("ZooKeeper at {} stopped", connectString());
        } catch (Exception e) {
            throw new IllegalStateException("ZooKeeper did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
