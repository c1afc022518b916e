package dev.kafkaspark.internal.delivery;

/** How the streaming job keeps track of what it has processed. */
public enum Delivery {
    /**
     * Offsets are committed to Kafka after each batch's output. A restart resumes from the last commit, so the batch in
     * flight may be processed again.
     */
    AT_LEAST_ONCE("at-least-once"),
    /**
     * Each batch's output and its offset ranges are written together, atomically, to a local store; a restart resumes
     * from the store's offsets, so every record is in the output exactly once.
     */
    EXACTLY_ONCE("exactly-once");

    private final String label;

    Delivery(String label) {
        this.label = label;
    }

    /** The name used on the command line. */
    public String label() {
        return label;
    }

    /** Parses {@code at-least-once} or {@code exactly-once}. */
    public static Delivery parse(String text) {
        for (Delivery d : values()) {
            if (d.label.equalsIgnoreCase(text.trim()) || d.name().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a delivery mode: use at-least-once or"
                + " exactly-once");
    }
}
