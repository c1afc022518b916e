package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.BoundedStop;
import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.spark.standalone.SparkStandalone;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.support.SelfCommand;
import dev.kafkaspark.internal.tools.ClusterCheck;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spark-worker}: a Spark standalone worker registered with a master, until Ctrl-C. */
@Command(name = "spark-worker", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Start a Spark standalone worker (org.apache.spark.deploy.worker.Worker, from this jar) on"
                + " 127.0.0.1 that registers with the master and runs executors for it as child JVMs, until Ctrl-C."
                + " No Spark installation is needed: the worker prepares what its executors need in a temp"
                + " directory removed at exit (start-worker.sh).", ""})
public final class SparkWorkerCommand implements Callable<Integer> {

    private static final Pattern MASTER = Pattern.compile("spark://([^:/]+):(\\d+)");
    private static final Pattern MEMORY = Pattern.compile("(\\d+)([mMgG])");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MASTER_URL", description = "The master, such as spark://127.0.0.1:7077.")
    String master;

    @Option(names = "--cores", paramLabel = "N", defaultValue = "1",
            description = "Cores it offers to executors (default: ${DEFAULT-VALUE}).")
    int cores;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "1g",
            description = "Memory it offers to executors, like 512m or 1g (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--webui-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "Its web UI's port (default: 8081, or a free port if 8081 is taken; 0: any free port).")
    Integer webUiPort;

    @Override
    public Integer call() {
        Matcher m = MASTER.matcher(master.trim());
        if (!m.matches()) {
            throw new UsageException("'" + master + "' is not a master URL: give spark://HOST:PORT, as spark-master"
                    + " prints it");
        }
        int memoryMb = memoryMb(memory);
        if (cores < 1) {
            throw new UsageException("--cores must be at least 1, not " + cores);
        }
        String hostPort = m.group(1) + ":" + m.group(2);
        try {
            ClusterCheck.requireListening(hostPort);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("nothing listens at " + hostPort + ": start the master first ('"
                    + SelfCommand.with("spark-master") + "'), or pass the URL it prints", e);
        }
        Narrator narrator = new Narrator(spec.commandLine().getOut());
        Ports.Choice ui = Ports.choose("Spark worker UI", webUiPort == null ? 8081 : webUiPort,
                webUiPort == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
        // The worker does not report the UI port it bound, so "any" is chosen here.
        int uiPort = ui.port() == 0 ? Ports.anyFree() : ui.port();
        SparkStandalone worker = SparkStandalone.worker(master.trim(), cores, memoryMb, uiPort);
        try {
            if (ui.fellBack() || !worker.webUiUrl().endsWith(":" + uiPort)) {
                narrator.step("port %d is taken: the web UI uses another", uiPort);
            }
            narrator.step("Spark worker %s registered with %s: %d core%s, %d MiB for executors, web UI %s",
                    worker.workerId(), master.trim(), cores, cores == 1 ? "" : "s", memoryMb, worker.webUiUrl());
            narrator.step("executors run as child JVMs of this process; Ctrl-C stops them and the worker");
            Signals.awaitInterrupt(null);
        } finally {
            BoundedStop.run(narrator, "the Spark worker", () -> "stopping its executors", worker::close);
        }
        narrator.stopped("spark worker", "Spark worker stopped; its executors and files are gone");
        return 0;
    }

    private static int memoryMb(String text) {
        Matcher m = MEMORY.matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException("--memory '" + text + "' is not a size: give it like 512m or 1g");
        }
        long n = Long.parseLong(m.group(1));
        long mb = m.group(2).equalsIgnoreCase("g") ? n * 1024 : n;
        if (mb < 256 || mb > 1024 * 1024) {
            throw new UsageException("--memory must be between 256m and 1024g, not " + text);
        }
        return (int) mb;
    }
}
