package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.support.Ports;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** For a {@code spark://} master: whether it has not accepted a connection for a while (checked every second). */
public final class MasterWatch {
    private final String hostPort;
    private final long limitNanos;
    private long unreachableSince = -1;
    private long lastCheck;

    public MasterWatch(String master, Duration limit) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("spark://([^:/,]+):(\\d+)").matcher(master);
        this.hostPort = m.matches() ? m.group(1) + ":" + m.group(2) : null;
        this.limitNanos = limit.toNanos();
    }

    /** Whether the master has not accepted a connection for the limit (checked once a second at most). */
    public boolean lost() {
        if (hostPort == null) {
            return false;
        }
        long now = System.nanoTime();
        if (now - lastCheck < TimeUnit.SECONDS.toNanos(1)) {
            return unreachableSince >= 0 && now - unreachableSince >= limitNanos;
        }
        lastCheck = now;
        if (Ports.anyListening(hostPort, Duration.ofSeconds(1))) {
            unreachableSince = -1;
            return false;
        }
        if (unreachableSince < 0) {
            unreachableSince = now;
        }
        return now - unreachableSince >= limitNanos;
    }
}
