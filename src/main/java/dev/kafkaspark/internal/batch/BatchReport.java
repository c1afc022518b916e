package dev.kafkaspark.internal.batch;

import java.util.Comparator;
import java.util.List;

/**
 * One finished batch as the driver sees it.
 *
 * @param batchTimeMillis the batch time Spark assigned, as wall-clock time (a multiple of the interval on Spark's clock,
 *     which the demo shifts so the first batch comes right after start; see {@code AlignedClock})
 * @param partitions the per-partition summaries, by partition
 * @param finishedMillis when the batch's output finished (wall clock)
 * @param batchId a Structured Streaming micro-batch's id (-1: a DStream batch, known by its time)
 */
public record BatchReport(long batchTimeMillis, List<PartitionSummary> partitions, long finishedMillis,
        long batchId) {

    /** A DStream batch, known by its time. */
    public BatchReport(long batchTimeMillis, List<PartitionSummary> partitions, long finishedMillis) {
        this(batchTimeMillis, partitions, finishedMillis, -1);
    }

    /** Copies and sorts the partitions. */
    public BatchReport {
        partitions = partitions.stream().sorted(Comparator.comparing(PartitionSummary::partition)
                .thenComparing(p -> p.range().topic())).toList();
    }

    /** Records in the batch. */
    public long count() {
        return partitions.stream().mapToLong(PartitionSummary::count).sum();
    }

    /** The first {@code n} records, partition by partition, in offset order. */
    public List<PartitionSummary.Sample> samples(int n) {
        return partitions.stream().flatMap(p -> p.samples().stream()).limit(n).toList();
    }
}
