package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.batch.BatchListener;
import dev.kafkaspark.internal.batch.BatchReport;
import dev.kafkaspark.internal.events.Event;
import dev.kafkaspark.internal.events.Narrator;

/**
 * Publishes every batch for a learner: the console narrative shows it in at most 80 columns (its time and record
 * count, the offset range each partition contributed, and the first few records, as Spark's {@code print()} would).
 */
public final class BatchPrinter implements BatchListener {

    private final Narrator narrator;
    private final int samples;
    private final boolean quiet;

    /**
     * @param narrator where to publish
     * @param samples how many records of each batch to show
     * @param quiet the console shows only the status line of each batch (the live page still shows the batch)
     */
    public BatchPrinter(Narrator narrator, int samples, boolean quiet) {
        this.narrator = narrator;
        this.samples = samples;
        this.quiet = quiet;
    }

    @Override
    public void onBatch(BatchReport report) {
        if (report.batchId() >= 0 && report.count() == 0) {
            return; // a Structured Streaming micro-batch that read nothing: the query shows none (DStreams show all)
        }
        narrator.publish(new Event.BatchCompleted(Narrator.sinceStart(), report, samples, quiet));
    }
}
