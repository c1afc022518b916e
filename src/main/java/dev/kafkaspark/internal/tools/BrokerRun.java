package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.events.Narrator;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * {@code broker} until it is stopped, in either mode: start the brokers (with their own ZooKeeper or controller
 * quorum, or joining one elsewhere), say where they are, watch what they joined, and stop without hanging. What
 * differs between the modes is a {@link Mode}: {@link ZkBrokers} and {@link KraftBrokers}.
 */
public final class BrokerRun {

    /**
     * What {@code broker} was asked for.
     *
     * @param join the ZooKeeper ({@code --zookeeper}) or controllers ({@code --controller}) to join; {@code null}:
     *     start our own
     * @param metadataPort our own ZooKeeper's or controller's port ({@code null}: the usual one, or a free one)
     * @param port the first broker's port ({@code null}: 9092, or a free one)
     * @param scram the logins, when every port requires one ({@code null}: none)
     */
    public record Options(String join, Integer metadataPort, Integer port, int firstId, int brokers, Path dataDir,
            Map<String, String> properties, Scram scram) {
    }

    /** What one mode does differently. */
    interface Mode {
        /** Starts the cluster; fails with {@link BrokerIds.TakenException} when a joined cluster has our ids. */
        KafkaCluster start(Options o);

        /** The lines from the start up to where the data is kept. */
        void narrateStart(Narrator narrator, KafkaCluster cluster, Options o);

        /** Whether what the brokers joined answers (checked every {@link #watchMillis()}). */
        boolean joinedReachable(KafkaCluster cluster);

        long watchMillis();

        /** Says that what the brokers joined went away ({@code false}) or is back ({@code true}). */
        void narrateReachable(Narrator narrator, KafkaCluster cluster, boolean reachable);

        /** The part being stopped, for people. */
        String what(Options o);

        /** What the stop waits for, knowing whether what the brokers joined answers. */
        String stopWaitsFor(KafkaCluster cluster, boolean reachable);

        /** The line after the stop. */
        void narrateStopped(Narrator narrator, Options o);
    }

    private BrokerRun() {
    }

    /**
     * Runs the brokers until a stop request.
     *
     * @param onStarted runs once they are up, before the line that says how clients connect (the logins)
     * @return the exit code
     */
    public static int run(ClusterMode clusterMode, Narrator narrator, Options o, Stopping stopping,
            Consumer<KafkaCluster> onStarted) {
        Mode mode = clusterMode == ClusterMode.KRAFT ? new KraftBrokers() : new ZkBrokers();
        KafkaCluster cluster;
        try {
            cluster = mode.start(o);
        } catch (RuntimeException | Error e) {
            stopping.abandon();
            throw e;
        }
        AtomicBoolean reachable = new AtomicBoolean(true);
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "join-watch");
            t.setDaemon(true);
            return t;
        });
        try {
            mode.narrateStart(narrator, cluster, o);
            narrator.step("%s", o.dataDir() == null ? "data in temp directories, removed at exit (--data-dir DIR"
                    + " keeps it)" : "data kept in " + o.dataDir().toAbsolutePath() + ": start again with the same"
                    + " --data-dir to find your topics and records");
            onStarted.accept(cluster);
            narrator.step("clients connect with --bootstrap-server %s; Ctrl-C stops", cluster.bootstrapServers());
            if (o.join() != null) {
                watch(watch, mode.watchMillis(), () -> mode.joinedReachable(cluster), reachable,
                        now -> mode.narrateReachable(narrator, cluster, now));
            }
            stopping.awaitStop();
        } finally {
            watch.shutdownNow();
            stopping.stop(narrator, mode.what(o), () -> mode.stopWaitsFor(cluster, reachable.get()), cluster::close);
        }
        mode.narrateStopped(narrator, o);
        return 0;
    }

    /** Says when what the brokers joined goes away, and when it is back: the brokers themselves say nothing. */
    private static void watch(ScheduledExecutorService watch, long millis, BooleanSupplier answers,
            AtomicBoolean reachable, Consumer<Boolean> changed) {
        watch.scheduleWithFixedDelay(() -> {
            boolean now = answers.getAsBoolean();
            if (reachable.compareAndSet(!now, now)) {
                changed.accept(now);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** The files' fate, as the stopped line says it. */
    static String dataAfter(Options o) {
        return o.dataDir() == null ? (o.brokers() == 1 ? "its" : "their") + " files are removed"
                : "the data stays in " + o.dataDir().toAbsolutePath();
    }
}
