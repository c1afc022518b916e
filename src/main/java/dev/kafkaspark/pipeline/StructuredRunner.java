package dev.kafkaspark.pipeline;

import dev.kafkaspark.support.TempDir;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming job as a Structured Streaming query: the Kafka source subscribed to the topic from the earliest
 * offsets, a processing-time trigger at the batch interval, and a {@code foreachBatch} sink that summarizes each
 * micro-batch per Kafka partition on the executors (as {@link StreamingJob} does) and hands it to the
 * {@link BatchListener}. Offsets live in the query's checkpoint (a temp directory, removed at stop), not in Kafka.
 */
public final class StructuredRunner implements StreamEngine {

    private static final Logger LOG = LoggerFactory.getLogger(StructuredRunner.class);

    private final StreamingSettings settings;
    private final LocalSpark.Lease spark;
    private final JavaSparkContext sparkContext;
    private TempDir checkpoint;
    private StreamingQuery query;
    private boolean closed;

    private StructuredRunner(StreamingSettings settings, LocalSpark.Lease spark) {
        this.settings = settings;
        this.spark = spark;
        this.sparkContext = spark.context();
    }

    /** Takes the Spark context (creating it if none runs; no Kafka needed yet). */
    public static StructuredRunner prepare(StreamingSettings settings) {
        return new StructuredRunner(settings, LocalSpark.acquire(new LocalSpark.Settings(settings.master(),
                settings.appName(), settings.ui(), settings.uiPort(), false, settings.sparkOverrides())));
    }

    @Override
    public synchronized void start(String bootstrapServers, BatchListener listener) {
        if (closed || query != null) {
            throw new IllegalStateException(closed ? "the streaming runner is closed" : "the query is already started");
        }
        SparkSession session = SparkSession.builder().sparkContext(sparkContext.sc()).getOrCreate().newSession();
        session.conf().set("spark.sql.streaming.stopTimeout", Long.toString(settings.batchInterval().toMillis() * 3));
        Dataset<Row> records = session.readStream().format("kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", settings.topic())
                .option("startingOffsets", "earliest")
                .load()
                .select("topic", "partition", "offset", "key", "value", "timestamp");
        long interval = settings.batchInterval().toMillis();
        int samples = settings.samplesPerPartition();
        VoidFunction2<Dataset<Row>, Long> sink = (batch, batchId) -> {
            long started = System.currentTimeMillis();
            // The trigger fires on multiples of the interval: the batch's time is the one it fired at.
            long batchTime = started - started % interval;
            List<PartitionSummary> parts = batch.javaRDD().mapPartitions(new Summarizer(samples)).collect();
            listener.onBatch(new BatchReport(batchTime, parts, System.currentTimeMillis()));
        };
        checkpoint = TempDir.create("kafka-spark-checkpoint-");
        try {
            query = records.writeStream().queryName(settings.appName().replace('-', '_'))
                    .trigger(Trigger.ProcessingTime(interval))
                    .option("checkpointLocation", checkpoint.path().resolve("query").toString())
                    .foreachBatch(sink)
                    .start();
        } catch (TimeoutException | RuntimeException e) {
            checkpoint.close();
            throw new IllegalStateException("the Structured Streaming query did not start: " + e.getMessage(), e);
        }
        LOG.info("structured streaming query started: topic {}, trigger {} ms, checkpoint {}", settings.topic(),
                interval, checkpoint.path());
    }

    @Override
    public JavaSparkContext sparkContext() {
        return sparkContext;
    }

    @Override
    public synchronized void stop(boolean graceful) {
        if (closed) {
            return;
        }
        closed = true;
        try (spark; TempDir dir = checkpoint) {
            if (query != null) {
                long deadline = System.nanoTime() + settings.batchInterval().toNanos() * 3;
                // Graceful: let the running micro-batch finish first (a query's stop interrupts it).
                while (graceful && query.isActive() && query.status().isTriggerActive()
                        && System.nanoTime() < deadline) {
                    dev.kafkaspark.support.Backoff.pause(20);
                }
                try {
                    query.stop();
                } catch (TimeoutException e) {
                    LOG.warn("the query did not stop in time: {}", e.getMessage());
                }
            }
            LOG.info("structured streaming stopped");
        }
    }

    @Override
    public void close() {
        stop(true);
    }

    /** Summarizes one Kafka partition's records of a micro-batch, where they are. */
    static final class Summarizer implements FlatMapFunction<Iterator<Row>, PartitionSummary> {
        private static final long serialVersionUID = 1L;
        private final int samples;

        Summarizer(int samples) {
            this.samples = samples;
        }

        @Override
        public Iterator<PartitionSummary> call(Iterator<Row> rows) {
            if (!rows.hasNext()) {
                return Collections.emptyIterator();
            }
            Row first = rows.next();
            long offset = first.getLong(2);
            PartitionSummary summary = new PartitionSummary(OffsetRange.create(first.getString(0), first.getInt(1),
                    offset, offset + 1));
            summary.ranHere();
            for (Row r = first; r != null; r = rows.hasNext() ? rows.next() : null) {
                offset = r.getLong(2);
                byte[] key = r.isNullAt(3) ? null : (byte[]) r.get(3);
                summary.add(offset, key == null ? null : new String(key, StandardCharsets.UTF_8),
                        r.isNullAt(4) ? null : (byte[]) r.get(4), r.getTimestamp(5).getTime(), samples);
            }
            summary.until(offset + 1);
            return List.of(summary).iterator();
        }
    }
}
