package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.batch.BatchListener;
import dev.kafkaspark.internal.batch.BatchReport;
import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.workload.SyntheticProducer;
import java.util.ArrayList;
import java.util.List;

/** Each finished batch with what the producer had done by then: the run as a series, for the bench report's chart. */
final class BatchSeries implements BatchListener {

    private final SyntheticProducer producer;
    private final List<RunMetrics.BatchPoint> points = new ArrayList<>();
    private long processed;

    BatchSeries(SyntheticProducer producer) {
        this.producer = producer;
    }

    @Override
    public synchronized void onBatch(BatchReport report) {
        long records = report.partitions().stream().mapToLong(PartitionSummary::count).sum();
        processed += records;
        points.add(new RunMetrics.BatchPoint(Narrator.sinceStart(report.finishedMillis()), records,
                producer == null ? 0 : producer.acknowledged(), processed));
    }

    /** The points so far. */
    synchronized List<RunMetrics.BatchPoint> points() {
        return List.copyOf(points);
    }
}
