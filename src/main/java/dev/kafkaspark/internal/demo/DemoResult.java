package dev.kafkaspark.internal.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a demo run.
 *
 * @param reason why it stopped
 * @param orderViolations records out of order within a partition (replays aside)
 * @param keyConflicts keys seen in more than one partition
 * @param failure what failed, or {@code null}
 * @param replayed records read again after a stream restart
 * @param expectedDuplicates whether repeats are what the delivery mode allows (at-least-once after a restart)
 * @param storeDir the exactly-once store, or {@code null}
 * @param metrics what the run measured, counts included
 */
public record DemoResult(StopReason reason, long orderViolations, long keyConflicts, String failure, long replayed,
        boolean expectedDuplicates, Path storeDir, RunMetrics metrics) {

    /** Why the demo stopped. */
    public enum StopReason {
        /** All the records asked for were processed. */
        RECORDS_DONE,
        /** The duration asked for elapsed. */
        DURATION,
        /** A stop was requested (Ctrl-C, or {@link Demo#requestStop()}). */
        INTERRUPTED,
        /** A component failed. */
        FAILED
    }

    /** Records the brokers acknowledged. */
    public long produced() {
        return metrics.produced();
    }

    /** Records Spark processed (repeats included). */
    public long processed() {
        return metrics.processed();
    }

    /** Acknowledged records never processed. */
    public long missing() {
        return metrics.missing();
    }

    /** Processings beyond the first. */
    public long duplicated() {
        return metrics.duplicated();
    }

    /** Milliseconds from program start to the end of the first batch with records, or -1. */
    public long firstBatchMs() {
        return metrics.firstBatchMs();
    }

    /** A line on throughput, for people. */
    public String throughputLine() {
        return String.format(Locale.ROOT, "throughput: %,d records produced in %.1f s (%,.0f/s); processed by"
                + " Spark in %.1f s (%,.0f/s)", produced(), metrics.producingS(), metrics.producedPerS(),
                metrics.processingS(), metrics.processedPerS());
    }

    /** The final line: {@code SUMMARY produced=.. processed=.. missing=.. duplicated=.. first-batch-ms=..}. */
    public String summaryLine() {
        return String.format(Locale.ROOT, "SUMMARY produced=%d processed=%d missing=%d duplicated=%d"
                + " first-batch-ms=%d", produced(), processed(), missing(), duplicated(), firstBatchMs());
    }

    /**
     * Whether the run kept its promise: nothing missing, nothing failed, order and keys kept, and no repeats beyond
     * what the delivery mode allows.
     */
    public boolean clean() {
        return missing() == 0 && (duplicated() == 0 || expectedDuplicates) && orderViolations == 0
                && keyConflicts == 0 && failure == null;
    }

    /**
     * The lines a user reads at the end: what was lost, duplicated or out of order (only when something was), where
     * the exactly-once store is, the throughput, the {@code BENCH} line when asked for, and the summary.
     */
    public List<String> summaryLines(boolean benchReport) {
        List<String> lines = new ArrayList<>();
        if (missing() > 0) {
            lines.add("LOST: " + missing() + " record(s) acknowledged by Kafka were never processed by Spark"
                    + (reason() == StopReason.INTERRUPTED
                            ? " (stopped before Spark caught up: they are the ones still in flight)" : ""));
        }
        if (duplicated() > 0) {
            lines.add("DUPLICATED: " + duplicated() + " record(s) were processed more than once"
                    + (expectedDuplicates() ? " (at-least-once: the restarted stream repeated what came after"
                            + " the last offset commit; nothing was lost)" : ""));
        }
        if (storeDir() != null) {
            lines.add("exactly-once store (one file per batch, output and offsets together): " + storeDir());
        }
        if (orderViolations() > 0 || keyConflicts() > 0) {
            lines.add("ORDER: " + orderViolations() + " record(s) out of order within a partition, "
                    + keyConflicts() + " key(s) seen in more than one partition");
        }
        if (produced() > 0) {
            lines.add(throughputLine());
        }
        if (benchReport) {
            lines.add("BENCH " + metrics().toJson());
        }
        lines.add(summaryLine());
        return lines;
    }
}
