package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.support.Backoff;
import dev.kafkaspark.internal.support.Failures;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
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

    /** One partition's state. */
    record Row(int partition, int leader, List<Integer> replicas, List<Integer> isr) {
    }

    private final Admin admin;
    private final String topic;
    private final Narrator narrator;
    private final Supplier<Set<Integer>> stoppedBrokers;
    private final Thread thread;
    private volatile List<Row> current = List.of();
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
        print(current);
        thread.start();
    }

    /** The latest table. */
    List<Row> current() {
        return current;
    }

    /** Waits until the table satisfies the condition; returns whether it did in time. */
    boolean awaitTable(Predicate<List<Row>> condition, long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            List<Row> rows = fetch();
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
            List<Row> rows = fetch();
            if (rows.isEmpty() != unavailable) {
                unavailable = rows.isEmpty();
                // Say when the table cannot be read, so a silence is never mistaken for "nothing changed".
                narrator.step(unavailable ? "the partition table of %s cannot be read right now (%s); still trying"
                        : "the partition table of %s can be read again", topic, lastError);
            }
            Set<Integer> stopped = stoppedBrokers.get();
            if (!rows.isEmpty() && (!rows.equals(current) || !stopped.equals(shownStopped))) {
                current = rows;
                narrator.step("partitions of %s changed:", topic);
                print(rows);
            }
        }
    }

    private List<Row> fetch() {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(5, TimeUnit.SECONDS);
            return d.get(topic).partitions().stream().sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                    .map(p -> new Row(p.partition(), p.leader() == null || p.leader().isEmpty() ? -1
                            : p.leader().id(), ids(p.replicas()), ids(p.isr()))).toList();
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

    private void print(List<Row> rows) {
        Set<Integer> stopped = stoppedBrokers.get();
        shownStopped = stopped;
        narrator.line(table(rows, stopped));
    }

    /** The table, a stopped broker marked with {@code *} wherever it appears. */
    static String table(List<Row> rows, Set<Integer> stopped) {
        StringBuilder b = new StringBuilder("    partition  leader  replicas    in-sync replicas");
        for (Row r : rows) {
            b.append('\n').append(String.format(Locale.ROOT, "    %-9d  %-6s  %-10s  %s", r.partition(),
                    r.leader() < 0 ? "none" : mark(r.leader(), stopped), join(r.replicas(), stopped),
                    join(r.isr(), stopped)));
        }
        if (!stopped.isEmpty()) {
            b.append("\n    * stopped; Kafka lists it as in sync until its controller has noticed");
        }
        return b.toString();
    }

    private static String mark(int id, Set<Integer> stopped) {
        return stopped.contains(id) ? id + "*" : Integer.toString(id);
    }

    private static String join(List<Integer> ids, Set<Integer> stopped) {
        return ids.stream().map(id -> mark(id, stopped)).collect(Collectors.joining(","));
    }

    /** The broker that leads the most partitions (the lowest id on a tie). */
    static int busiestLeader(List<Row> rows) {
        return rows.stream().filter(r -> r.leader() >= 0)
                .collect(Collectors.groupingBy(Row::leader, Collectors.counting())).entrySet().stream()
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
