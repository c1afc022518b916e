package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.cluster.ClusterMode;
import dev.kafkaspark.internal.delivery.Delivery;
import dev.kafkaspark.internal.demo.DemoSettings.PortRequest;
import dev.kafkaspark.internal.stream.StreamEngine;
import dev.kafkaspark.internal.stream.StreamingSettings;
import dev.kafkaspark.internal.web.WebSettings;
import dev.kafkaspark.testing.KafkaAuth;
import java.nio.file.Path;
import java.time.Duration;

/** Builds {@link DemoSettings} from the defaults; unset replication factor and min ISR follow the broker count. */
public final class DemoSettingsBuilder {
    private String topic = DemoSettings.DEFAULT_TOPIC;
    private int partitions = 3;
    private Duration batchInterval = Duration.ofSeconds(2);
    private double rate = 5;
    private int keys = 10;
    private long records = -1;
    private Duration duration;
    private PortRequest zkPort = PortRequest.preferred(DemoSettings.DEFAULT_ZK_PORT);
    private PortRequest kafkaPort = PortRequest.preferred(DemoSettings.DEFAULT_KAFKA_PORT);
    private PortRequest controllerPort = PortRequest.preferred(DemoSettings.DEFAULT_CONTROLLER_PORT);
    private ClusterMode mode = ClusterMode.ZOOKEEPER;
    private KafkaAuth auth = KafkaAuth.NONE;
    private boolean ui = true;
    private String master = "local[2]";
    private String group = StreamingSettings.DEFAULT_GROUP;
    private int valueSize;
    private int show = 5;
    private int brokers = 1;
    private Integer replicationFactor;
    private Integer minInsyncReplicas;
    private Duration killBrokerAfter;
    private Duration restartBrokerAfter;
    private Duration restartStreamAfter;
    private Delivery delivery = Delivery.AT_LEAST_ONCE;
    private Path storeDir;
    private StreamEngine.Kind engine = StreamEngine.Kind.DSTREAM;
    private Path checkpoint;
    private boolean quietBatches;
    private boolean benchReport;
    private WebSettings web;

    DemoSettingsBuilder() {
    }

    /** @return this */
    public DemoSettingsBuilder topic(String v) {
        topic = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder partitions(int v) {
        partitions = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder batchInterval(Duration v) {
        batchInterval = v;
        return this;
    }

    /** Records per second; 0: flat out. @return this */
    public DemoSettingsBuilder rate(double v) {
        rate = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder keys(int v) {
        keys = v;
        return this;
    }

    /** Produce exactly this many, then stop; -1: no limit. @return this */
    public DemoSettingsBuilder records(long v) {
        records = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder duration(Duration v) {
        duration = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder zkPort(PortRequest v) {
        zkPort = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder controllerPort(PortRequest v) {
        controllerPort = v;
        return this;
    }

    /** Where the cluster keeps its metadata (default ZooKeeper, as in the classic walkthrough). @return this */
    public DemoSettingsBuilder mode(ClusterMode v) {
        mode = v;
        return this;
    }

    /** Whether the brokers require SASL/SCRAM logins and ACLs. */
    public DemoSettingsBuilder auth(KafkaAuth v) {
        auth = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder kafkaPort(PortRequest v) {
        kafkaPort = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder ui(boolean v) {
        ui = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder master(String v) {
        master = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder group(String v) {
        group = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder valueSize(int v) {
        valueSize = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder show(int v) {
        show = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder brokers(int v) {
        brokers = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder replicationFactor(Integer v) {
        replicationFactor = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder minInsyncReplicas(Integer v) {
        minInsyncReplicas = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder killBrokerAfter(Duration v) {
        killBrokerAfter = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder restartBrokerAfter(Duration v) {
        restartBrokerAfter = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder restartStreamAfter(Duration v) {
        restartStreamAfter = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder delivery(Delivery v) {
        delivery = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder storeDir(Path v) {
        storeDir = v;
        return this;
    }

    /** DStreams (the default, the classic walkthrough's) or a Structured Streaming query. */
    public DemoSettingsBuilder engine(StreamEngine.Kind v) {
        engine = v;
        return this;
    }

    /** Structured Streaming: keep the query's checkpoint in this directory. */
    public DemoSettingsBuilder checkpoint(Path v) {
        checkpoint = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder quietBatches(boolean v) {
        quietBatches = v;
        return this;
    }

    /** @return this */
    public DemoSettingsBuilder benchReport(boolean v) {
        benchReport = v;
        return this;
    }

    /** Serves the live page there ({@code null}, the default: no page). @return this */
    public DemoSettingsBuilder web(WebSettings v) {
        web = v;
        return this;
    }

    /** Any free ports, as tests want. @return this */
    public DemoSettingsBuilder anyFreePorts() {
        zkPort = PortRequest.explicit(0);
        kafkaPort = PortRequest.explicit(0);
        controllerPort = PortRequest.explicit(0);
        return this;
    }

    /** Validates and builds. */
    public DemoSettings build() {
        int rf = replicationFactor != null ? replicationFactor : DemoSettings.defaultReplicationFactor(brokers);
        int minIsr = minInsyncReplicas != null ? minInsyncReplicas : DemoSettings.defaultMinInsync(rf);
        return new DemoSettings(new DemoSettings.Cluster(mode, brokers, zkPort, kafkaPort, controllerPort, auth),
                new DemoSettings.Topic(topic, partitions, rf, minIsr),
                new DemoSettings.Producer(rate, keys, records, valueSize),
                new DemoSettings.Stream(master, group, batchInterval, ui, delivery, storeDir, engine, checkpoint),
                new DemoSettings.Scenario(duration, killBrokerAfter, restartBrokerAfter, restartStreamAfter),
                new DemoSettings.Output(show, quietBatches, benchReport, web));
    }
}
