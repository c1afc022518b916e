package dev.kafkaspark.internal.spark;

import java.lang.reflect.Field;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's web UI binds every interface unless {@code SPARK_LOCAL_IP} is set, and reads that only from the process
 * environment. To keep the UI on 127.0.0.1 without asking every user to export a variable, this sets it in this
 * process's own view of the environment (needs {@code --add-opens java.base/java.util}, which the jar's manifest
 * and the test configuration already give Spark).
 */
public final class SparkLoopback {

    private static final Logger LOG = LoggerFactory.getLogger(SparkLoopback.class);
    static final String VARIABLE = "SPARK_LOCAL_IP";

    private SparkLoopback() {
    }

    /** Returns true when the UI will bind to loopback only (already set, or set now). */
    public static synchronized boolean ensure(String address) {
        String current = System.getenv(VARIABLE);
        if (current != null) {
            return current.equals(address);
        }
        return setenv(VARIABLE, address);
    }

    /**
     * Sets a variable in this process's view of its environment, which Spark reads ({@code sys.env}) and the
     * processes it starts inherit; returns whether it took.
     */
    public static synchronized boolean setenv(String name, String value) {
        try {
            Map<String, String> env = System.getenv();
            Field m = env.getClass().getDeclaredField("m");
            m.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, String> writable = (Map<String, String>) m.get(env);
            writable.put(name, value);
            return value.equals(System.getenv(name));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("could not set {} for Spark: {}", name, e.toString());
            return false;
        }
    }
}
