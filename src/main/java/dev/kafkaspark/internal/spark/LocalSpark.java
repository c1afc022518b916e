package dev.kafkaspark.internal.spark;

import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.RuntimeCheck;
import dev.kafkaspark.internal.support.TempDir;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark context of this JVM. Spark allows one running context per JVM, so every user here (the demo, the
 * streaming runner, each test environment) takes a {@link Lease} on one shared context; the first lease creates it
 * with its settings, the last one to close stops it and removes its files. A non-local master gets a context of its
 * own, unshared. The shared context is JVM-wide state because Spark's is; the other JVM-wide settings of this program
 * (Kafka's exit procedures, the streaming clock) are scoped to the brokers and the runner that need them.
 */
public final class LocalSpark {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSpark.class);

    private static JavaSparkContext shared;
    private static TempDir sharedDir;
    private static int leases;

    private LocalSpark() {
    }

    /**
     * Settings for a context.
     *
     * @param master the master ({@code local[2]} unless a cluster is wanted)
     * @param appName the name Spark shows
     * @param ui whether to serve the web UI (on 127.0.0.1)
     * @param uiPort the first port to try for the UI
     * @param alignedClock whether streaming contexts on it use {@link AlignedClock} (the demo's and the stream
     *     command's choice, so a first batch comes right after start); otherwise Spark's own clock
     * @param overrides Spark properties that win over the defaults
     */
    public record Settings(String master, String appName, boolean ui, int uiPort, boolean alignedClock,
            Map<String, String> overrides) {
        /** Copies. */
        public Settings {
            overrides = Map.copyOf(overrides);
        }

        /** Local mode, UI off: what tests want. */
        public static Settings forTests() {
            return new Settings("local[2]", "kafka-spark-test", false, 4040, false, Map.of());
        }

        /** Whether Spark runs inside this JVM. */
        public boolean isLocal() {
            return master.startsWith("local");
        }
    }

    /** A hold on the Spark context; closing it lets the context stop once nobody else holds it. */
    public interface Lease extends AutoCloseable {
        /** The context. */
        JavaSparkContext context();

        /** Releases the hold; safe to call twice. */
        @Override
        void close();
    }

    /** Takes a lease, creating the context if none runs. */
    public static Lease acquire(Settings settings) {
        checkRuntime();
        if (!settings.isLocal()) {
            TempDir dir = TempDir.create("kafka-spark-spark-");
            try {
                JavaSparkContext sc = create(settings, dir);
                return lease(sc, () -> stop(sc, dir));
            } catch (Throwable e) {
                dir.close();
                throw e;
            }
        }
        synchronized (LocalSpark.class) {
            if (shared == null) {
                TempDir dir = TempDir.create("kafka-spark-spark-");
                try {
                    shared = create(settings, dir);
                    sharedDir = dir;
                } catch (Throwable e) {
                    dir.close();
                    throw e;
                }
            } else {
                LOG.info("sharing the running Spark context (Spark allows one per JVM)");
            }
            leases++;
            JavaSparkContext sc = shared;
            return lease(sc, LocalSpark::release);
        }
    }

    /**
     * Fails in one line, before anything starts, when Spark cannot run in this JVM: another Spark minor version on the
     * class path, or the {@code --add-opens} flags missing.
     */
    public static void checkRuntime() {
        RuntimeCheck.requireSpark();
        RuntimeCheck.requireSparkJvmFlags();
    }

    private static Lease lease(JavaSparkContext sc, Runnable onClose) {
        return new Lease() {
            private boolean closed;

            @Override
            public JavaSparkContext context() {
                if (closed) {
                    throw new IllegalStateException("this Spark lease is closed");
                }
                return sc;
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    onClose.run();
                }
            }
        };
    }

    private static synchronized void release() {
        if (--leases == 0) {
            JavaSparkContext sc = shared;
            TempDir dir = sharedDir;
            shared = null;
            sharedDir = null;
            stop(sc, dir);
        }
    }

    private static void stop(JavaSparkContext sc, TempDir dir) {
        try (dir) {
            sc.stop();
            LOG.info("Spark context stopped");
        } finally {
            org.apache.spark.util.Utils$.MODULE$.clearLocalRootDirs();
        }
    }

    private static JavaSparkContext create(Settings settings, TempDir localDir) {
        boolean ui = settings.ui();
        // Spark's default driver address is this machine's outside one, unless SPARK_LOCAL_IP is set, which keeping
        // the UI on loopback does: for a cluster elsewhere it is taken first, so its executors can still reach it.
        String driverHost = settings.isLocal() || loopbackMaster(settings.master()) ? Ports.LOOPBACK
                : org.apache.spark.util.Utils$.MODULE$.localCanonicalHostName();
        if (ui && System.getenv(SparkLoopback.VARIABLE) != null) {
            LOG.info("Spark UI on {}, as {} asks", System.getenv(SparkLoopback.VARIABLE), SparkLoopback.VARIABLE);
        } else if (ui && !SparkLoopback.ensure(Ports.LOOPBACK)) {
            LOG.warn("Spark UI turned off: it could not be kept on {}", Ports.LOOPBACK);
            ui = false;
        }
        // Spark caches the first context's local directories for the whole JVM; forget them so this context uses
        // (and its stop removes) its own.
        org.apache.spark.util.Utils$.MODULE$.clearLocalRootDirs();
        JavaSparkContext sc = new JavaSparkContext(conf(settings, ui, localDir, driverHost));
        if (settings.isLocal()) {
            // A first tiny job loads the scheduler and task code now, not in the first batch. Not on a cluster: there
            // it would wait for executors, which may never start (the stream watches for that and says so).
            sc.parallelize(List.of(1, 2), 2).map(x -> x + 1).count();
        }
        LOG.info("Spark context started: master {}, UI {}", settings.master(), sc.sc().uiWebUrl());
        return sc;
    }

    static boolean loopbackMaster(String master) {
        return master.matches("spark://(127\\.0\\.0\\.1|localhost)(:\\d+)?");
    }

    /**
     * Spark's configuration for the context. Settings spark-submit gave (its system properties: the jars, the
     * driver's address) are kept; the caller's overrides win over everything.
     */
    static SparkConf conf(Settings s, boolean ui, TempDir localDir, String driverHost) {
        SparkConf conf = new SparkConf().setMaster(s.master()).setAppName(s.appName());
        conf.set("spark.ui.enabled", Boolean.toString(ui));
        conf.set("spark.ui.port", Integer.toString(s.uiPort()));
        conf.set("spark.ui.showConsoleProgress", "false");
        conf.set("spark.local.dir", localDir.path().toString());
        if (s.alignedClock()) {
            conf.set(AlignedClock.SPARK_SETTING, AlignedClock.class.getName());
        }
        if (s.isLocal() || loopbackMaster(s.master())) {
            // A loopback cluster: the driver's RPC and block manager stay on 127.0.0.1, where its executors are.
            conf.set("spark.driver.host", Ports.LOOPBACK);
            conf.set("spark.driver.bindAddress", Ports.LOOPBACK);
        } else if (!conf.contains("spark.driver.host")) {
            conf.set("spark.driver.host", driverHost);
        }
        if (!s.isLocal() && !conf.contains("spark.jars")) {
            // A real cluster's executors need this program's classes (spark-submit has given its jar already).
            String[] jars = JavaSparkContext.jarOfClass(LocalSpark.class);
            if (jars.length > 0) {
                conf.setJars(jars);
            }
        }
        s.overrides().forEach(conf::set);
        return conf;
    }
}
