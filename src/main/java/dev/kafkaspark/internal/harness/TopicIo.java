package dev.kafkaspark.internal.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The environment's plain Kafka clients: a string producer that waits for acknowledgements, and a reader. Both check
 * first that the topic exists, because the brokers do not create topics on first use: a misspelled name fails at
 * once with the topics that do exist, instead of a minute of waiting for metadata.
 */
public final class TopicIo implements AutoCloseable {

    private final String bootstrapServers;
    private final Map<String, String> login;
    private final Admin admin;
    private final boolean autoCreate;
    private final Duration timeout;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private KafkaProducer<String, String> producer;

    /**
     * @param autoCreate whether the brokers create topics on first use (then no topic is checked)
     * @param timeout how long a send waits for its acknowledgement, and a topic check for the brokers
     */
    public TopicIo(String bootstrapServers, Admin admin, boolean autoCreate, Duration timeout, Map<String, String> login) {
        this.login = Map.copyOf(login);
        this.bootstrapServers = bootstrapServers;
        this.admin = admin;
        this.autoCreate = autoCreate;
        this.timeout = timeout;
    }

    public RecordMetadata send(String topic, String key, String value) {
        return get(topic, sendAll(topic, List.of(new ProducerRecord<>(topic, key, value))).get(0));
    }

    public void send(String topic, Map<String, String> records) {
        List<ProducerRecord<String, String>> list = new ArrayList<>();
        records.forEach((k, v) -> list.add(new ProducerRecord<>(topic, k, v)));
        sendAll(topic, list).forEach(f -> get(topic, f));
    }

    public void sendValues(String topic, Collection<String> values) {
        List<ProducerRecord<String, String>> list = new ArrayList<>();
        values.forEach(v -> list.add(new ProducerRecord<>(topic, null, v)));
        sendAll(topic, list).forEach(f -> get(topic, f));
    }

    private synchronized List<Future<RecordMetadata>> sendAll(String topic, List<ProducerRecord<String, String>> rs) {
        requireTopic(topic);
        if (producer == null) {
            producer = producer(bootstrapServers, timeout, login);
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        rs.forEach(r -> acks.add(producer.send(r)));
        return acks;
    }

    private RecordMetadata get(String topic, Future<RecordMetadata> ack) {
        try {
            return ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send to " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        }
    }

    /**
     * Reads a topic from the beginning of every partition until {@code count} records arrived.
     *
     * @throws AssertionError when fewer arrived within the timeout (it says how many did)
     */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, int count, Duration wait) {
        requireTopic(topic);
        Properties p = new Properties();
        p.putAll(login);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, wait)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + wait.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        if (records.size() < count) {
            throw new AssertionError("expected " + count + " records in " + topic + " within " + wait.toMillis()
                    + " ms, got " + records.size());
        }
        return records;
    }

    /** Fails in one line when the topic does not exist and the brokers would not create it. */
    public void requireTopic(String topic) {
        if (autoCreate || known.contains(topic)) {
            return;
        }
        Set<String> names;
        try {
            names = new TreeSet<>(admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not list the topics to find " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for topic " + topic, e);
        }
        if (!names.contains(topic)) {
            throw new IllegalStateException(missingTopic(topic, names));
        }
        known.add(topic);
    }

    public static String missingTopic(String topic, Set<String> existing) {
        return "topic '" + topic + "' does not exist (topics here: " + (existing.isEmpty() ? "none"
                : String.join(", ", existing)) + "), and these brokers do not create topics on first use: create it"
                + " with builder().topic(...) or env.createTopic(...), or start with"
                + " brokerProperty(\"auto.create.topics.enable\", \"true\")";
    }

    /** An idempotent {@code acks=all} producer of string keys and values that blocks at most {@code maxBlock}. */
    public static KafkaProducer<String, String> producer(String bootstrapServers, Duration maxBlock,
            Map<String, String> login) {
        Properties p = new Properties();
        p.putAll(login);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(maxBlock.toMillis()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
