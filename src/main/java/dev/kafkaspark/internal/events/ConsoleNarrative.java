package dev.kafkaspark.internal.events;

import dev.kafkaspark.internal.batch.BatchReport;
import dev.kafkaspark.internal.batch.PartitionSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The console narrative: renders each {@link Event} as the lines a person reads, a step stamped with the seconds
 * since the program started ({@code [  1.93s] message}), a batch as its header, offsets and first records.
 */
public final class ConsoleNarrative implements Consumer<Event> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final int WIDTH = 80;

    private final PrintWriter out;

    /** @param out where the narrative goes */
    public ConsoleNarrative(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(Event event) {
        // Java 17: no pattern matching in switch yet; the event types are few and sealed.
        if (event instanceof Event.Step e) {
            step(e.at(), e.text());
        } else if (event instanceof Event.Text e) {
            line(e.text());
        } else if (event instanceof Event.PartStarted e) {
            step(e.at(), e.text());
        } else if (event instanceof Event.PartStopped e) {
            step(e.at(), e.text());
        } else if (event instanceof Event.ScenarioStep e) {
            step(e.at(), ">>> " + e.text());
        } else if (event instanceof Event.Access e) {
            step(e.at(), e.text());
        } else if (event instanceof Event.PartitionTable e) {
            if (e.changed()) {
                step(e.at(), "partitions of " + e.topic() + " changed:");
            }
            line(table(e.rows(), e.stopped()));
        } else if (event instanceof Event.BatchCompleted e) {
            if (!e.quiet()) {
                line(batch(e.report(), e.samples()));
            }
        } else if (event instanceof Event.StatusSample e) {
            line(StatusLine.format(e.inPerSecond(), e.outPerSecond(), e.lag(), e.processingMillis(),
                    e.schedulingDelayMillis()));
        } else if (event instanceof Event.Summary e) {
            e.lines().forEach(this::line);
        }
    }

    private void step(long at, String text) {
        out.printf(Locale.ROOT, "[%6.2fs] %s%n", at / 1000.0, text);
        out.flush();
    }

    private void line(String text) {
        out.println(text);
        out.flush();
    }

    /** The partition table, a stopped broker marked with {@code *} wherever it appears. */
    public static String table(List<Event.PartitionRow> rows, Set<Integer> stopped) {
        StringBuilder b = new StringBuilder("    partition  leader  replicas    in-sync replicas");
        for (Event.PartitionRow r : rows) {
            b.append('\n').append(String.format(Locale.ROOT, "    %-9d  %-6s  %-10s  %s", r.partition(),
                    r.leader() < 0 ? "none" : mark(r.leader(), stopped), join(r.replicas(), stopped),
                    join(r.isr(), stopped)));
        }
        if (!stopped.isEmpty()) {
            b.append("\n    * stopped; Kafka lists it as in sync until its controller has noticed");
        }
        return b.toString();
    }

    private static String mark(int id, Set<Integer> stopped) {
        return stopped.contains(id) ? id + "*" : Integer.toString(id);
    }

    private static String join(List<Integer> ids, Set<Integer> stopped) {
        return ids.stream().map(id -> mark(id, stopped)).collect(Collectors.joining(","));
    }

    /** The text shown for one batch (no trailing newline). */
    public static String batch(BatchReport report, int samples) {
        StringBuilder b = new StringBuilder();
        String head = String.format(Locale.ROOT, "--- batch %s%s: %d record%s, done %.2fs after batch time ",
                report.batchId() < 0 ? "" : report.batchId() + " at ",
                TIME.format(Instant.ofEpochMilli(report.batchTimeMillis())), report.count(),
                report.count() == 1 ? "" : "s", (report.finishedMillis() - report.batchTimeMillis()) / 1000.0);
        b.append(head).append("-".repeat(Math.max(3, WIDTH - head.length())));
        List<String> cells = new ArrayList<>();
        for (PartitionSummary p : report.partitions()) {
            cells.add(String.format(Locale.ROOT, "p%d offsets %d..%d (%d)", p.partition(), p.range().fromOffset(),
                    p.range().untilOffset(), p.count()));
        }
        StringBuilder row = new StringBuilder("    ");
        for (String cell : cells) {
            if (row.length() > 4 && row.length() + cell.length() + 3 > WIDTH) {
                b.append('\n').append(row.toString().stripTrailing());
                row = new StringBuilder("    ");
            }
            row.append(cell).append("   ");
        }
        if (row.length() > 4) {
            b.append('\n').append(row.toString().stripTrailing());
        }
        // On a cluster: which executors ran this batch's tasks (each partition is one task).
        Map<String, List<Integer>> byExecutor = new TreeMap<>();
        for (PartitionSummary p : report.partitions()) {
            if (!p.executor().isEmpty()) {
                byExecutor.computeIfAbsent(p.executor(), e -> new ArrayList<>()).add(p.partition());
            }
        }
        if (!byExecutor.isEmpty()) {
            List<String> ran = new ArrayList<>();
            byExecutor.forEach((e, ps) -> ran.add(e + " (p" + ps.stream().map(String::valueOf)
                    .collect(Collectors.joining(", p")) + ")"));
            b.append("\n    ran on ").append(String.join(", ", ran));
        }
        for (PartitionSummary.Sample s : report.samples(samples)) {
            String line = String.format(Locale.ROOT, "    p%d@%d %s: %s", s.partition(), s.offset(), s.key(),
                    s.value());
            b.append('\n').append(line.length() > WIDTH ? line.substring(0, WIDTH - 3) + "..." : line);
        }
        if (report.count() > samples && samples > 0) {
            b.append("\n    ...");
        }
        return b.toString();
    }
}
