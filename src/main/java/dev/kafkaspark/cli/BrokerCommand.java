package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.ByLauncher;
import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.demo.Access;
import dev.kafkaspark.internal.demo.DemoSettings;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.stream.StreamingSettings;
import dev.kafkaspark.internal.tools.BrokerIds;
import dev.kafkaspark.internal.tools.BrokerRun;
import dev.kafkaspark.testing.KafkaAuth;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code broker}: a Kafka broker, with its own ZooKeeper or joining one, until Ctrl-C. */
@Command(name = "broker", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Start a Kafka broker on 127.0.0.1 and keep it up until Ctrl-C.",
            "ZooKeeper mode (the default): it starts its own ZooKeeper; with --zookeeper it joins an existing one, and"
                    + " brokers started that way with different --broker-id values form one cluster.",
            "KRaft mode (--mode kraft): no ZooKeeper; each node is a broker and a controller; with --controller"
                    + " HOST:PORT and another --node-id it joins a cluster started in another terminal.",
            "Step 1 of the walkthrough (kafka-server-start.sh).", ""})
public final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mode", paramLabel = "zookeeper|kraft", defaultValue = "zookeeper",
            converter = Converters.ModeConverter.class,
            description = "Where Kafka keeps its metadata: zookeeper (the classic walkthrough) or kraft (no ZooKeeper)"
                    + " (default: ${DEFAULT-VALUE}).")
    ClusterMode mode;

    @Option(names = "--controller", paramLabel = "HOST:PORT",
            description = "KRaft mode: join the cluster whose controller listens here (as a broker only).")
    String controller;

    @Option(names = "--controller-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "KRaft mode: the controller listener's port (default: 9093, or a free port if taken).")
    Integer controllerPort;

    @Option(names = "--zookeeper", paramLabel = "HOST:PORT",
            description = "Join this ZooKeeper instead of starting one.")
    String zookeeper;

    @Option(names = "--zk-port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "Port of the broker's own ZooKeeper (default: 2181, or a free port if taken).")
    Integer zkPort;

    @Option(names = "--port", paramLabel = "PORT", converter = Converters.PortConverter.class,
            description = "Listener port (default: 9092, or a free port if 9092 is taken; 0: any free port).")
    Integer port;

    @Option(names = {"--broker-id", "--node-id"}, paramLabel = "ID", defaultValue = "0",
            description = "Broker id (the node id in KRaft mode); unique within the cluster (default: ${DEFAULT-VALUE}).")
    int brokerId;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "1",
            description = "Start N brokers in this process, ids counting up from --broker-id; the first takes --port,"
                    + " the others free ports (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the broker's data (and its own ZooKeeper's) in DIR across restarts, as"
                    + " kafka-server-start.sh keeps its log.dirs (default: temp directories removed at exit).")
    Path dataDir;

    @Option(names = "--auth", paramLabel = "none|scram", defaultValue = "none",
            description = "scram: every port requires a SASL/SCRAM-SHA-256 login and ACLs decide who may do what;"
                    + " users admin, producer and spark get a client-<user>.properties in --config-dir"
                    + " (default: ${DEFAULT-VALUE}).")
    KafkaAuth auth;

    @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "logs",
            description = "With --auth scram: where the client-<user>.properties files go (default: ${DEFAULT-VALUE}).")
    Path configDir;

    @Option(names = "--topic", paramLabel = "NAME", defaultValue = DemoSettings.DEFAULT_TOPIC,
            description = "With --auth scram: the topic the producer and spark users get ACLs for"
                    + " (default: ${DEFAULT-VALUE}).")
    String aclTopic;

    @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
            description = "A broker setting, as in server.properties (repeatable).")
    Map<String, String> properties = new HashMap<>();

    private List<Path> loginFiles = List.of();

    @Override
    public Integer call() {
        requireOptionsOfMode();
        if (zookeeper != null && zkPort != null) {
            throw new UsageException("--zk-port is for the broker's own ZooKeeper; with --zookeeper there is none");
        }
        if (brokers < 1 || brokers > 5) {
            throw new UsageException("--brokers must be between 1 and 5, not " + brokers);
        }
        if (brokerId < 0) {
            throw new UsageException("--broker-id must not be negative, not " + brokerId);
        }
        if (auth == KafkaAuth.SCRAM && (zookeeper != null || controller != null)) {
            throw new UsageException("--auth scram starts a cluster of its own (brokers that join one elsewhere cannot"
                    + " log in yet): drop " + (zookeeper != null ? "--zookeeper" : "--controller") + ", or --auth;"
                    + " --brokers N starts several");
        }
        Narrator narrator = new Narrator(spec.commandLine().getOut());
        BrokerRun.Options options = new BrokerRun.Options(mode == ClusterMode.KRAFT ? controller : zookeeper,
                mode == ClusterMode.KRAFT ? controllerPort : zkPort, port, brokerId, brokers, dataDir, properties,
                auth == KafkaAuth.SCRAM ? Scram.generate() : null);
        try {
            return BrokerRun.run(mode, narrator, options, ByLauncher.fromNow(), started -> {
                if (auth == KafkaAuth.SCRAM) {
                    logins(started, narrator);
                }
            });
        } catch (BrokerIds.TakenException e) {
            throw new UsageException(e.getMessage());
        } finally {
            if (!configDirChosen()) {
                ClientConfigs.remove(loginFiles);
            }
        }
    }

    /** Creates the users and ACLs, and writes each user's client properties. */
    private void logins(KafkaCluster cluster, Narrator narrator) {
        Scram scram = cluster.scram().orElseThrow();
        narrator.step("SASL/SCRAM-SHA-256: every port requires a login, and only what an ACL allows is allowed; the"
                + " brokers log in to each other as user %s. %s", scram.broker().user(),
                cluster.mode() == ClusterMode.KRAFT ? "The controller port requires a login too (PLAIN, for the"
                        + " broker and admin users only)" : "ZooKeeper is not protected: it listens on 127.0.0.1 only");
        Access.Logins logins = Access.grant(cluster, aclTopic, StreamingSettings.DEFAULT_GROUP);
        Access.aclLines(logins, aclTopic, StreamingSettings.DEFAULT_GROUP).forEach(l -> narrator.step("%s", l));
        // The usual port's cluster keeps the walkthrough's names; another one (a second class cluster) its own.
        int port = cluster.brokers().get(0).port();
        List<Path> files = ClientConfigs.write(configDir, port == 9092 ? "" : "-" + port, cluster.bootstrapServers(),
                scram.admin(), logins.producer(), logins.spark());
        loginFiles = files;
        narrator.step("logins (readable by you only; give one to a tool with --command-config FILE): %s (admin, a"
                + " super user), %s, %s; %s", files.get(0), files.get(1), files.get(2), configDirChosen()
                        ? "they stay in " + configDir + " after this broker stops"
                        : "removed when this broker stops, as its cluster's passwords go with it");
    }

    private boolean configDirChosen() {
        return spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--config-dir");
    }

    /** Options of the other mode are mistakes: say which, and what to do instead. */
    private void requireOptionsOfMode() {
        mode.otherModesSetting(zookeeper != null ? "--zookeeper" : zkPort != null ? "--zk-port" : null,
                controller != null ? "--controller" : controllerPort != null ? "--controller-port" : null)
                .ifPresent(mistake -> {
                    throw new UsageException(mistake + (mode == ClusterMode.KRAFT
                            ? ": drop it (--controller HOST:PORT joins a KRaft cluster)"
                            : ": add --mode kraft, or use --zookeeper HOST:PORT to join a ZooKeeper-mode cluster"));
                });
        if (controller != null && controllerPort != null) {
            throw new UsageException("--controller-port is for this process's own controller; with --controller"
                    + " the nodes join a quorum elsewhere and run no controller: drop one of them");
        }
    }
}
