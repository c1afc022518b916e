package dev.kafkaspark.internal.stream.structured;

import dev.kafkaspark.internal.batch.BatchListener;
import dev.kafkaspark.internal.batch.BatchReport;
import dev.kafkaspark.internal.batch.BatchTiming;
import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.delivery.BatchStore;
import dev.kafkaspark.internal.delivery.Checkpoints;
import dev.kafkaspark.internal.delivery.Guarantee;
import dev.kafkaspark.internal.spark.LocalSpark;
import dev.kafkaspark.internal.stream.JobFailure;
import dev.kafkaspark.internal.stream.StreamEngine;
import dev.kafkaspark.internal.stream.StreamingSettings;
import dev.kafkaspark.internal.stream.dstream.StreamingJob;
import dev.kafkaspark.internal.support.TempDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming job as a Structured Streaming query: the Kafka source subscribed to the topic from the earliest
 * offsets, a processing-time trigger at the batch interval, and a {@code foreachBatch} sink that summarizes each
 * micro-batch per Kafka partition on the executors (as {@link StreamingJob} does) and hands it to the
 * {@link BatchListener}. Offsets live in the query's checkpoint, not in Kafka: a temp directory removed at stop, the
 * settings' directory, or (exactly-once) {@code checkpoint/} in the store, all kept. A {@link QueryTimings} listener
 * reports each micro-batch's progress.
 */
public final class StructuredRunner implements StreamEngine {

    private static final Logger LOG = LoggerFactory.getLogger(StructuredRunner.class);

    private final StreamingSettings settings;
    private final LocalSpark.Lease spark;
    private final JavaSparkContext sparkContext;
    private final QueryTimings timings;
    private SparkSession session;
    private Dataset<Row> records;
    private VoidFunction2<Dataset<Row>, Long> sink;
    private Guarantee guarantee;
    private TempDir tempCheckpoint;
    private Path checkpoint;
    private StreamingQuery query;
    private volatile long queryStartedMillis;
    private boolean closed;

    private StructuredRunner(StreamingSettings settings, LocalSpark.Lease spark) {
        this.settings = settings;
        this.spark = spark;
        this.sparkContext = spark.context();
        this.timings = new QueryTimings(settings.batchInterval().toMillis());
    }

    /** Takes the Spark context (creating it if none runs; no Kafka needed yet). */
    public static StructuredRunner prepare(StreamingSettings settings) {
        return new StructuredRunner(settings, LocalSpark.acquire(new LocalSpark.Settings(settings.master(),
                settings.appName(), settings.ui(), settings.uiPort(), false, settings.sparkOverrides())));
    }

    /** The query's name (as Spark's UI shows it): the application name, with underscores. */
    public static String queryName(String appName) {
        return appName.replace('-', '_');
    }

    /**
     * Starts the query. Exactly-once, each micro-batch's output goes to the store keyed by its batch id, so a batch
     * replayed from the checkpoint replaces its file.
     *
     * @throws IllegalArgumentException when the checkpoint directory belongs to something else
     */
    @Override
    public synchronized void start(String bootstrapServers, BatchListener listener, Guarantee guarantee) {
        if (closed || query != null) {
            throw new IllegalStateException(closed ? "the streaming runner is closed" : "the query is already started");
        }
        if (settings.checkpoint() != null) {
            checkpoint = settings.checkpoint();
        } else if (guarantee instanceof Guarantee.ExactlyOnce once) {
            checkpoint = once.store().dir().resolve("checkpoint"); // it must outlive the run with the store
        } else {
            tempCheckpoint = TempDir.create("kafka-spark-checkpoint-");
            checkpoint = tempCheckpoint.path().resolve("query");
        }
        this.guarantee = guarantee;
        try {
            Checkpoints.claim(checkpoint, settings.topic(), queryName(settings.appName()));
            session = SparkSession.builder().sparkContext(sparkContext.sc()).getOrCreate().newSession();
            session.conf().set("spark.sql.streaming.stopTimeout",
                    Long.toString(settings.batchInterval().toMillis() * 3));
            session.conf().set(LocalCheckpointFiles.SETTING, LocalCheckpointFiles.class.getName());
            session.streams().addListener(timings);
            var reader = session.readStream().format("kafka");
            // The consumer settings given (a login, say), as the Kafka source takes them: prefixed "kafka.".
            settings.kafkaOverrides().forEach((key, value) -> reader.option("kafka." + key, value));
            records = reader
                    .option("kafka.bootstrap.servers", bootstrapServers)
                    .option("subscribe", settings.topic())
                    .option("startingOffsets", "earliest")
                    // Larger fetches, as the DStream job has, keep the executors busy when the producer runs flat out.
                    .option("kafka.max.partition.fetch.bytes", Integer.toString(8 * 1024 * 1024))
                    .option("kafka.max.poll.records", "10000")
                    // An executor's cached consumer leaves a fetch waiting at the end of what it read; the next task's
                    // read waits for it, up to the broker's wait for new data (500 ms by default): keep that short.
                    .option("kafka.fetch.max.wait.ms", "50")
                    .load(); // the source's columns as it makes them, which KafkaRows reads by position
            sink = sink(listener, guarantee instanceof Guarantee.ExactlyOnce once ? once.store() : null);
            startQuery();
        } catch (RuntimeException e) {
            closeTempCheckpoint();
            throw e;
        }
    }

