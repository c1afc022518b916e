package dev.kafkaspark.internal.cluster;

import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Kafka from ending the whole JVM while brokers of this process run: its fatal paths throw instead, and the
 * owner decides what to do. Kafka's own procedures come back when the last broker closes, so a JVM that goes on
 * (a test run, a user's program) gets them back.
 */
public final class ExitGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ExitGuard.class);
    private static int holders;

    private ExitGuard() {
    }

    public static synchronized void acquire() {
        if (holders++ > 0) {
            return;
        }
        Exit.setExitProcedure((status, message) -> {
            LOG.error("Kafka asked to exit the JVM with status {}: {}", status, message);
            throw new IllegalStateException("Kafka asked to exit with status " + status + ": " + message);
        });
        Exit.setHaltProcedure((status, message) -> {
            LOG.error("Kafka asked to halt the JVM with status {}: {}", status, message);
            throw new IllegalStateException("Kafka asked to halt with status " + status + ": " + message);
        });
    }

    public static synchronized void release() {
        if (holders > 0 && --holders == 0) {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }
}
