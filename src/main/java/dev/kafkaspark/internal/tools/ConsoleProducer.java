package dev.kafkaspark.internal.tools;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A console producer: one record per line of input, sent as the bytes it was (no character decoding), optionally
 * split into key and value at a separator. Lines are read, sent and counted; {@link #close()} flushes.
 */
public final class ConsoleProducer implements AutoCloseable {

    private final String topic;
    private final byte[] separator;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private volatile boolean closed;
    private final Duration closeLimit;

    /** A line that should have had a key separator did not. */
    public static final class MissingSeparatorException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long line;

        MissingSeparatorException(long line, String separator, long sentBefore) {
            super("line " + line + " has no key separator '" + printable(separator) + "': nothing from it on was"
                    + " sent (" + sentBefore + " line(s) before it were); add 'key" + printable(separator)
                    + "value' there, or leave out --parse-key");
            this.line = line;
        }

        /** The 1-based number of the offending line. */
        public long line() {
            return line;
        }
    }

    /**
     * @param bootstrap where
     * @param topic the topic (must exist)
     * @param keySeparator split each line into key and value at the first occurrence; {@code null}: no keys
     * @param overrides producer properties that win over the defaults
     */
    public ConsoleProducer(String bootstrap, String topic, String keySeparator, Map<String, String> overrides) {
        this.topic = topic;
        this.separator = keySeparator == null ? null : keySeparator.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (separator != null && separator.length == 0) {
            throw new IllegalArgumentException("--key-separator must not be empty");
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "console-producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(Clients.TIMEOUT.toMillis()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putAll(overrides);
        this.closeLimit = closeLimit(p);
        this.producer = new KafkaProducer<>(p);
    }

    /**
     * Sends every line of the input until it ends. A line without the separator (with keys on) stops the run with
     * {@link MissingSeparatorException}; the lines before it are sent.
     */
    public void sendLines(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while (!closed && (n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        sendLine(line.toByteArray());
                        line.reset();
                    } else {
                        line.write(buffer[i]);
                    }
                }
            }
            if (line.size() > 0 && !closed) {
                sendLine(line.toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read standard input", e);
        }
    }

    private void sendLine(byte[] raw) {
        byte[] bytes = raw.length > 0 && raw[raw.length - 1] == '\r' ? Arrays.copyOf(raw, raw.length - 1) : raw;
        long number = read.incrementAndGet();
        byte[] key = null;
        byte[] value = bytes;
        if (separator != null) {
            int at = indexOf(bytes, separator);
            if (at < 0) {
                read.decrementAndGet();
                producer.flush();
                throw new MissingSeparatorException(number,
                        new String(separator, java.nio.charset.StandardCharsets.UTF_8), read.get());
            }
            key = Arrays.copyOfRange(bytes, 0, at);
            value = Arrays.copyOfRange(bytes, at + separator.length, bytes.length);
        }
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> {
            if (exception == null) {
                acked.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, exception);
            }
        });
    }

    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Waits until every line handed over is acknowledged or has failed. */
    public void flush() {
        producer.flush();
    }

    /** Lines read and handed to the producer. */
    public long linesRead() {
        return read.get();
    }

    /** Records the broker acknowledged. */
    public long acknowledged() {
        return acked.get();
    }

    /** Records that failed. */
    public long failed() {
        return failed.get();
    }

    /** The first send failure, if any. */
    public Exception failure() {
        return firstFailure.get();
    }

    /** Flushes and closes; safe to call twice and from another thread (Ctrl-C). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        producer.close(closeLimit);
    }

    /**
     * How long {@link #close()} waits for acknowledgements: the records' delivery timeout, at most 30 s. A record not
     * acknowledged by then has failed anyway; an idempotent producer that cannot get its id from the broker would
     * otherwise hold on to it for the whole 30 s, since its batches only expire once it has one.
     */
    static Duration closeLimit(Properties config) {
        Object delivery = config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        Duration most = Duration.ofSeconds(30);
        if (delivery == null) {
            return most;
        }
        try {
            Duration d = Duration.ofMillis(Long.parseLong(delivery.toString().trim()));
            return d.compareTo(most) < 0 ? d : most;
        } catch (NumberFormatException e) {
            return most; // KafkaProducer's own check names the bad value
        }
    }

    private static String printable(String s) {
        return s.replace("\t", "\\t");
    }
}
