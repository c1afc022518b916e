package dev.kafkaspark.internal.cluster.auth;

import dev.kafkaspark.internal.cluster.zookeeper.ZkSession;
import java.io.IOException;
import java.time.Duration;
import org.apache.kafka.common.utils.Sanitizer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

/**
 * Writes SCRAM credentials into ZooKeeper before the brokers start, where a ZooKeeper-mode broker reads them at
 * start-up (what {@code kafka-configs.sh --zookeeper ... --entity-type users --add-config SCRAM-SHA-256=[...]} does).
 * The brokers need their own user's credential there before they can log in to each other; every other user is added
 * later through the Admin client.
 */
public final class ZkCredentials {

    private ZkCredentials() {
    }

    /** Stores each login's credential in {@code /config/users/<user>}, replacing one that is there. */
    public static void write(String zkConnect, Duration timeout, Scram.Login... logins) {
        try (ZkSession session = ZkSession.open(zkConnect, timeout)) {
            ZooKeeper zk = session.client();
            ensure(zk, "/config");
            ensure(zk, "/config/users");
            for (Scram.Login login : logins) {
                String path = "/config/users/" + Sanitizer.sanitize(login.user());
                byte[] node = Scram.userConfigNode(login.password());
                if (zk.exists(path, false) == null) {
                    zk.create(path, node, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                } else {
                    zk.setData(path, node, -1);
                }
            }
        } catch (IOException | KeeperException e) {
            throw new IllegalStateException("could not store the SCRAM credentials in ZooKeeper at " + zkConnect
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing the SCRAM credentials", e);
        }
    }

    private static void ensure(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        try {
            zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // There already.
        }
    }
}
