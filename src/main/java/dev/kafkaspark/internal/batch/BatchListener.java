package dev.kafkaspark.internal.batch;

/** Receives every finished batch on the driver, after its output and before its offsets are committed. */
@FunctionalInterface
public interface BatchListener {
    /** Called once per batch, empty batches included, from Spark's job thread. */
    void onBatch(BatchReport report);
}
