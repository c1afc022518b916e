package dev.kafkaspark.internal.tools;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A console consumer: subscribes to a topic in a group and prints each record's value (as the bytes it is), with the
 * key, partition, offset and timestamp in front when asked, like Kafka's own. Ends after a number of messages, after a
 * quiet spell, or on {@link #wakeup()}.
 */
public final class ConsoleConsumer implements AutoCloseable {

    /**
     * What to read and print.
     *
     * @param bootstrap where
     * @param topic the topic (must exist)
     * @param group the consumer group
     * @param fromBeginning start at the earliest offset when the group has none
     * @param maxMessages stop after this many; -1: no limit
     * @param idleTimeout stop when nothing arrives for this long; {@code null}: never
     * @param printTimestamp print {@code CreateTime:<ms>} first
     * @param printPartition print {@code Partition:<n>}
     * @param printOffset print {@code Offset:<n>}
     * @param printKey print the key
     */
    public record Settings(String bootstrap, String topic, String group, boolean fromBeginning, long maxMessages,
            Duration idleTimeout, boolean printTimestamp, boolean printPartition, boolean printOffset,
            boolean printKey) {
    }

    private final Settings settings;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile long consumed;

    /** @param settings what to read and print */
    public ConsoleConsumer(Settings settings, Map<String, String> overrides) {
        this.settings = settings;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "console-consumer");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.fromBeginning() ? "earliest" : "latest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.putAll(overrides);
        this.consumer = new KafkaConsumer<>(p);
    }

    /** Reads and prints until a stop condition; returns how many records were printed. */
    public long run(PrintStream out) {
        return run(out, note -> { });
    }

    /**
     * Reads and prints until a stop condition; returns how many records were printed.
     *
     * @param notes where to say, once each time, what it is waiting for (no record yet; the brokers gone, and back)
     */
    public long run(PrintStream out, java.util.function.Consumer<String> notes) {
        consumer.subscribe(List.of(settings.topic()));
        long lastRecordNanos = System.nanoTime();
        WaitNotes waiting = new WaitNotes(settings, notes);
        try {
            while (settings.maxMessages() < 0 || consumed < settings.maxMessages()) {
                var records = consumer.poll(Duration.ofMillis(200));
                waiting.after(records.count(), connections());
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    print(out, r);
                    consumed++;
                    if (settings.maxMessages() >= 0 && consumed >= settings.maxMessages()) {
                        break;
                    }
                }
                out.flush();
                if (!records.isEmpty()) {
                    lastRecordNanos = System.nanoTime();
                } else if (settings.idleTimeout() != null
                        && System.nanoTime() - lastRecordNanos > settings.idleTimeout().toNanos()) {
                    break;
                }
            }
            consumer.commitSync();
        } catch (WakeupException e) {
            // Ctrl-C: stop reading; what was printed stays printed.
        }
        return consumed;
    }

    private void print(PrintStream out, ConsumerRecord<byte[], byte[]> r) {
        StringBuilder prefix = new StringBuilder();
        if (settings.printTimestamp()) {
            prefix.append(r.timestampType() == org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME
                    ? "LogAppendTime:" : "CreateTime:").append(r.timestamp()).append('\t');
        }
        if (settings.printPartition()) {
            prefix.append("Partition:").append(r.partition()).append('\t');
        }
        if (settings.printOffset()) {
            prefix.append("Offset:").append(r.offset()).append('\t');
        }
        out.print(prefix);
        if (settings.printKey()) {
            out.write(r.key() == null ? "null".getBytes(StandardCharsets.UTF_8) : r.key(), 0,
                    r.key() == null ? 4 : r.key().length);
            out.print('\t');
        }
        byte[] value = r.value() == null ? "null".getBytes(StandardCharsets.UTF_8) : r.value();
        out.write(value, 0, value.length);
        out.print('\n');
    }

    private int connections() {
        for (var e : consumer.metrics().entrySet()) {
            if (e.getKey().name().equals("connection-count") && e.getKey().group().equals("consumer-metrics")) {
                return ((Number) e.getValue().metricValue()).intValue();
            }
        }
        return -1;
    }

    /** Records printed so far. */
    public long consumed() {
        return consumed;
    }

    /** Makes a running {@link #run} return soon; safe from another thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    /** Closes the consumer (leaving the group). */
    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
