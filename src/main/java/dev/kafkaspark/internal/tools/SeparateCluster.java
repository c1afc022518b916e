package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.cluster.kraft.KraftKafkaCluster;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.SelfCommand;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a fallback port means: a broker that could not take the usual port started a new cluster of its own, which
 * the console tools pointed at the usual port will not see. One line says so, with the command that joins the
 * cluster already there instead.
 */
public final class SeparateCluster {

    private SeparateCluster() {
    }

    /**
     * The note for a ZooKeeper-mode broker that found {@code takenKafkaPort} taken. It says what holds the port, and
     * only when that is a broker whose ZooKeeper answers at the usual port does it give the command that joins it. It
     * costs a few hundred milliseconds at most, whatever holds the ports ({@link PortHolder}).
     *
     * @param zookeeperPort the usual ZooKeeper port, if it was taken too (then the cluster there is likely the one the
     *     user meant to join); {@code null} when it was free or not asked for
     */
    public static String note(int takenKafkaPort, Integer zookeeperPort) {
        String zk = zookeeperPort == null ? null : Ports.LOOPBACK + ":" + zookeeperPort;
        return note(takenKafkaPort, () -> zk != null && PortHolder.zookeeperAt(Ports.LOOPBACK, zookeeperPort)
                == PortHolder.ZOOKEEPER ? "broker --zookeeper " + zk + " --broker-id "
                        + nextId(() -> ClusterCheck.brokerIds(zk)) : null);
    }

    /** The note for a KRaft node that found {@code takenKafkaPort} taken, and maybe the usual controller port too. */
    public static String kraftNote(int takenKafkaPort, Integer controllerPort) {
        String controllers = controllerPort == null ? null : Ports.LOOPBACK + ":" + controllerPort;
        return note(takenKafkaPort, () -> controllers != null && PortHolder.kafkaAt(Ports.LOOPBACK, controllerPort)
                == PortHolder.KAFKA ? "broker --mode kraft --controller " + controllers + " --node-id "
                        + nextId(() -> KraftKafkaCluster.nodeIdsAt(controllers)) : null);
    }

    /** The note; {@code joinCommand} (asked only when a broker holds the port) gives null when there is none. */
    private static String note(int takenKafkaPort, Supplier<String> joinCommand) {
        String existing = Ports.LOOPBACK + ":" + takenKafkaPort;
        PortHolder holder = PortHolder.kafkaAt(Ports.LOOPBACK, takenKafkaPort);
        if (holder != PortHolder.KAFKA) {
            return "this is a new cluster of its own: " + holder.describe(existing) + ", so there is no cluster there"
                    + " to join";
        }
        String prefix = "this is a new, separate cluster: tools using --bootstrap-server " + existing
                + " will not see it; ";
        String join = joinCommand.get();
        if (join == null) {
            return prefix + "'" + SelfCommand.with("check --bootstrap-server " + existing) + "' shows the cluster"
                    + " that has that port";
        }
        return prefix + "to join the cluster there instead, stop this one and run '"
                + SelfCommand.with(join) + "'";
    }

    private static int nextId(Supplier<List<Integer>> known) {
        try {
            return BrokerIds.next(known.get());
        } catch (RuntimeException e) {
            return 1; // Not a cluster we can read: the usual second id.
        }
    }
}
