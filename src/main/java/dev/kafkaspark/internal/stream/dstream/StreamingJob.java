package dev.kafkaspark.internal.stream.dstream;

import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.workload.SequenceReader;
import java.util.Iterator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.kafka010.HasOffsetRanges;
import org.apache.spark.streaming.kafka010.OffsetRange;

/**
 * The streaming logic, free of any lifecycle: from the Kafka direct stream to one {@link PartitionSummary} per Kafka
 * partition and batch. It runs unchanged on a real cluster.
 */
public final class StreamingJob {

    private StreamingJob() {
    }

    /**
     * Summarises every batch of the direct stream per Kafka partition.
     *
     * @param input the kafka-0-10 direct stream (its RDDs carry their offset ranges), values as bytes: the job needs
     *     a record's key and sequence number, and a value as text only for the few records it shows
     * @param samplesPerPartition how many records of each partition to keep as text
     * @param sequences reads each value's sequence number
     */
    public static JavaDStream<PartitionSummary> summarize(JavaInputDStream<ConsumerRecord<String, byte[]>> input,
            int samplesPerPartition, SequenceReader sequences) {
        return input.transform(rdd -> {
            OffsetRange[] ranges = ((HasOffsetRanges) rdd.rdd()).offsetRanges();
            return rdd.mapPartitionsWithIndex(new Summarizer(ranges, samplesPerPartition, sequences), true);
        });
    }

    /** Summarises one partition of a Kafka RDD; the partition index is the index into the offset ranges. */
    static final class Summarizer
            implements Function2<Integer, Iterator<ConsumerRecord<String, byte[]>>, Iterator<PartitionSummary>> {
        private static final long serialVersionUID = 1L;

        private final OffsetRange[] ranges;
        private final int samples;
        private final SequenceReader sequences;

        Summarizer(OffsetRange[] ranges, int samples, SequenceReader sequences) {
            this.ranges = ranges;
            this.samples = samples;
            this.sequences = sequences;
        }

        @Override
        public Iterator<PartitionSummary> call(Integer index, Iterator<ConsumerRecord<String, byte[]>> records) {
            PartitionSummary summary = new PartitionSummary(ranges[index]);
            summary.ranHere();
            while (records.hasNext()) {
                ConsumerRecord<String, byte[]> r = records.next();
                summary.add(r.offset(), r.key(), r.value(), sequences, r.timestamp(), samples);
            }
            return List.of(summary).iterator();
        }
    }
}
