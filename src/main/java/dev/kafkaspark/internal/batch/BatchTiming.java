package dev.kafkaspark.internal.batch;

/**
 * When a batch ran, as Spark saw it: the DStream scheduler's batch info, or a Structured Streaming query's progress.
 *
 * @param batchTimeMillis the batch time (wall clock)
 * @param records records in the batch
 * @param schedulingDelayMillis how long the batch waited after its time before it started (-1: unknown)
 * @param processingMillis how long it took (-1: unknown)
 * @param inputPerSecond the engine's own input rate (Structured Streaming's inputRowsPerSecond); NaN when it
 *     reports none
 * @param processedPerSecond the engine's own processing rate (processedRowsPerSecond); NaN when it reports none
 */
public record BatchTiming(long batchTimeMillis, long records, long schedulingDelayMillis, long processingMillis,
        double inputPerSecond, double processedPerSecond) {

    /** A batch's timing without the engine's own rates (DStreams report none). */
    public BatchTiming(long batchTimeMillis, long records, long schedulingDelayMillis, long processingMillis) {
        this(batchTimeMillis, records, schedulingDelayMillis, processingMillis, Double.NaN, Double.NaN);
    }

    /** Whether the engine reported its own input and processing rates. */
    public boolean hasRates() {
        return !Double.isNaN(inputPerSecond) && !Double.isNaN(processedPerSecond);
    }
}
