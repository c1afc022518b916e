package dev.kafkaspark.internal.events;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the demo and the commands say what happens: each call publishes one {@link Event} on the run's
 * {@link EventBus}, and returns at once. The console narrative ({@link ConsoleNarrative}) is one subscriber; a
 * command that prints anything itself calls {@link #flush()} first, so its lines come after the narrative's.
 */
public final class Narrator {

    // When the launcher started this JVM (see Launcher), the clock starts when the user started the program.
    private static final long JVM_START = Long.getLong("demo.launcher.start",
            ManagementFactory.getRuntimeMXBean().getStartTime());
    private static final int CONSOLE_QUEUE = 10_000;

    private final EventBus bus;

    /** A narrator whose events the console narrative prints to {@code out}. */
    public Narrator(PrintWriter out) {
        this(new EventBus());
        bus.subscribe("console", CONSOLE_QUEUE, new ConsoleNarrative(out));
    }

    /** A narrator publishing on the given bus. */
    public Narrator(EventBus bus) {
        this.bus = bus;
    }

    /** The bus this narrator publishes on, for more subscribers. */
    public EventBus bus() {
        return bus;
    }

    /** Milliseconds since the JVM started. */
    public static long sinceStart() {
        return System.currentTimeMillis() - JVM_START;
    }

    /** When the program started (wall clock): the zero of every {@code at}. */
    public static long startedAtMillis() {
        return JVM_START;
    }

    /** Milliseconds between the program's start and the given wall-clock time. */
    public static long sinceStart(long wallClockMillis) {
        return wallClockMillis - JVM_START;
    }

    /** A step: {@code [  1.93s] message}. */
    public void step(String format, Object... args) {
        publish(new Event.Step(sinceStart(), String.format(Locale.ROOT, format, args)));
    }

    /**
     * A step of a scenario (a broker stopped, a stream restarted), marked so it stands out among the batch lines:
     * {@code [ 10.02s] >>> stopping broker 2 ...}.
     */
    public void event(String format, Object... args) {
        publish(new Event.ScenarioStep(sinceStart(), String.format(Locale.ROOT, format, args)));
    }

    /** A line as it is, with no stamp. */
    public void line(String text) {
        publish(new Event.Text(sinceStart(), text));
    }

    /** A part started, said as a step. */
    public void started(String part, String address, String format, Object... args) {
        publish(new Event.PartStarted(sinceStart(), part, address, String.format(Locale.ROOT, format, args)));
    }

    /** A part stopped, said as a step. */
    public void stopped(String part, String format, Object... args) {
        publish(new Event.PartStopped(sinceStart(), part, String.format(Locale.ROOT, format, args)));
    }

    /** Publishes an event as it is. */
    public void publish(Event event) {
        bus.publish(event);
    }

    /** Waits (a few seconds at most) until every subscriber has handled what was said so far. */
    public void flush() {
        bus.flush(Duration.ofSeconds(5));
    }
}
