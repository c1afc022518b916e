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
     * The note for a ZooKeeper-mode broker that found {@code takenKafkaPort} taken.
     *
     * @param zookeeperPort the usual ZooKeeper port, if it was taken too (then the cluster there is likely the one the
     *     user meant to join); {@code null} when it was free or not asked for
     */
    public static String note(int takenKafkaPort, Integer zookeeperPort) {
        if (zookeeperPort == null) {
            return note(takenKafkaPort, (String) null);
        }
        String zk = Ports.LOOPBACK + ":" + zookeeperPort;
        return note(takenKafkaPort, "broker --zookeeper " + zk + " --broker-id "
                + nextId(() -> ClusterCheck.brokerIds(zk)));
    }

    /** The note for a KRaft node that found {@code takenKafkaPort} taken, and maybe the usual controller port too. */
    public static String kraftNote(int takenKafkaPort, Integer controllerPort) {
        if (controllerPort == null) {
            return note(takenKafkaPort, (String) null);
        }
        String controllers = Ports.LOOPBACK + ":" + controllerPort;
        return note(takenKafkaPort, "broker --mode kraft --controller " + controllers + " --node-id "
                + nextId(() -> KraftKafkaCluster.nodeIdsAt(controllers)));
    }

    private static String note(int takenKafkaPort, String joinCommand) {
        String existing = Ports.LOOPBACK + ":" + takenKafkaPort;
        String prefix = "this is a new, separate cluster: tools using --bootstrap-server " + existing
                + " will not see it; ";
        if (joinCommand == null) {
            return prefix + "'" + SelfCommand.with("check --bootstrap-server " + existing) + "' shows the cluster"
                    + " that has that port";
        }
        return prefix + "to join the cluster there instead, stop this one and run '" + SelfCommand.with(joinCommand)
                + "'";
    }

    private static int nextId(Supplier<List<Integer>> known) {
        try {
            return BrokerIds.next(known.get());
        } catch (RuntimeException e) {
            return 1; // Not a cluster we can read: the usual second id.
        }
    }
}
