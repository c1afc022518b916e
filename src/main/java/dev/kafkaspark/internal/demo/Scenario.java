package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.delivery.Guarantee;
import dev.kafkaspark.internal.events.Event.PartitionRow;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.stream.StreamEngine;
import dev.kafkaspark.internal.workload.SyntheticProducer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's scheduled events, each at its time on a scheduler thread of its own: stop the broker that leads the most
 * partitions, start it again, restart the streaming job mid-run. Each event is narrated with what the class should
 * see; a failed event is kept and reported, not dropped.
 */
final class Scenario implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scenario.class);

    /** The running parts an event acts on. */
    record Parts(KafkaCluster cluster, PartitionWatcher watcher, SyntheticProducer producer,
            StreamEngine runner, DemoSettings settings) {
    }

    private final Parts parts;
    private final Narrator narrator;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-scenario");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch pending;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile int killedBroker = -1; // the one --restart-broker starts again
    private volatile int streamRestarts;

    Scenario(Parts parts, Narrator narrator) {
        this.parts = parts;
        this.narrator = narrator;
        DemoSettings.Scenario s = parts.settings().scenario();
        List<Event> events = new java.util.ArrayList<>();
        if (s.killBrokerAfter() != null) {
            events.add(new Event(s.killBrokerAfter(), this::killBroker));
        }
        if (s.restartBrokerAfter() != null) {
            events.add(new Event(s.restartBrokerAfter(), this::restartBroker));
        }
        if (s.restartStreamAfter() != null) {
            events.add(new Event(s.restartStreamAfter(), this::restartStream));
        }
        pending = new CountDownLatch(events.size());
        for (Event e : events) {
            scheduler.schedule(() -> run(e.step()), e.after().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** An event, some time after the scenario started. */
    private record Event(Duration after, Runnable step) {
    }

    private void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("a scenario step failed", e);
            failure.compareAndSet(null, e);
        } finally {
            pending.countDown();
        }
    }

    /** Whether every event has happened. */
    boolean done() {
        return pending.getCount() == 0;
    }

    /** The first event that failed, if any. */
    RuntimeException failure() {
        return failure.get();
    }

    /** How often the streaming job was restarted. */
    int streamRestarts() {
        return streamRestarts;
    }

    /**
     * Runs a step the live page asked for, on this scenario's thread after any step under way: the same code as the
     * scheduled ones, narrated the same way. A step that fails is narrated and logged; the run carries on.
     *
     * @return what the page says will happen
     * @throws IllegalArgumentException when the step does not apply now
     */
    String request(String action, int broker) {
        Runnable step;
        String words;
        switch (action) {
            case "stop-broker" -> {
                requireBroker(broker, true);
                if (parts.cluster().brokers().stream().filter(b -> b.isRunning()).count() < 2) {
                    throw new IllegalArgumentException("broker " + broker + " is the last one running: start"
                            + " another one first");
                }
                step = () -> stopBroker(broker);
                words = "stopping broker " + broker;
            }
            case "start-broker" -> {
                requireBroker(broker, false);
                step = () -> startBroker(broker);
                words = "starting broker " + broker;
            }
            case "restart-stream" -> {
                step = this::restartStream;
                words = "restarting the stream";
            }
            default -> throw new IllegalArgumentException("no such action: '" + action + "'");
        }
        scheduler.execute(() -> {
            narrator.event("from the live page: %s", words);
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.error("a step asked for by the live page failed", e);
                narrator.event("that step failed: %s", dev.kafkaspark.internal.support.Failures.message(e));
            }
        });
        return words;
    }

    private void requireBroker(int id, boolean running) {
        if (parts.cluster().brokers().stream().noneMatch(b -> b.brokerId() == id)) {
            throw new IllegalArgumentException("there is no broker " + id);
        }
        if (parts.cluster().broker(id).isRunning() != running) {
            throw new IllegalArgumentException("broker " + id + " is already " + (running ? "stopped" : "running"));
        }
    }

    private void killBroker() {
        stopBroker(PartitionWatcher.busiestLeader(parts.watcher().current()));
    }

    private void stopBroker(int victim) {
        List<PartitionRow> rows = parts.watcher().current();
        long led = rows.stream().filter(r -> r.leader() == victim).count();
        SyntheticProducer producer = parts.producer();
        long retriesBefore = producer.retries();
        producer.takeAckWindow();
        narrator.event("stopping broker %d, the leader of %d partition%s (a controlled shutdown: it hands its"
                + " partitions over first)", victim, led, led == 1 ? "" : "s");
        int controllerBefore = activeController();
        narrator.event("%s", controllerBefore < 0 ? "no active controller right now (an election is under way)"
                : "the active controller is " + nodeName() + " " + controllerBefore + (controllerBefore == victim
                        ? ", the one about to stop: " + (kraft() ? "the quorum's other voters" : "the other brokers,"
                                + " through ZooKeeper,") + " will elect a new one" : ""));
        long t0 = System.nanoTime();
        parts.cluster().broker(victim).stop();
        killedBroker = victim;
        long stoppedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        boolean moved = parts.watcher().awaitTable(table -> table.stream().allMatch(r -> r.leader() >= 0
                && r.leader() != victim && !r.isr().contains(victim)), 30_000);
        long movedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        narrator.event(moved ? "broker %d is down (stopped in %d ms); every partition has a leader on a live broker"
                + " %d ms after the stop began" : "broker %d is down (stopped in %d ms); after %d ms some partition"
                + " still has no live leader", victim, stoppedMs, movedMs);
        int controllerAfter = awaitController(victim);
        narrator.event("%s", controllerAfter < 0 ? "no active controller yet"
                : controllerAfter == controllerBefore ? "the active controller is still " + nodeName() + " "
                        + controllerAfter : "the active controller is now " + nodeName() + " " + controllerAfter
                        + (kraft() ? " (elected leader of the KRaft quorum)" : " (elected through ZooKeeper)"));
        long retried = producer.retries() - retriesBefore;
        SyntheticProducer.AckWindow acks = producer.takeAckWindow();
        boolean smooth = retried == 0 && acks.slowCount() == 0;
        narrator.event("the producer meanwhile: %d send%s retried, %d acknowledgement%s took %d s or more, the"
                + " slowest %d ms (acks=all, min.insync.replicas=%d): %s; Spark carries on", retried,
                retried == 1 ? "" : "s", acks.slowCount(), acks.slowCount() == 1 ? "" : "s",
                SyntheticProducer.SLOW_ACK_MILLIS / 1000, acks.slowestMillis(),
                parts.settings().topic().minInsyncReplicas(), smooth
                        ? "the leaders moved before the broker stopped, so no send failed or waited long"
                        : "sends waited for the new leaders and were retried, never lost or repeated (idempotent)");
    }

    private boolean kraft() {
        return parts.cluster().mode() == ClusterMode.KRAFT;
    }

    private String nodeName() {
        return kraft() ? "node" : "broker";
    }

    /** The active controller, or -1 when there is none or it cannot be read right now. */
    private int activeController() {
        try {
            return parts.cluster().activeController();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Waits (10 s at most) for an active controller other than the stopped broker; -1 if none came. */
    private int awaitController(int stopped) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int controller = activeController();
        while ((controller < 0 || controller == stopped) && System.nanoTime() < deadline) {
            dev.kafkaspark.internal.support.Backoff.pause(100);
            controller = activeController();
        }
        return controller == stopped ? -1 : controller;
    }

    private void restartBroker() {
        if (killedBroker >= 0) {
            startBroker(killedBroker);
        }
    }

    private void startBroker(int broker) {
        narrator.event("starting broker %d again, with the data it had", broker);
        long t0 = System.nanoTime();
        parts.cluster().broker(broker).restart();
        if (killedBroker == broker) {
            killedBroker = -1;
        }
        narrator.event("broker %d is back at %s after %d ms; it catches up from the leaders", broker,
                parts.cluster().broker(broker).bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        boolean inSync = parts.watcher().awaitTable(table -> table.stream()
                .filter(r -> r.replicas().contains(broker)).allMatch(r -> r.isr().contains(broker)), 60_000);
        narrator.event(inSync ? "broker %d is back in the in-sync replicas of all its partitions (%d ms after the"
                + " restart began)" : "broker %d has not rejoined every in-sync set after %d ms", broker,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private void restartStream() {
        boolean exactlyOnce = parts.runner().guarantee() instanceof Guarantee.ExactlyOnce;
        if (parts.settings().stream().engine().offsetsInCheckpoint()) {
            narrator.event("stopping the streaming query mid-run (no graceful finish, as in a crash)");
            Map<TopicPartition, Long> from = parts.runner().restartStream();
            streamRestarts++;
            narrator.step("the query started again from its checkpoint: after the last committed micro-batch, at %s;"
                    + " a micro-batch in flight at the stop runs again with the same id and offsets",
                    from.isEmpty() ? "the earliest offsets (none was committed)" : GroupOffsets.format(from));
            narrator.step(exactlyOnce ? "exactly-once: a micro-batch run again replaces its file in the store, so its"
                    + " records are in the output once" : "at-least-once: a micro-batch run again reaches the sink a"
                    + " second time, so nothing is lost, but repeats are possible");
            return;
        }
        narrator.event("stopping the streaming job mid-run (no graceful finish, as in a crash)");
        Map<TopicPartition, Long> from = parts.runner().restartStream();
        streamRestarts++;
        if (exactlyOnce) {
            narrator.step("a new streaming job started; exactly-once, it resumes from the store's offsets: %s",
                    GroupOffsets.format(from));
        } else {
            String group = parts.settings().stream().group();
            narrator.step("a new streaming job started; at-least-once, it resumes from the group's committed"
                    + " offsets: %s", GroupOffsets.committed(parts.cluster().admin(), group)
                            .map(GroupOffsets::format).orElse("(could not be read; see the log)"));
            narrator.step("batches processed after the last commit will be processed again: at-least-once means"
                    + " nothing is lost, but repeats are possible");
        }
    }

    /** Cancels what has not happened yet and waits (briefly) for a running event to end. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a scenario step was still running after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
