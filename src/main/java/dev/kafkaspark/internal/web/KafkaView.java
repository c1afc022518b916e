package dev.kafkaspark.internal.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka half of the page for any cluster (the {@code web} command): once a second, the brokers and the
 * controller (or the KRaft quorum), every topic's partitions with leader, replicas, in-sync set and log-end offset,
 * and every consumer group's committed offsets and lag. The DStream job's group shows here like any other; a
 * Structured Streaming query commits to no group, so its progress is on the demo's own page.
 */
public final class KafkaView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaView.class);
    private static final long TIMEOUT = 5;

    private final Admin admin;
    private final LivePage page;
    private Ticker ticker;
    private volatile String lastError;

    /** Reads the cluster through {@code admin} (which stays the caller's) into {@code page}. */
    public KafkaView(Admin admin, LivePage page) {
        this.admin = admin;
        this.page = page;
    }

    /** Reads now, then once a second. */
    public KafkaView start() {
        ticker = Ticker.every(Duration.ofSeconds(1), Duration.ZERO, "kafka-view", this::sample);
        return this;
    }

    private void sample() {
        try {
            page.publish(read());
            if (lastError != null) {
                page.note("the cluster answers again");
                lastError = null;
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            String problem = e.getCause() != null ? e.getCause().toString() : e.toString();
            if (!problem.equals(lastError)) {
                LOG.warn("could not read the cluster: {}", problem);
                page.note("could not read the cluster: " + problem);
                lastError = problem;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The cluster now, as the page's {@code kafka} message. */
    ObjectNode read() throws ExecutionException, TimeoutException, InterruptedException {
        ObjectNode m = PageState.object("kafka", Narrator.sinceStart());
        DescribeClusterResult cluster = admin.describeCluster();
        Collection<Node> nodes = cluster.nodes().get(TIMEOUT, TimeUnit.SECONDS);
        Node controller = cluster.controller().get(TIMEOUT, TimeUnit.SECONDS);
        ArrayNode brokers = m.putArray("brokers");
        nodes.stream().sorted(Comparator.comparingInt(Node::id)).forEach(n -> brokers.addObject().put("id", n.id())
                .put("address", n.host() + ":" + n.port()).put("running", true));
        quorum(m, controller);
        List<String> names = admin.listTopics().names().get(TIMEOUT, TimeUnit.SECONDS).stream().sorted().toList();
        Map<String, TopicDescription> topics = names.isEmpty() ? Map.of()
                : admin.describeTopics(names).allTopicNames().get(TIMEOUT, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.values().forEach(t -> t.partitions().forEach(p -> latest.put(new TopicPartition(t.name(),
                p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT, TimeUnit.SECONDS).forEach((tp, i) -> end.put(tp, i.offset()));
        ArrayNode topicList = m.putArray("topics");
        for (String name : names) {
            ObjectNode topic = topicList.addObject().put("name", name);
            ArrayNode parts = topic.putArray("partitions");
            for (TopicPartitionInfo p : topics.get(name).partitions()) {
                ObjectNode row = parts.addObject().put("partition", p.partition()).put("leader",
                        p.leader() == null || p.leader().isEmpty() ? -1 : p.leader().id())
                        .put("end", end.getOrDefault(new TopicPartition(name, p.partition()), -1L));
                p.replicas().forEach(n -> row.withArray("replicas").add(n.id()));
                p.isr().forEach(n -> row.withArray("isr").add(n.id()));
            }
        }
        groups(m.putArray("groups"), end);
        return m;
    }

    /** The KRaft quorum's voters and leader; a ZooKeeper-mode cluster has none, and its controller is a broker. */
    private void quorum(ObjectNode m, Node controller) throws InterruptedException {
        try {
            QuorumInfo q = admin.describeMetadataQuorum().quorumInfo().get(TIMEOUT, TimeUnit.SECONDS);
            m.put("kraft", true).put("controller", q.leaderId());
            q.voters().forEach(v -> m.withArray("voters").add(v.replicaId()));
        } catch (ExecutionException | TimeoutException e) { // not KRaft: ZooKeeper mode's active controller
            m.put("kraft", false).put("controller", controller == null ? -1 : controller.id());
            m.putArray("voters");
        }
    }

    private void groups(ArrayNode target, Map<TopicPartition, Long> end)
            throws ExecutionException, TimeoutException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (ConsumerGroupListing g : admin.listConsumerGroups().all().get(TIMEOUT, TimeUnit.SECONDS)) {
            ids.add(g.groupId());
        }
        ids.sort(null);
        for (String id : ids) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT, TimeUnit.SECONDS);
            if (committed.isEmpty()) {
                continue;
            }
            ObjectNode group = target.addObject().put("group", id);
            ArrayNode parts = group.putArray("partitions");
            committed.entrySet().stream().filter(e -> e.getValue() != null)
                    .sorted(Comparator.comparing((Map.Entry<TopicPartition, OffsetAndMetadata> e) -> e.getKey().topic())
                            .thenComparingInt(e -> e.getKey().partition()))
                    .forEach(e -> {
                        long at = e.getValue().offset();
                        long logEnd = end.getOrDefault(e.getKey(), -1L);
                        parts.addObject().put("topic", e.getKey().topic()).put("partition", e.getKey().partition())
                                .put("committed", at).put("end", logEnd).put("lag", logEnd < 0 ? -1 : Math.max(0,
                                        logEnd - at));
                    });
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.close();
        }
    }
}