    private VoidFunction2<Dataset<Row>, Long> sink(BatchListener listener, BatchStore store) {
        long interval = settings.batchInterval().toMillis();
        int samples = settings.samplesPerPartition();
        return (batch, batchId) -> {
            long started = System.currentTimeMillis();
            long batchTime = batchTime(started, interval, queryStartedMillis);
            List<PartitionSummary> parts = KafkaRows.summarize(batch, samples, settings.sequences())
                    .collect();
            if (store != null) {
                store.write(batchId, batchTime, parts); // keyed by batch id: a replayed batch replaces its file
            }
            listener.onBatch(new BatchReport(batchTime, parts, System.currentTimeMillis(), batchId));
        };
    }

    /**
     * The time a micro-batch's trigger fired, from when its output began. The trigger fires on multiples of the
     * interval, except the query's first, which fires as the query starts (Spark's processing-time trigger runs at
     * once, then on the interval's multiples): no batch time comes before the query's start. A first batch whose
     * output begins only after the next multiple gets that multiple, at most one interval late; before, every first
     * batch got the multiple before its output, up to an interval before the query even started.
     */
    static long batchTime(long startedMillis, long intervalMillis, long queryStartedMillis) {
        return Math.max(startedMillis - startedMillis % intervalMillis, Math.min(queryStartedMillis, startedMillis));
    }

    private void startQuery() {
        queryStartedMillis = System.currentTimeMillis();
        try {
            query = records.writeStream().queryName(queryName(settings.appName()))
                    .trigger(Trigger.ProcessingTime(settings.batchInterval().toMillis()))
                    .option("checkpointLocation", checkpoint.toString())
                    .foreachBatch(sink)
                    .start();
        } catch (TimeoutException | RuntimeException e) {
            throw new IllegalStateException("the Structured Streaming query did not start: " + e.getMessage(), e);
        }
        timings.follow(query.id());
        LOG.info("structured streaming query started: topic {}, trigger {} ms, {}, checkpoint {}", settings.topic(),
                settings.batchInterval().toMillis(), guarantee.delivery().label(), checkpoint);
    }

    /** Where the query keeps its checkpoint (empty before {@link #start}). */
    @Override
    public synchronized Optional<Path> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    /** Whether the checkpoint is a temp directory, removed at stop. */
    @Override
    public synchronized boolean checkpointIsTemporary() {
        return tempCheckpoint != null;
    }

    @Override
    public synchronized Guarantee guarantee() {
        return guarantee;
    }

    /**
     * Stops the query without letting its running micro-batch finish, and starts it again from its checkpoint: the
     * batch in flight, if any, runs again with the same id and offsets.
     *
     * @return the end offsets of the last batch the checkpoint has as committed (where the new query resumes)
     */
    @Override
    public synchronized Map<TopicPartition, Long> restartStream() {
        if (query == null || closed) {
            throw new IllegalStateException("the query is not running");
        }
        stopQuery();
        LOG.info("query stopped mid-run; starting it again from its checkpoint");
        Map<TopicPartition, Long> from = Checkpoints.committedOffsets(checkpoint);
        startQuery();
        return from;
    }

    @Override
    public void onBatchTiming(Consumer<BatchTiming> listener) {
        timings.add(listener);
    }

    @Override
    public boolean awaitTermination(long millis) {
        StreamingQuery q;
        synchronized (this) {
            q = query;
        }
        if (q == null) {
            return false;
        }
        try {
            boolean ended = q.awaitTermination(millis);
            synchronized (this) {
                return ended && q == query && !closed; // not the query a restart or stop replaced
            }
        } catch (StreamingQueryException e) {
            throw JobFailure.of(StreamEngine.Kind.STRUCTURED, settings.topic(), settings.checkpoint() != null, e);
        }
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
        try (spark) {
            if (query != null) {
                long deadline = System.nanoTime() + settings.batchInterval().toNanos() * 3;
                // Graceful: let the running micro-batch finish first (a query's stop interrupts it).
                while (graceful && query.isActive() && query.status().isTriggerActive()
                        && System.nanoTime() < deadline) {
                    dev.kafkaspark.internal.support.Backoff.pause(20);
                }
                stopQuery();
            }
            if (session != null) {
                session.streams().removeListener(timings);
            }
            LOG.info("structured streaming stopped");
        } finally {
            closeTempCheckpoint();
        }
    }

    private void stopQuery() {
        try {
            query.stop();
        } catch (TimeoutException e) {
            LOG.warn("the query did not stop in time: {}", e.getMessage());
        }
    }

    private void closeTempCheckpoint() {
        if (tempCheckpoint != null) {
            tempCheckpoint.close();
        }
    }

    @Override
    public void close() {
        stop(true);
    }
}
