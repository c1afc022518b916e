package dev.kafkaspark.internal.stream.dstream;

import dev.kafkaspark.internal.batch.BatchListener;
import dev.kafkaspark.internal.batch.BatchReport;
import dev.kafkaspark.internal.batch.BatchTiming;
import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.delivery.BatchStore;
import dev.kafkaspark.internal.delivery.Guarantee;
import dev.kafkaspark.internal.spark.AlignedClock;
import dev.kafkaspark.internal.spark.LocalSpark;
import dev.kafkaspark.internal.spark.SparkLine;
import dev.kafkaspark.internal.stream.DirectStreamParams;
import dev.kafkaspark.internal.stream.JobFailure;
import dev.kafkaspark.internal.stream.StreamEngine;
import dev.kafkaspark.internal.stream.StreamingSettings;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.CanCommitOffsets;
import org.apache.spark.streaming.kafka010.ConsumerStrategies;
import org.apache.spark.streaming.kafka010.ConsumerStrategy;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import org.apache.spark.streaming.kafka010.OffsetRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the streaming side: a lease on the Spark context ({@link LocalSpark}), then the streaming context reading the
 * topic with the kafka-0-10 direct stream, running {@link StreamingJob} and handing every batch to a
 * {@link BatchListener}, then committing the batch's offsets to Kafka (or, exactly-once, storing them with the output).
 */
