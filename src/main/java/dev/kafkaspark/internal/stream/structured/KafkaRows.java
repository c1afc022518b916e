package dev.kafkaspark.internal.stream.structured;

import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.workload.SequenceReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The Kafka source's micro-batch as Spark's internal (Catalyst) rows, summarized per Kafka partition on the executors:
 * the one class of the Structured Streaming engine that reads Spark's internals, and so the one a second Spark line
 * (Spark 4) replaces.
 */
public final class KafkaRows {

    private KafkaRows() {
    }

    /** One summary per Kafka partition of the micro-batch, each made where its records are. */
    public static JavaRDD<PartitionSummary> summarize(Dataset<Row> batch, int samples, SequenceReader sequences) {
        return rows(batch).toJavaRDD().mapPartitions(new Summarizer(samples, sequences));
    }

    /**
     * The micro-batch's rows as Spark's internal rows. {@code foreachBatch} hands the micro-batch over as a Dataset
     * over the rows Spark has already planned (a {@link LogicalRDD}): taking them from there spares planning them a
     * second time, which at 200 ms batches was a fifth of the driver's work. Any other plan is planned.
     */
    public static RDD<InternalRow> rows(Dataset<Row> batch) {
        return batch.queryExecution().logical() instanceof LogicalRDD planned ? planned.rdd()
                : batch.queryExecution().toRdd();
    }

    /**
     * Summarizes one Kafka partition's records of a micro-batch, where they are. It reads Spark's internal rows as the
     * Kafka source makes them (key, value, topic, partition, offset, timestamp in microseconds, timestamp type) rather
     * than {@code Row}s, which would cost a conversion and several objects per record; the value's sequence number is
     * read in the row's own bytes, and the few distinct keys become strings once per task.
     */
    public static final class Summarizer implements FlatMapFunction<Iterator<InternalRow>, PartitionSummary> {
        private static final long serialVersionUID = 1L;
        static final int KEY = 0;
        static final int VALUE = 1;
        static final int TOPIC = 2;
        static final int PARTITION = 3;
        static final int OFFSET = 4;
        static final int TIMESTAMP = 5;
        private final int samples;
        private final SequenceReader sequences;

        public Summarizer(int samples, SequenceReader sequences) {
            this.samples = samples;
            this.sequences = sequences;
        }

        @Override
        public Iterator<PartitionSummary> call(Iterator<InternalRow> rows) {
            if (!rows.hasNext()) {
                return Collections.emptyIterator();
            }
            InternalRow first = rows.next();
            long offset = first.getLong(OFFSET);
            PartitionSummary summary = new PartitionSummary(OffsetRange.create(first.getUTF8String(TOPIC).toString(),
                    first.getInt(PARTITION), offset, offset + 1));
            summary.ranHere();
            Map<UTF8String, String> keys = new HashMap<>();
            // The iterator may hand out one row object again and again: each row is read before the next.
            for (InternalRow r = first; r != null; r = rows.hasNext() ? rows.next() : null) {
                offset = r.getLong(OFFSET);
                UTF8String value = bytes(r, VALUE);
                summary.add(offset, key(bytes(r, KEY), keys), sequences.seq(value),
                        value != null && summary.sampling(samples) ? value.toString() : null,
                        r.getLong(TIMESTAMP) / 1000, samples);
            }
            summary.until(offset + 1);
            return List.of(summary).iterator();
        }

        /** A binary column's bytes where the row holds them (a view, valid until the next row), or null. */
        private static UTF8String bytes(InternalRow r, int column) {
            if (r.isNullAt(column)) {
                return null;
            }
            return r instanceof UnsafeRow ? r.getUTF8String(column) : UTF8String.fromBytes(r.getBinary(column));
        }

        /** The key as a string, made once per distinct key (as many as {@link PartitionSummary#MAX_KEYS}). */
        private static String key(UTF8String bytes, Map<UTF8String, String> known) {
            if (bytes == null) {
                return null;
            }
            String key = known.get(bytes);
            if (key == null) {
                key = bytes.toString();
                if (known.size() < PartitionSummary.MAX_KEYS) {
                    known.put(bytes.clone(), key); // the view's bytes change with the next row
                }
            }
            return key;
        }
    }
}
