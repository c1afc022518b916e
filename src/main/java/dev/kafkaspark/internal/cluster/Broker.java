package dev.kafkaspark.internal.cluster;

/** One Kafka broker of a {@link KafkaCluster} this process runs, whatever the cluster's mode. */
public interface Broker {

    /** The broker's id (the node id in KRaft mode). */
    int brokerId();

    /** The port its client listener is bound to. */
    int port();

    /** The address clients bootstrap from, such as {@code 127.0.0.1:9092}. */
    String bootstrapServers();

    /** Whether it is running (not stopped, not closed). */
    boolean isRunning();

    /** Stops it (handing leadership to other brokers first) and keeps its data, so {@link #restart()} resumes. */
    void stop();

    /** Starts a stopped broker again, on the same port, with the same data. */
    void restart();
}
