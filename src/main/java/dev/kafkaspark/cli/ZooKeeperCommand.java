package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.BoundedStop;
import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.cluster.zookeeper.EmbeddedZooKeeper;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.DataDir;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.SelfCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zookeeper}: ZooKeeper alone, until Ctrl-C (the walkthrough's first step). */
@Command(name = "zookeeper", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Start ZooKeeper on 127.0.0.1, print its connect string, and keep it up until Ctrl-C.",
            "Step 1 of the walkthrough (zookeeper-server-start.sh).", ""})
public final class ZooKeeperCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "Client port (default: 2181, or a free port if 2181 is taken; 0: any free port).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep ZooKeeper's data in DIR across restarts, as zookeeper-server-start.sh keeps its"
                    + " dataDir (default: a temp directory removed at exit).")
    Path dataDir;

    @Override
    public Integer call() {
        Narrator narrator = new Narrator(spec.commandLine().getOut());
        Ports.Choice choice = Ports.choose("ZooKeeper", port == null ? 2181 : port,
                port == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
        EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(choice.port(),
                dataDir == null ? DataDir.temporary("kafka-spark-zk-") : DataDir.kept(dataDir));
        try {
            if (choice.fellBack()) {
                narrator.step("port 2181 is taken: ZooKeeper uses %d instead", zk.port());
            }
            narrator.started("zookeeper", zk.connectString(), "ZooKeeper started at %s; %s", zk.connectString(), DataNotes.where(zk.dataDir()));
            narrator.step("brokers join it with: %s", SelfCommand.with("broker --zookeeper " + zk.connectString()));
            narrator.step("Ctrl-C stops");
            Signals.awaitInterrupt(null);
        } finally {
            BoundedStop.run(narrator, "ZooKeeper", () -> "closing its client sessions", zk::close);
        }
        narrator.stopped("zookeeper", "ZooKeeper stopped; %s", DataNotes.after(zk.dataDir()));
        return 0;
    }
}
