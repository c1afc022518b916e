package dev.kafkaspark.internal.workload;

import java.io.Serializable;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads the sequence number a record's value carries, which the delivery check counts; {@code -1} when the value
 * carries none (a record someone else wrote). The streaming jobs take one from their settings and ship it to the
 * executors, so a new message format needs only a reader of its own ({@link RecordFormat#SEQUENCES} reads the
 * synthetic producer's).
 */
public interface SequenceReader extends Serializable {

    /** The sequence number in a value's bytes, as the producer sent them, or -1. */
    long seq(byte[] value);

    /**
     * The sequence number in a value read where Spark keeps it (a row's bytes, a view valid until the next row), or
     * -1. By default the bytes are copied; a reader can do better.
     */
    default long seq(UTF8String value) {
        return value == null ? -1 : seq(value.getBytes());
    }
}
