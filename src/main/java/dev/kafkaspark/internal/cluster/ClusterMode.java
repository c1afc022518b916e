package dev.kafkaspark.internal.cluster;

import java.util.Locale;

/** Where a Kafka cluster keeps its metadata: ZooKeeper (the classic walkthrough's way) or its own quorum (KRaft). */
public enum ClusterMode {
    /** Brokers register in ZooKeeper, and one of them is elected controller through it. */
    ZOOKEEPER("ZooKeeper"),
    /** No ZooKeeper: controllers keep the metadata in a replicated log of their own (the Raft quorum). */
    KRAFT("KRaft");

    private final String label;

    ClusterMode(String label) {
        this.label = label;
    }

    /** The name people read: {@code ZooKeeper} or {@code KRaft}. */
    public String label() {
        return label;
    }

    /** The value a user types: {@code zookeeper} or {@code kraft}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode a user typed ({@code zookeeper}, {@code zk} or {@code kraft}, any case).
     *
     * @throws IllegalArgumentException naming the values there are
     */
    public static ClusterMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "zookeeper", "zk" -> ZOOKEEPER;
            case "kraft" -> KRAFT;
            default -> throw new IllegalArgumentException("unknown mode '" + text
                    + "': use zookeeper (the classic walkthrough) or kraft (Kafka without ZooKeeper)");
        };
    }
}
