package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.ByLauncher;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.tools.ZooKeeperRun;
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
        return ZooKeeperRun.run(new Narrator(spec.commandLine().getOut()), port, dataDir, ByLauncher.fromNow());
    }
}
