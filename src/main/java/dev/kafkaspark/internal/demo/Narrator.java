package dev.kafkaspark.internal.demo;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The console narrative: one line per step, stamped with the seconds since the JVM started (the time base of every
 * figure the project reports).
 */
public final class Narrator {

    // When the launcher started this JVM (see Launcher), the clock starts when the user started the program.
    private static final long JVM_START = Long.getLong("demo.launcher.start",
            ManagementFactory.getRuntimeMXBean().getStartTime());

    private final PrintWriter out;

    /** @param out where the narrative goes */
    public Narrator(PrintWriter out) {
        this.out = out;
    }

    /** Milliseconds since the JVM started. */
    public static long sinceStart() {
        return System.currentTimeMillis() - JVM_START;
    }

    /** Milliseconds from JVM start to a wall-clock time. */
    public static long sinceStart(long wallClockMillis) {
        return wallClockMillis - JVM_START;
    }

    /** A step: {@code [  1.93s] message}. */
    public synchronized void step(String format, Object... args) {
        out.printf(Locale.ROOT, "[%6.2fs] %s%n", sinceStart() / 1000.0, String.format(Locale.ROOT, format, args));
        out.flush();
    }

    /**
     * A step of a scenario (a broker stopped, a stream restarted), marked so it stands out among the batch lines:
     * {@code [ 10.02s] >>> stopping broker 2 ...}.
     */
    public void event(String format, Object... args) {
        step(">>> " + format, args);
    }

    /** A line as it is, with no stamp. */
    public synchronized void line(String text) {
        out.println(text);
        out.flush();
    }
}
