package dev.kafkaspark.internal.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The offsets a consumer group has committed, as the demo shows them. */
final class GroupOffsets {

    private static final Logger LOG = LoggerFactory.getLogger(GroupOffsets.class);

    private GroupOffsets() {
    }

    /** The group's committed offsets; empty (and logged) when the cluster could not say. */
    static Optional<Map<TopicPartition, Long>> committed(Admin admin, String group) {
        try {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .forEach((tp, om) -> offsets.put(tp, om.offset()));
            return Optional.of(offsets);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("could not read the committed offsets of group {}", group, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Offsets as {@code p0@12 p1@9}, by partition. */
    static String format(Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return "(none yet: from the beginning)";
        }
        StringBuilder b = new StringBuilder();
        offsets.entrySet().stream().sorted(Map.Entry.comparingByKey(
                java.util.Comparator.comparing(TopicPartition::partition)))
                .forEach(e -> b.append(b.length() == 0 ? "" : " ").append('p').append(e.getKey().partition())
                        .append('@').append(e.getValue()));
        return b.toString();
    }
}
