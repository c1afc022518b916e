package dev.kafkaspark.internal.harness;

import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.TopicSpec;
import dev.kafkaspark.internal.cluster.Topics;
import dev.kafkaspark.internal.stream.DirectStreamParams;
import dev.kafkaspark.internal.support.Closer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** The Kafka side of a harness: the cluster, its clients for a test, its users. */
public final class KafkaSide {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaCluster cluster;
    private final TopicIo io;
    private final Logins logins;

    KafkaSide(KafkaCluster cluster, Closer closer, boolean autoCreateTopics) {
        this.cluster = cluster;
        this.io = closer.register(new TopicIo(cluster.allBootstrapServers(), cluster.admin(), autoCreateTopics,
                TIMEOUT, cluster.adminClientProperties()));
        this.logins = new Logins(cluster, TIMEOUT);
    }

    /** The cluster itself. */
    public KafkaCluster cluster() {
        return cluster;
    }

    /** The brokers' bootstrap address list. */
    public String bootstrapServers() {
        return cluster.allBootstrapServers();
    }

    /** Whether the brokers require SCRAM logins. */
    public boolean scram() {
        return cluster.scram().isPresent();
    }

    /** What a client needs to log in as this user (created on first use); see {@link Logins}. */
    public Map<String, String> clientProperties(String user) {
        return logins.clientProperties(user);
    }

    /** The cluster's admin client (owned by the cluster). */
    public Admin admin() {
        return cluster.admin();
    }

    /** Creates a topic, or accepts an existing one with the same settings, and waits for its leaders. */
    public void createTopic(TopicSpec spec) {
        Topics.ensure(cluster.admin(), spec, TIMEOUT);
    }

    /** Sends one record and waits for its acknowledgement. */
    public RecordMetadata send(String topic, String key, String value) {
        return io.send(topic, key, value);
    }

    /** Sends records (key to value, in the map's order) and waits until all are acknowledged. */
    public void send(String topic, Map<String, String> records) {
        io.send(topic, records);
    }

    /** Sends values without keys and waits until all are acknowledged. */
    public void sendValues(String topic, Collection<String> values) {
        io.sendValues(topic, values);
    }

    /** Waits until a topic holds at least {@code count} records and returns them. */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, int count, Duration timeout) {
        return io.awaitRecords(topic, count, timeout);
    }

    /**
     * Consumer properties for a test's direct stream on this cluster: string keys and values, earliest, no
     * auto-commit, logged in as the admin user when the brokers require logins.
     */
    public Map<String, Object> directStreamParams(String groupId) {
        Map<String, Object> p = DirectStreamParams.of(bootstrapServers(), groupId);
        p.putAll(cluster.adminClientProperties());
        return p;
    }

    /** What a client logged in as the admin user needs (empty without logins). */
    public Map<String, String> adminClientProperties() {
        return cluster.adminClientProperties();
    }
}
