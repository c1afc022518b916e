package dev.kafkaspark.internal.cluster;

import java.util.Locale;
import java.util.Optional;

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
     * A setting of the other mode given to this one is a mistake: the start of the message that says so (the caller
     * ends it with its advice), or empty when none was given.
     *
     * @param zookeeperSetting the name of a ZooKeeper-mode setting that was given ({@code null}: none)
     * @param kraftSetting the name of a KRaft-mode setting that was given ({@code null}: none)
     */
    public Optional<String> otherModesSetting(String zookeeperSetting, String kraftSetting) {
        if (this == KRAFT && zookeeperSetting != null) {
            return Optional.of(zookeeperSetting + " is for ZooKeeper mode, and KRaft mode runs no ZooKeeper");
        }
        if (this == ZOOKEEPER && kraftSetting != null) {
            return Optional.of(kraftSetting + " is for KRaft mode");
        }
        return Optional.empty();
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
