package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.batch.BatchListener;
import dev.kafkaspark.internal.batch.BatchReport;
import dev.kafkaspark.internal.batch.PartitionSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints every batch for a learner, in at most 80 columns: its time and record count, the offset range each
 * partition contributed, and the first few records (as Spark's {@code print()} would show them).
 */
public final class BatchPrinter implements BatchListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final int WIDTH = 80;

    private final Narrator narrator;
    private final int samples;

    /**
     * @param narrator where to print
     * @param samples how many records of each batch to show
     */
    public BatchPrinter(Narrator narrator, int samples) {
        this.narrator = narrator;
        this.samples = samples;
    }

    @Override
    public void onBatch(BatchReport report) {
        narrator.line(format(report, samples));
    }

    /** The text printed for one batch (no trailing newline). */
    public static String format(BatchReport report, int samples) {
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
        java.util.Map<String, List<Integer>> byExecutor = new java.util.TreeMap<>();
        for (PartitionSummary p : report.partitions()) {
            if (!p.executor().isEmpty()) {
                byExecutor.computeIfAbsent(p.executor(), e -> new ArrayList<>()).add(p.partition());
            }
        }
        if (!byExecutor.isEmpty()) {
            List<String> ran = new ArrayList<>();
            byExecutor.forEach((e, ps) -> ran.add(e + " (p" + ps.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(", p")) + ")"));
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
