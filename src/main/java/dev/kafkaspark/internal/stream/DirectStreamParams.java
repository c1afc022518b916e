package dev.kafkaspark.internal.stream;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The consumer properties every kafka-0-10 direct stream here starts from, the demo's job and a test's stream alike:
 * string keys and values, the earliest offset when the group has none, and no auto-commit (the job commits, or
 * stores, its offsets itself).
 */
public final class DirectStreamParams {

    private DirectStreamParams() {
    }

    /** The properties for a stream of this group on these brokers; a new map the caller may change. */
    public static Map<String, Object> of(String bootstrapServers, String groupId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }
}
