package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.SelfCommand;
import java.util.List;

/**
 * What a fallback port means: a broker that could not take the usual port started a new cluster of its own, which
 * the console tools pointed at the usual port will not see. One line says so, with the command that joins the
 * cluster already there instead.
 */
public final class SeparateCluster {

    private SeparateCluster() {
    }

    /**
     * The note for a broker that found {@code takenKafkaPort} taken.
     *
     * @param zookeeperPort the usual ZooKeeper port, if it was taken too (then the cluster there is likely the one the
     *     user meant to join); {@code null} when it was free or not asked for
     */
    public static String note(int takenKafkaPort, Integer zookeeperPort) {
        String existing = Ports.LOOPBACK + ":" + takenKafkaPort;
        String prefix = "this is a new, separate cluster: tools using --bootstrap-server " + existing
                + " will not see it; ";
        if (zookeeperPort == null) {
            return prefix + "'" + SelfCommand.with("check --bootstrap-server " + existing) + "' shows the cluster"
                    + " that has that port";
        }
        String zk = Ports.LOOPBACK + ":" + zookeeperPort;
        return prefix + "to join the cluster there instead, stop this one and run '"
                + SelfCommand.with("broker --zookeeper " + zk + " --broker-id " + nextId(zk)) + "'";
    }

    private static int nextId(String zookeeper) {
        try {
            List<Integer> ids = ClusterCheck.brokerIds(zookeeper);
            return ids.isEmpty() ? 0 : ids.get(ids.size() - 1) + 1;
        } catch (RuntimeException e) {
            return 1; // Not a ZooKeeper we can read: the usual second id.
        }
    }
}
