package dev.kafkaspark.internal.workload;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A producer thread sending keyed, numbered records ({@link RecordFormat}) at a set rate or flat out. Idempotent with
 * {@code acks=all}; it remembers every sequence number the broker acknowledged, and flushes on stop so nothing it
 * accepted is lost.
 */
public final class SyntheticProducer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticProducer.class);
    /** An acknowledgement this slow counts as a send that waited (for a new leader, say). */
    public static final long SLOW_ACK_MILLIS = 1000;
    /** The producer's buffer for records not yet sent ({@code buffer.memory}), in bytes: 4 MiB. */
    static final int BUFFER_MEMORY = 4 * 1024 * 1024;

    /**
     * What to produce.
     *
     * @param bootstrapServers where
     * @param topic the topic
     * @param ratePerSecond records per second; {@code 0} or less: flat out
     * @param keys how many distinct keys
     * @param limit how many records in all; {@code -1}: no limit
     * @param valueSize pad values to this many characters (0: no padding)
     * @param overrides producer properties that win over the defaults
     */
    public record Settings(String bootstrapServers, String topic, double ratePerSecond, int keys, long limit,
            int valueSize, Map<String, String> overrides) {

        /** Validates and copies. */
        public Settings {
            if (keys < 1) {
                throw new IllegalArgumentException("keys must be at least 1, not " + keys);
            }
            if (limit < -1) {
                throw new IllegalArgumentException("records must not be negative, not " + limit);
            }
            overrides = Map.copyOf(overrides);
        }

        /** Whether the producer sends as fast as it can. */
        public boolean flatOut() {
            return ratePerSecond <= 0 || Double.isInfinite(ratePerSecond);
        }
    }

    private final Settings settings;
    private final Producer<String, String> producer;
    private final RecordFormat format;
    private final Thread thread;
    private final SeqSet acked = new SeqSet();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile long startedAtMillis;
    private volatile long lastAckMillis;
    private volatile long firstAckMillis;
    private final AtomicLong slowestAckMillis = new AtomicLong();
    private final AtomicLong slowAcks = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean closed;

    private SyntheticProducer(Settings settings) {
        this.settings = settings;
        this.format = new RecordFormat(settings.keys(), settings.valueSize(), ZoneId.systemDefault());
        this.producer = new KafkaProducer<>(config(settings));
        this.thread = new Thread(this::run, "synthetic-producer");
        this.thread.setDaemon(true);
    }

    /** Creates the producer and starts its thread. */
    public static SyntheticProducer start(Settings settings) {
        SyntheticProducer p = new SyntheticProducer(settings);
        p.startedAtMillis = System.currentTimeMillis();
        p.thread.start();
        LOG.info("synthetic producer started: topic {}, rate {}, keys {}, limit {}", settings.topic(),
                settings.flatOut() ? "max" : settings.ratePerSecond(), settings.keys(), settings.limit());
        return p;
    }

    static Properties config(Settings s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "synthetic-producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        // Room for what can be in flight (5 requests of 64 KiB per partition) a few times over, not Kafka's 32 MiB:
        // flat out, a full 32 MiB held about 280,000 records' batches and callbacks for most of a second, long enough
        // to outlive young collections, so the old generation filled and was collected every 2 s (docs/performance.md).
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Integer.toString(BUFFER_MEMORY));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.putAll(s.overrides());
        return p;
    }

    private void run() {
        long intervalNanos = settings.flatOut() ? 0 : (long) (1_000_000_000L / settings.ratePerSecond());
        long start = System.nanoTime();
        long seq = 0;
        try {
            while (running && (settings.limit() < 0 || seq < settings.limit())) {
                if (intervalNanos > 0) {
                    long due = start + seq * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                        continue;
                    }
                }
                send(seq++);
            }
        } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, e);
            LOG.error("synthetic producer stopped after a failure", e);
        } finally {
            finished.countDown();
        }
    }

    private void send(long seq) {
        long now = System.currentTimeMillis();
        String key = format.key(seq);
        ProducerRecord<String, String> record = new ProducerRecord<>(settings.topic(), null, now, key,
                format.value(seq, key, now));
        sent.incrementAndGet();
        producer.send(record, (metadata, exception) -> {
            if (exception == null) {
                synchronized (acked) {
                    acked.add(seq);
                }
                long ackedAt = System.currentTimeMillis();
                lastAckMillis = ackedAt;
                if (firstAckMillis == 0) {
                    firstAckMillis = ackedAt;
                }
                long waited = ackedAt - now;
                if (waited > slowestAckMillis.get()) {
                    slowestAckMillis.accumulateAndGet(waited, Math::max);
                }
                if (waited >= SLOW_ACK_MILLIS) {
                    slowAcks.incrementAndGet();
                }
            } else {
                failed.incrementAndGet();
                if (firstFailure.compareAndSet(null, exception)) {
                    LOG.error("a send failed (record {}): {}", seq, exception.toString());
                }
            }
        });
    }

    /** Records handed to the producer so far. */
    public long sent() {
        return sent.get();
    }

    /** Wall-clock time the producer started. */
    public long startedAtMillis() {
        return startedAtMillis;
    }

    /** Wall-clock time of the latest acknowledgement, or 0 before the first. */
    public long lastAckMillis() {
        return lastAckMillis;
    }

    /** Wall-clock time of the first acknowledgement, or 0 before it. */
    public long firstAckMillis() {
        return firstAckMillis;
    }

    /** Records the broker acknowledged. */
    public long acknowledged() {
        synchronized (acked) {
            return acked.size();
        }
    }

    /** Sends the producer retried (after a leader moved, say), from its metrics. */
    public long retries() {
        return producer.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("record-retry-total")
                        && e.getKey().group().equals("producer-metrics"))
                .mapToLong(e -> ((Number) e.getValue().metricValue()).longValue()).sum();
    }

    /** Acknowledgements since the last call: the slowest, and how many took a second or more. */
    public record AckWindow(long slowestMillis, long slowCount) {
    }

    /** What acknowledgements looked like since the last call (the first call: since the start); starts a new window. */
    public AckWindow takeAckWindow() {
        return new AckWindow(slowestAckMillis.getAndSet(0), slowAcks.getAndSet(0));
    }

    /** Sends that failed. */
    public long failed() {
        return failed.get();
    }

    /** The first failure, if any. */
    public Exception failure() {
        return firstFailure.get();
    }

    /** A copy of the acknowledged sequence numbers. */
    public SeqSet acknowledgedSet() {
        synchronized (acked) {
            return acked.copy();
        }
    }

    /** Whether the thread has sent all it was asked to (or stopped). */
    public boolean isDone() {
        return finished.getCount() == 0;
    }

    /** Stops sending, then waits until every record handed over is acknowledged or has failed. */
    public void stopAndFlush(Duration timeout) {
        running = false;
        LockSupport.unpark(thread);
        try {
            if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("producer thread did not stop within {}", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
    }

    /** Stops, flushes and closes the producer; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAndFlush(Duration.ofSeconds(10));
        producer.close(Duration.ofSeconds(10));
        LOG.info("synthetic producer closed: sent {}, acknowledged {}, failed {}", sent(), acknowledged(), failed());
    }
}
