package dev.kafkaspark.internal.cluster;

import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.support.Closer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * What every mode's cluster keeps the same way: its brokers, the admin client opened once they all answer, its
 * logins, and one {@link Closer} that stops everything in reverse start order.
 */
public abstract class AbstractKafkaCluster implements KafkaCluster {

    private final List<Broker> brokers;
    private final Admin admin;
    private final Closer closer;
    private final Scram scram;
    private volatile boolean closed;

    protected AbstractKafkaCluster(List<? extends Broker> brokers, Admin admin, Closer closer, Scram scram) {
        this.brokers = List.copyOf(brokers);
        this.admin = admin;
        this.closer = closer;
        this.scram = scram;
    }

    /**
     * Runs a cluster's start; any failure, an {@link Error} included (a class path clash throws one), stops what
     * started before it is rethrown.
     */
    protected static <T> T startOrStopAll(Closer closer, Supplier<T> start) {
        try {
            return start.get();
        } catch (Throwable e) {
            try {
                closer.close();
            } catch (Throwable suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * The end of every start: an admin client on the started brokers (the admin user's, with logins), closed with the
     * cluster, returned once every broker answers.
     */
    protected static Admin openAdmin(List<? extends Broker> started, Scram scram, Closer closer, Duration timeout) {
        String bootstrap = started.stream().map(Broker::bootstrapServers).collect(Collectors.joining(","));
        Admin admin = Admins.create(bootstrap, Duration.ofSeconds(30),
                scram == null ? Map.of() : scram.admin().clientProperties());
        closer.register(() -> admin.close(Duration.ofSeconds(5)));
        Admins.awaitBrokers(admin, started.stream().map(Broker::brokerId).toList(), timeout);
        return admin;
    }

    @Override
    public List<Broker> brokers() {
        return brokers;
    }

    @Override
    public Optional<Scram> scram() {
        return Optional.ofNullable(scram);
    }

    @Override
    public Admin admin() {
        requireOpen();
        return admin;
    }

    /** Fails once the cluster is closed. */
    protected void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the cluster is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closer.close();
    }
}
