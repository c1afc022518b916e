package dev.kafkaspark.testing;

/**
 * One broker of an environment's cluster, for a test that stops it and starts it again (a failover, a leader moving).
 * In KRaft mode each is also a voter of the controller quorum.
 */
public final class Broker {

    private final dev.kafkaspark.internal.cluster.Broker broker;

    Broker(dev.kafkaspark.internal.cluster.Broker broker) {
        this.broker = broker;
    }

    /** The broker's id (the node id in KRaft mode). */
    public int id() {
        return broker.brokerId();
    }

    /** The port its client listener is bound to. */
    public int port() {
        return broker.port();
    }

    /** The address clients bootstrap from, such as {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Whether it is running. */
    public boolean isRunning() {
        return broker.isRunning();
    }

    /** Stops it (a controlled shutdown: it hands its leaderships over first) and keeps its data. */
    public void stop() {
        broker.stop();
    }

    /** Starts a stopped broker again, on the same port, with the same data. */
    public void restart() {
        broker.restart();
    }

    @Override
    public String toString() {
        return "broker " + id() + " at " + bootstrapServers() + (isRunning() ? "" : " (stopped)");
    }
}
