package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.events.Event;
import dev.kafkaspark.internal.events.Event.PartitionRow;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.Backoff;
import dev.kafkaspark.internal.support.Failures;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a topic's partitions (leader, replicas, in-sync replicas) and prints the table whenever it changes, so a
 * class sees leadership move when a broker stops and the in-sync set grow back when it returns.
 */
final class PartitionWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionWatcher.class);

    private final Admin admin;
    private final String topic;
    private final Narrator narrator;
    private final Supplier<Set<Integer>> stoppedBrokers;
    private final Thread thread;
    private volatile List<PartitionRow> current = List.of();
    private Set<Integer> shownStopped = Set.of();
    private volatile boolean running = true;
    private volatile String lastError = "no answer yet";
    private boolean unavailable;

    /**
     * @param stoppedBrokers the brokers of this process that are stopped: the table marks them, since Kafka keeps a
     *     stopped broker in the in-sync replicas until the controller has noticed
     */
    PartitionWatcher(Admin admin, String topic, Narrator narrator, Supplier<Set<Integer>> stoppedBrokers) {
        this.admin = admin;
        this.topic = topic;
        this.narrator = narrator;
        this.stoppedBrokers = stoppedBrokers;
        this.current = fetch();
        this.thread = new Thread(this::watch, "partition-watcher");
        this.thread.setDaemon(true);
    }

    /** Prints the table now and starts watching for changes. */
    void start() {
        print(current, false);
        thread.start();
    }

    /** The latest table. */
    List<PartitionRow> current() {
        return current;
    }

    /** Waits until the table satisfies the condition; returns whether it did in time. */
    boolean awaitTable(Predicate<List<PartitionRow>> condition, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            List<PartitionRow> rows = fetch();
            if (!rows.isEmpty() && condition.test(rows)) {
                return true;
            }
            Backoff.pause(20);
        }
        return false;
    }

    private void watch() {
        while (running) {
            Backoff.pause(250);
            if (!running) {
                return;
            }
            List<PartitionRow> rows = fetch();
            if (rows.isEmpty() != unavailable) {
                unavailable = rows.isEmpty();
                // Say when the table cannot be read, so a silence is never mistaken for "nothing changed".
                narrator.step(unavailable ? "the partition table of %s cannot be read right now (%s); still trying"
                        : "the partition table of %s can be read again", topic, lastError);
            }
            Set<Integer> stopped = stoppedBrokers.get();
            if (!rows.isEmpty() && (!rows.equals(current) || !stopped.equals(shownStopped))) {
                current = rows;
                print(rows, true);
            }
        }
    }

    /** The topic's partition table now, as the brokers report it. */
    static List<PartitionRow> describe(Admin admin, String topic)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, TopicDescription> d = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(5, TimeUnit.SECONDS);
        return d.get(topic).partitions().stream().sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                .map(p -> new PartitionRow(p.partition(), p.leader() == null || p.leader().isEmpty() ? -1
                        : p.leader().id(), ids(p.replicas()), ids(p.isr()))).toList();
    }

    private List<PartitionRow> fetch() {
        try {
            return describe(admin, topic);
        } catch (ExecutionException | TimeoutException e) {
            lastError = Failures.message(e);
            LOG.warn("could not describe {}: {}", topic, e.toString());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private void print(List<PartitionRow> rows, boolean changed) {
        Set<Integer> stopped = stoppedBrokers.get();
        shownStopped = stopped;
        narrator.publish(new Event.PartitionTable(Narrator.sinceStart(), topic, rows, stopped, changed));
    }

    /** The broker that leads the most partitions (the lowest id on a tie). */
    static int busiestLeader(List<PartitionRow> rows) {
        return rows.stream().filter(r -> r.leader() >= 0)
                .collect(Collectors.groupingBy(PartitionRow::leader, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.<Integer, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElseThrow(() -> new IllegalStateException("no partition has a leader"));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
