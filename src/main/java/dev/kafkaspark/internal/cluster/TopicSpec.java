package dev.kafkaspark.internal.cluster;

import java.util.Map;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

/**
 * A topic to create: name, partitions, replication factor and topic configs. Validated on construction, so a bad
 * name or count fails before anything talks to a broker.
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    /** Validates and copies. */
    public TopicSpec {
        if (name == null) {
            throw new IllegalArgumentException("a topic name is required");
        }
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException("invalid topic name '" + name + "': " + ruleOf(e.getMessage())
                    + "; use letters, digits, '.', '_' or '-', at most 249 characters");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, not " + replicationFactor);
        }
        configs = Map.copyOf(configs);
    }

    /** A topic with no extra configs. */
    public static TopicSpec of(String name, int partitions, int replicationFactor) {
        return new TopicSpec(name, partitions, (short) replicationFactor, Map.of());
    }

    private static String ruleOf(String kafkaMessage) {
        // Kafka's messages repeat the name; keep the rule they state.
        int idx = kafkaMessage.indexOf(" is illegal, ");
        String rule = idx >= 0 ? kafkaMessage.substring(idx + " is illegal, ".length()) : kafkaMessage;
        return rule.replaceFirst("^Topic name ", "").replaceFirst("^is invalid: ", "").replaceAll("\\.$", "");
    }
}
