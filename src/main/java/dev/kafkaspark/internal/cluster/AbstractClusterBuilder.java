package dev.kafkaspark.internal.cluster;

import dev.kafkaspark.internal.cluster.auth.Scram;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The settings every mode's builder keeps the same way; each mode adds its own and starts its cluster. */
public abstract class AbstractClusterBuilder<B extends AbstractClusterBuilder<B>> implements ClusterBuilder {

    protected int brokers = 1;
    protected Path dataDir;
    protected int firstBrokerPort = 0;
    protected int firstBrokerId = 0;
    protected final Map<String, String> brokerProperties = new HashMap<>();
    protected Duration startTimeout = Duration.ofSeconds(60);
    protected Scram scram;

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** How many brokers (1 to 5). */
    @Override
    public B brokers(int count) {
        if (count < 1 || count > 5) {
            throw new IllegalArgumentException("brokers must be between 1 and 5, not " + count);
        }
        this.brokers = count;
        return self();
    }

    /** The first broker's port; 0 (the default) picks a free one. Further brokers always take free ports. */
    @Override
    public B brokerPort(int port) {
        this.firstBrokerPort = port;
        return self();
    }

    /** The first broker's id (the default 0; the node id in KRaft mode); further brokers count up from it. */
    @Override
    public B firstBrokerId(int id) {
        this.firstBrokerId = id;
        return self();
    }

    /** A broker property that wins over the defaults, for every broker. */
    @Override
    public B brokerProperty(String key, String value) {
        brokerProperties.put(key, value);
        return self();
    }

    /** All given broker properties, as {@link #brokerProperty}. */
    @Override
    public B brokerProperties(Map<String, String> properties) {
        brokerProperties.putAll(properties);
        return self();
    }

    /**
     * Keep the data below this directory ({@code zookeeper/}, {@code broker-<id>/} or {@code node-<id>/}) across
     * restarts, as the real start scripts do; default: temp directories removed on close.
     */
    @Override
    public B dataDir(Path dir) {
        this.dataDir = dir;
        return self();
    }

    /** How long start-up may take before it fails. */
    @Override
    public B startTimeout(Duration timeout) {
        this.startTimeout = timeout;
        return self();
    }

    @Override
    public B scram(Scram scram) {
        this.scram = scram;
        return self();
    }
}
