package dev.kafkaspark.cli;

import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.demo.Access;
import dev.kafkaspark.internal.demo.DemoSettings;
import dev.kafkaspark.internal.stream.StreamingSettings;
import dev.kafkaspark.testing.KafkaAuth;
import java.util.List;

import dev.kafkaspark.cli.launch.BoundedStop;
import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.cluster.Broker;
import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.cluster.zookeeper.ZkKafkaCluster;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.Ports;
import dev.kafkaspark.internal.tools.ClusterCheck;
import dev.kafkaspark.internal.tools.SeparateCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
        if (mode == ClusterMode.KRAFT) {
            return KraftBroker.run(narrator, new KraftBroker.Options(controller, controllerPort, port, brokerId,
                    brokers, dataDir, properties, auth == KafkaAuth.SCRAM ? Scram.generate() : null,
                    started -> {
                        if (auth == KafkaAuth.SCRAM) {
                            logins(started, narrator);
                        }
                    }));
        }
        Ports.Choice kafka = Ports.choose("Kafka", port == null ? 9092 : port,
                port == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
        ZkKafkaCluster.Builder builder = ZkKafkaCluster.builder().brokers(brokers).firstBrokerId(brokerId)
                .brokerPort(kafka.port())
                .brokerProperties(properties)
                .dataDir(dataDir)
                .scram(auth == KafkaAuth.SCRAM ? Scram.generate() : null);
        Ports.Choice zk = null;
        if (zookeeper != null) {
            requireFreeIds(ClusterCheck.brokerIds(zookeeper));
            builder.externalZookeeper(zookeeper);
        } else {
            zk = Ports.choose("ZooKeeper", zkPort == null ? 2181 : zkPort,
                    zkPort == null ? Ports.Request.PREFERRED : Ports.Request.EXPLICIT);
            builder.zookeeperPort(zk.port());
        }
        ZkKafkaCluster cluster = builder.start();
        AtomicBoolean zkConnected = new AtomicBoolean(true);
        String zkConnect = cluster.zookeeperConnect().orElseThrow();
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zookeeper-watch");
            t.setDaemon(true);
            return t;
        });
        try {
            if (zk != null) {
                if (zk.fellBack()) {
                    narrator.step("port 2181 is taken: ZooKeeper uses %d instead", cluster.zookeeper().port());
                }
                narrator.started("zookeeper", zkConnect, "ZooKeeper started at %s", zkConnect);
            }
            if (kafka.fellBack()) {
                narrator.step("port 9092 is taken: the broker uses %d instead", cluster.brokers().get(0).port());
                if (zk != null) {
                    narrator.step("%s", SeparateCluster.note(9092, zk.fellBack() ? 2181 : null));
                }
            }
            for (Broker broker : cluster.brokers()) {
                narrator.started("broker " + broker.brokerId(), broker.bootstrapServers(), "Kafka broker %d started at %s (ZooKeeper %s)", broker.brokerId(),
                        broker.bootstrapServers(), zkConnect);
            }
            narrator.step("%s", dataDir == null ? "data in temp directories, removed at exit (--data-dir DIR keeps it)"
                    : "data kept in " + dataDir.toAbsolutePath() + ": start again with the same --data-dir to find"
                            + " your topics and records");
            if (auth == KafkaAuth.SCRAM) {
                logins(cluster, narrator);
            }
            narrator.step("clients connect with --bootstrap-server %s; Ctrl-C stops", cluster.bootstrapServers());
            if (zookeeper != null) {
                watchZooKeeper(watch, cluster, zkConnected, narrator);
            }
            Signals.awaitInterrupt(null);
        } finally {
            watch.shutdownNow();
            String what = brokers == 1 ? "Kafka broker " + brokerId : "the Kafka brokers";
            BoundedStop.run(narrator, what, () -> zkConnected.get()
                    ? "handing its partitions over to the other brokers"
                    : "ZooKeeper at " + zkConnect + " is not answering, and Kafka waits for it to move leaders",
                    cluster::close);
        }
        narrator.stopped("kafka", "Kafka broker%s stopped%s; %s", brokers == 1 ? " " + brokerId : "s",
                zookeeper == null ? ", and ZooKeeper" : "", dataDir == null
                        ? (brokers == 1 ? "its" : "their") + " files are removed"
                        : "the data stays in " + dataDir.toAbsolutePath());
        return 0;
    }

    /** Creates the users and ACLs, and writes each user's client properties. */
    private void logins(dev.kafkaspark.internal.cluster.KafkaCluster cluster, Narrator narrator) {
        Scram scram = cluster.scram().orElseThrow();
        narrator.step("SASL/SCRAM-SHA-256: every port requires a login, and only what an ACL allows is allowed; the"
                + " brokers log in to each other as user %s. %s", scram.broker().user(),
                cluster.mode() == ClusterMode.KRAFT ? "The controller port requires a login too (PLAIN, for the"
                        + " broker and admin users only)" : "ZooKeeper is not protected: it listens on 127.0.0.1 only");
        Access.Logins logins = Access.grant(cluster, aclTopic, StreamingSettings.DEFAULT_GROUP);
        Access.aclLines(logins, aclTopic, StreamingSettings.DEFAULT_GROUP).forEach(l -> narrator.step("%s", l));
        List<Path> files = ClientConfigs.write(configDir, cluster.bootstrapServers(), scram.admin(),
                logins.producer(), logins.spark());
        narrator.step("logins (readable by you only; give one to a tool with --command-config FILE): %s (admin, a"
                + " super user), %s, %s", files.get(0), files.get(1), files.get(2));
    }

    /** Options of the other mode are mistakes: say which, and what to do instead. */
    private void requireOptionsOfMode() {
        if (mode == ClusterMode.KRAFT) {
            if (zookeeper != null || zkPort != null) {
                throw new UsageException((zookeeper != null ? "--zookeeper" : "--zk-port") + " is for ZooKeeper mode,"
                        + " and KRaft mode runs no ZooKeeper: drop it (--controller HOST:PORT joins a KRaft cluster)");
            }
            if (controller != null && controllerPort != null) {
                throw new UsageException("--controller-port is for this process's own controller; with --controller"
                        + " the nodes join a quorum elsewhere and run no controller: drop one of them");
            }
        } else if (controller != null || controllerPort != null) {
            throw new UsageException((controller != null ? "--controller" : "--controller-port") + " is for KRaft"
                    + " mode: add --mode kraft, or use --zookeeper HOST:PORT to join a ZooKeeper-mode cluster");
        }
    }

    /** Says when the ZooKeeper this broker joined goes away, and when it is back: the broker itself says nothing. */
    private static void watchZooKeeper(ScheduledExecutorService watch, ZkKafkaCluster cluster,
            AtomicBoolean connected, Narrator narrator) {
        String zk = cluster.zookeeperConnect().orElseThrow();
        watch.scheduleWithFixedDelay(() -> {
            boolean now = cluster.zookeeperConnected();
            if (connected.compareAndSet(!now, now)) {
                if (now) {
                    narrator.step("ZooKeeper at %s is back: the broker is registered again", zk);
                } else {
                    narrator.step("lost ZooKeeper at %s: the broker still serves the partitions it leads, but topics"
                            + " cannot be created and leaders cannot move until it is back", zk);
                }
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** A broker id already in ZooKeeper would fail deep in Kafka's start-up: say which id to take instead. */
    private void requireFreeIds(List<Integer> registered) {
        for (int id = brokerId; id < brokerId + brokers; id++) {
            if (registered.contains(id)) {
                throw new UsageException("broker id " + id + " is already registered in ZooKeeper " + zookeeper
                        + " (ids registered: " + registered.stream().map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(", "))
                        + "): pass --broker-id " + (registered.get(registered.size() - 1) + 1)
                        + " to join as another broker");
            }
        }
    }
}
