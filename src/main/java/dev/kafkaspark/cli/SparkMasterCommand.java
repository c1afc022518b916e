package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.BoundedStop;
import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.spark.standalone.SparkStandalone;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.SelfCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spark-master}: Spark's standalone master, until Ctrl-C. */
@Command(name = "spark-master", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Start Spark's standalone master (org.apache.spark.deploy.master.Master, from this jar) on"
                + " 127.0.0.1, print its URL and web UI, and keep it up until Ctrl-C. Workers register with it"
                + " (spark-worker); stream --master spark://... runs the job on them (start-master.sh).", ""})
public final class SparkMasterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "The master's port (default: 7077, or a free port if 7077 is taken; 0: any free port).")
    Integer port;

    @Option(names = "--webui-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "Its web UI's port (default: 8080, or a free port if 8080 is taken; 0: any free port).")
    Integer webUiPort;

    @Override
    public Integer call() {
        Narrator narrator = new Narrator(spec.commandLine().getOut());
        Ports.Choice rpc = Ports.choose("Spark master", port == null ? 7077 : port,
                port == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
        Ports.Choice ui = Ports.choose("Spark master UI", webUiPort == null ? 8080 : webUiPort,
                webUiPort == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
        SparkStandalone master = SparkStandalone.master(rpc.port(), ui.port());
        try {
            if (rpc.fellBack()) {
                narrator.step("port 7077 is taken: the master uses %d instead", master.port());
            }
            if (ui.fellBack()) {
                narrator.step("port 8080 is taken: the web UI uses another port");
            }
            narrator.started("spark master", master.masterUrl(), "Spark master started at %s (web UI %s)", master.masterUrl(), master.webUiUrl());
            narrator.step("workers join it with: %s", SelfCommand.with("spark-worker " + master.masterUrl()
                    + " --cores 1 --memory 1g"));
            narrator.step("the job runs on them with: %s", SelfCommand.with("stream --master " + master.masterUrl()));
            narrator.step("Ctrl-C stops");
            Signals.awaitInterrupt(null);
        } finally {
            BoundedStop.run(narrator, "the Spark master", () -> "telling its workers and applications", master::close);
        }
        narrator.stopped("spark master", "Spark master stopped");
        return 0;
    }
}
