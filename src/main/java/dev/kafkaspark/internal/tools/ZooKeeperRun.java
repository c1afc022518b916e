package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.cluster.zookeeper.EmbeddedZooKeeper;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.DataDir;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.SelfCommand;
import java.nio.file.Path;

/** {@code zookeeper} until it is stopped: ZooKeeper alone, as the walkthrough's first step starts it. */
public final class ZooKeeperRun {

    private ZooKeeperRun() {
    }

    /**
     * Runs ZooKeeper until a stop request.
     *
     * @param port its client port ({@code null}: 2181, or a free one)
     * @param dataDir where to keep its data ({@code null}: a temp directory removed at exit)
     * @return the exit code
     */
    public static int run(Narrator narrator, Integer port, Path dataDir, Stopping stopping) {
        Ports.Choice choice;
        try {
            choice = Ports.choose("ZooKeeper", port == null ? 2181 : port,
                    port == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
        } catch (RuntimeException e) {
            stopping.abandon();
            throw e;
        }
        EmbeddedZooKeeper zk;
        try {
            zk = EmbeddedZooKeeper.start(choice.port(),
                    dataDir == null ? DataDir.temporary("kafka-spark-zk-") : DataDir.kept(dataDir));
        } catch (RuntimeException | Error e) {
            stopping.abandon();
            throw e;
        }
        try {
            if (choice.fellBack()) {
                narrator.step("port 2181 is taken: ZooKeeper uses %d instead", zk.port());
            }
            narrator.started("zookeeper", zk.connectString(), "ZooKeeper started at %s; %s", zk.connectString(),
                    where(zk.dataDir()));
            narrator.step("brokers join it with: %s", SelfCommand.with("broker --zookeeper " + zk.connectString()));
            narrator.step("Ctrl-C stops");
            stopping.awaitStop();
        } finally {
            stopping.stop(narrator, "ZooKeeper", () -> "closing its client sessions", zk::close);
        }
        narrator.stopped("zookeeper", "ZooKeeper stopped; %s", after(zk.dataDir()));
        return 0;
    }

    private static String where(DataDir dir) {
        return dir.isKept() ? "data kept in " + dir.path() + " (start again with the same --data-dir to continue)"
                : "data in a temp directory, removed at exit (--data-dir DIR keeps it)";
    }

    private static String after(DataDir dir) {
        return dir.isKept() ? "its data stays in " + dir.path() : "its files are removed";
    }
}
