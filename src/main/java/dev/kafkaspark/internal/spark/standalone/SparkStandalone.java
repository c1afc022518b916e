package dev.kafkaspark.internal.spark.standalone;

import dev.kafkaspark.internal.spark.SparkLine;
import dev.kafkaspark.internal.spark.SparkLoopback;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.TempDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.DeployMessages;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.deploy.master.WorkerInfo;
import org.apache.spark.deploy.worker.Worker;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.Tuple3;

/**
 * Spark's own standalone cluster manager, from the jar, in this process: a master ({@link Master}) or a worker
 * ({@link Worker}) on 127.0.0.1. A worker launches each executor as a child JVM; it needs a Spark home with a
 * {@code jars/} directory for the executors' class path and the Scala version, which a Spark installation has and
 * this program prepares itself: a temp directory whose {@code jars/} holds a link to this jar, removed on close.
 */
public final class SparkStandalone implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SparkStandalone.class);
    private final RpcEnv rpcEnv;
    private final int port;
    private final String webUiUrl;
    private final TempDir home;
    private volatile String workerId = "";
    private volatile boolean closed;

    private SparkStandalone(RpcEnv rpcEnv, int port, int webUiPort, TempDir home) {
        this.rpcEnv = rpcEnv;
        this.port = port;
        this.webUiUrl = "http://" + Ports.LOOPBACK + ":" + webUiPort;
        this.home = home;
    }

    private SparkStandalone(SparkStandalone worker, String id, String webUiUrl) {
        this.rpcEnv = worker.rpcEnv;
        this.port = worker.port;
        this.webUiUrl = webUiUrl;
        this.home = worker.home;
        this.workerId = id;
    }

    /**
     * Starts a master.
     *
     * @param port its port (0: any free one)
     * @param webUiPort its web UI's port (0: any free one)
     */
    public static SparkStandalone master(int port, int webUiPort) {
        keepOnLoopback();
        Tuple3<RpcEnv, Object, Option<Object>> started = Master.startRpcEnvAndEndpoint(Ports.LOOPBACK, port,
                webUiPort, conf());
        RpcEnv env = started._1();
        SparkStandalone master = new SparkStandalone(env, env.address().port(), (Integer) started._2(), null);
        LOG.info("Spark master started at {}, web UI {}", master.masterUrl(), master.webUiUrl);
        return master;
    }

    /**
     * Starts a worker that registers with a master.
     *
     * @param masterUrl such as {@code spark://127.0.0.1:7077}
     * @param cores cores it offers
     * @param memoryMb memory it offers, in MiB
     * @param webUiPort its web UI's port (chosen up front: the worker does not report the one it bound)
     */
    public static SparkStandalone worker(String masterUrl, int cores, int memoryMb, int webUiPort) {
        keepOnLoopback();
        TempDir home = TempDir.create("kafka-spark-worker-");
        try {
            prepareHome(home.path());
            // The worker reads its Spark home and Scala version from the environment, and its executors inherit it.
            SparkLoopback.setenv("SPARK_HOME", home.path().toString());
            // The worker's executor command needs the Scala version of the Spark in this jar.
            SparkLoopback.setenv("SPARK_SCALA_VERSION", SparkLine.scalaBinaryVersion());
            Path work = Files.createDirectories(home.path().resolve("work"));
            RpcEnv env = Worker.startRpcEnvAndEndpoint(Ports.LOOPBACK, 0, webUiPort, cores, memoryMb,
                    new String[] {masterUrl}, work.toString(), Option.empty(), conf(), Option.empty());
            SparkStandalone started = new SparkStandalone(env, env.address().port(), webUiPort, home);
            SparkStandalone worker = started.awaitRegistration(masterUrl, Duration.ofSeconds(30));
            LOG.info("Spark worker {} started at {}:{} for {}", worker.workerId, Ports.LOOPBACK, worker.port,
                    masterUrl);
            return worker;
        } catch (IOException e) {
            home.close();
            throw new UncheckedIOException("could not prepare the worker's directory: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            home.close();
            throw e;
        }
    }

    /**
     * Asks the master until it lists this worker (by its port), and learns the id and web UI address the master
     * knows it by (the UI moves to the next port when its own is taken, without saying so).
     */
    private SparkStandalone awaitRegistration(String masterUrl, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                RpcEndpointRef master = rpcEnv.setupEndpointRefByURI(masterUrl.replace("spark://", "spark://"
                        + Master.ENDPOINT_NAME() + "@"));
                // Spark's default ask timeout (spark.rpc.askTimeout), as a plain askSync would wait.
                DeployMessages.MasterStateResponse state = SparkLine.masterState(master, 120);
                for (WorkerInfo w : state.workers()) {
                    if (w.port() == port && w.host().equals(Ports.LOOPBACK)) {
                        return new SparkStandalone(this, w.id(), w.webUiAddress());
                    }
                }
            } catch (RuntimeException e) {
                last = e;
            }
            dev.kafkaspark.internal.support.Backoff.pause(200);
        }
        close();
        throw new IllegalStateException("the master at " + masterUrl + " did not list this worker within "
                + limit.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()), last);
    }

    /** The Spark home a worker's executors need: {@code jars/} with this jar in it (a link, not a copy). */
    private static void prepareHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        Path self = ownJar();
        if (Files.isRegularFile(self)) {
            Files.createSymbolicLink(jars.resolve("kafka-spark-demo.jar"), self);
        } else {
            // Run from classes (tests): the executors get this JVM's class path instead.
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path p = Path.of(entry).toAbsolutePath();
                if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
                    Files.createSymbolicLink(jars.resolve((n++) + "-" + p.getFileName()), p);
                }
            }
        }
    }

    private static Path ownJar() {
        try {
            return Path.of(SparkStandalone.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where this program's jar is: " + e, e);
        }
    }

    private static void keepOnLoopback() {
        if (!SparkLoopback.ensure(Ports.LOOPBACK)) {
            LOG.warn("SPARK_LOCAL_IP is not {}: the web UI may listen on every interface", Ports.LOOPBACK);
        }
    }

    private static SparkConf conf() {
        SparkConf conf = new SparkConf();
        conf.set("spark.master.rest.enabled", "false");
        // Executors of finished applications: their directories go when the application ends.
        conf.set("spark.worker.cleanup.enabled", "true");
        return conf;
    }

    /** The master's URL, such as {@code spark://127.0.0.1:7077} (for a worker: its own RPC address). */
    public String masterUrl() {
        return "spark://" + Ports.LOOPBACK + ":" + port;
    }

    /** The RPC port. */
    public int port() {
        return port;
    }

    /** The web UI's address. */
    public String webUiUrl() {
        return webUiUrl;
    }

    /** A worker's id, as the master lists it ({@code worker-<time>-<host>-<port>}); empty for a master. */
    public String workerId() {
        return workerId;
    }

    /** Blocks until the RPC environment ends (never, unless it fails or is closed). */
    public void awaitTermination() {
        rpcEnv.awaitTermination();
    }

    /** Stops it (a worker kills its executors first) and removes its directory; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            rpcEnv.shutdown();
            rpcEnv.awaitTermination();
        } finally {
            if (home != null) {
                home.close();
            }
        }
    }
}
