package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.ByLauncher;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.tools.WebRun;
import dev.kafkaspark.internal.web.WebSettings;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code web}: the live page's Kafka half for any cluster, until Ctrl-C. */
@Command(name = "web", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Serve a live page of the cluster at --bootstrap-server on 127.0.0.1: its brokers and"
                + " controller, every topic's partitions with leader, in-sync replicas and log-end offset, and each"
                + " consumer group's lag (the DStream job's group too), updated every second.", ""})
public final class WebCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--web-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "Serve the page on this port (default: 8080, or the next free port; 0: any free port).")
    Integer webPort;

    @Override
    public Integer call() {
        Map<String, String> login = cluster.login();
        WebSettings web = webPort == null ? WebSettings.standard() : WebSettings.at(webPort);
        try {
            return WebRun.run(new Narrator(spec.commandLine().getOut()), cluster.bootstrapServer, login, web,
                    ByLauncher.fromNow());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
