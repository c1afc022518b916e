package dev.kafkaspark.internal.cluster.zookeeper;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** A short ZooKeeper session for a few reads or writes: connected (or a clear failure) when opened, closed after. */
public final class ZkSession implements AutoCloseable {

    private final ZooKeeper zk;

    private ZkSession(ZooKeeper zk) {
        this.zk = zk;
    }

    /**
     * Connects and waits until the session is established.
     *
     * @throws IllegalStateException when ZooKeeper does not answer within the timeout
     */
    public static ZkSession open(String connect, Duration timeout) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connect, (int) Math.max(timeout.toMillis(), 10_000), event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        ZkSession session = new ZkSession(zk);
        if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            session.close();
            throw new IllegalStateException("ZooKeeper at " + connect + " did not answer within "
                    + timeout.toSeconds() + " s");
        }
        return session;
    }

    /** The client. */
    public ZooKeeper client() {
        return zk;
    }

    @Override
    public void close() {
        try {
            zk.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