public final class StreamingRunner implements StreamEngine {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingRunner.class);

    private final StreamingSettings settings;
    private final LocalSpark.Lease spark;
    private final JavaSparkContext sparkContext;
    private JavaStreamingContext streamingContext;
    private String bootstrapServers;
    private BatchListener listener;
    private Guarantee guarantee;
    private final boolean alignedClock;
    private final java.util.List<Consumer<BatchTiming>> timingListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile BooleanSupplier firstRecords = () -> true;

    private StreamingRunner(StreamingSettings settings, LocalSpark.Lease spark) {
        this.settings = settings;
        this.spark = spark;
        this.sparkContext = spark.context();
        this.alignedClock = AlignedClock.usedBy(sparkContext.getConf());
    }

    /** Takes the Spark context (creating it if none runs; no Kafka needed yet). */
    public static StreamingRunner prepare(StreamingSettings settings) {
        return new StreamingRunner(settings, LocalSpark.acquire(new LocalSpark.Settings(settings.master(),
                settings.appName(), settings.ui(), settings.uiPort(), true, settings.sparkOverrides())));
    }

    /** The consumer properties of the direct stream: the job commits offsets itself, after each batch's output. */
    static Map<String, Object> kafkaParams(StreamingSettings s, String bootstrapServers) {
        Map<String, Object> p = DirectStreamParams.of(bootstrapServers, s.groupId());
        // Larger fetches keep the executors busy when the producer runs flat out.
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.putAll(s.kafkaOverrides());
        // Values as bytes, whatever the overrides say (the job's types depend on it): decoding every value to a string
        // cost a char array per record, and the job reads only the sequence number at its start (and shows a few
        // values, which it decodes then).
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    /**
     * Builds the direct stream on the topic and starts the streaming context with the given guarantee.
     */
    @Override
    public synchronized void start(String bootstrapServers, BatchListener listener, Guarantee guarantee) {
        if (closed) {
            throw new IllegalStateException("the streaming runner is closed");
        }
        if (streamingContext != null) {
            throw new IllegalStateException("the streaming job is already started");
        }
        this.bootstrapServers = bootstrapServers;
        this.listener = listener;
        this.guarantee = guarantee;
        startStreamingContext();
    }

    /**
     * Stops the streaming context mid-run, without finishing the running batch (as a crash would), and starts a new
     * one on the same Spark context. At-least-once, it resumes from the offsets committed to Kafka; exactly-once, from
     * the store's.
     *
     * @return the offsets the new stream was told to start from (exactly-once), or an empty map (at-least-once: the
     *     group's committed offsets apply)
     */
    @Override
    public synchronized Map<TopicPartition, Long> restartStream() {
        if (streamingContext == null || closed) {
            throw new IllegalStateException("the streaming job is not running");
        }
        streamingContext.stop(false, false);
        streamingContext = null;
        LOG.info("streaming context stopped mid-run; starting a new one");
        return startStreamingContext();
    }

    private Map<TopicPartition, Long> startStreamingContext() {
        JavaStreamingContext ssc = new JavaStreamingContext(sparkContext,
                Durations.milliseconds(settings.batchInterval().toMillis()));
        Map<String, Object> params = kafkaParams(settings, bootstrapServers);
        boolean exactlyOnce = guarantee instanceof Guarantee.ExactlyOnce;
        BatchStore batchStore = exactlyOnce ? ((Guarantee.ExactlyOnce) guarantee).store() : null;
        Map<TopicPartition, Long> from = exactlyOnce ? batchStore.offsets() : Map.of();
        ConsumerStrategy<String, byte[]> strategy = from.isEmpty()
                ? ConsumerStrategies.<String, byte[]>Subscribe(List.of(settings.topic()), params)
                : ConsumerStrategies.<String, byte[]>Subscribe(List.of(settings.topic()), params, from);
        JavaInputDStream<ConsumerRecord<String, byte[]>> input = KafkaUtils.createDirectStream(ssc,
                LocationStrategies.PreferConsistent(), strategy);
        JavaDStream<PartitionSummary> summaries = StreamingJob.summarize(input, settings.samplesPerPartition(),
                settings.sequences());
        CanCommitOffsets committer = (CanCommitOffsets) input.inputDStream();
        BatchListener sink = listener;
        boolean aligned = alignedClock;
        summaries.foreachRDD((rdd, time) -> {
            List<PartitionSummary> parts = rdd.collect();
            long batchTime = aligned ? AlignedClock.toWallClock(time.milliseconds()) : time.milliseconds();
            if (exactlyOnce) {
                // Exactly-once: the output and the offsets it covers land in the store in one atomic step.
                batchStore.write(batchTime, parts);
            }
            sink.onBatch(new BatchReport(batchTime, parts, System.currentTimeMillis()));
            if (!exactlyOnce) {
                // At-least-once: offsets are committed only after the output; a crash before this repeats the batch.
                committer.commitAsync(parts.stream().map(PartitionSummary::range).toArray(OffsetRange[]::new));
            }
        });
        ssc.addStreamingListener(new org.apache.spark.streaming.scheduler.StreamingListener() {
            @Override
            public void onBatchCompleted(org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted done) {
                var info = done.batchInfo();
                long at = aligned ? AlignedClock.toWallClock(info.batchTime().milliseconds())
                        : info.batchTime().milliseconds();
                long started = SparkLine.millis(info.processingStartTime()); // wall clock, as Spark takes it
                BatchTiming timing = new BatchTiming(at, info.numRecords(), started < 0 ? -1 : started - at,
                        SparkLine.millis(info.processingDelay()));
                timingListeners.forEach(l -> l.accept(timing));
            }
        });
        streamingContext = ssc;
        if (alignedClock) {
            AlignedClock.alignFirstBatch(firstRecords, settings.batchInterval().toMillis());
        }
        ssc.start();
        LOG.info("streaming started: topic {}, group {}, batch {} ms, {} from {}", settings.topic(),
                settings.groupId(), settings.batchInterval().toMillis(), guarantee.delivery().label(),
                from.isEmpty() ? "the group's offsets" : from);
        return from;
    }

    @Override
    public void firstBatchWhen(BooleanSupplier recordsThere) {
        firstRecords = recordsThere;
    }

    @Override
    public void onBatchTiming(Consumer<BatchTiming> listener) {
        timingListeners.add(listener);
    }

    @Override
    public synchronized Guarantee guarantee() {
        return guarantee;
    }

    /** The settings this runner was made with. */
    public StreamingSettings settings() {
        return settings;
    }

    /** The Spark context (for jobs of one's own beside the stream). */
    @Override
    public JavaSparkContext sparkContext() {
        return sparkContext;
    }

    @Override
    public boolean awaitTermination(long millis) {
        JavaStreamingContext ssc;
        synchronized (this) {
            ssc = streamingContext;
        }
        if (ssc == null) {
            return false;
        }
        try {
            boolean ended = ssc.awaitTerminationOrTimeout(millis);
            synchronized (this) {
                return ended && ssc == streamingContext && !closed; // not the context a restart or stop replaced
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) { // the error a batch reported: the context is done for
            synchronized (this) {
                if (ssc != streamingContext || closed) {
                    return false; // a context a restart or stop replaced
                }
            }
            throw JobFailure.of(StreamEngine.Kind.DSTREAM, settings.topic(), false, e);
        }
    }

    /**
     * Stops the streaming context and releases the Spark context (stopped once nobody else holds it).
     *
     * @param graceful finish the batches already received first
     */
    @Override
    public synchronized void stop(boolean graceful) {
        if (closed) {
            return;
        }
        closed = true;
        try (spark) {
            if (streamingContext != null) {
                if (graceful && alignedClock) {
                    AlignedClock.hurryStop(); // the last batches run now, not at the next two boundaries
                }
                streamingContext.stop(false, graceful);
            }
            LOG.info("streaming stopped");
        } finally {
            if (alignedClock) {
                AlignedClock.reset();
            }
        }
    }

    /** Stops gracefully; safe to call twice. */
    @Override
    public void close() {
        stop(true);
    }
}
