package dev.kafkaspark.internal.delivery;

/**
 * What a streaming job promises about each record, and where it keeps what it needs to keep that promise.
 */
public sealed interface Guarantee permits Guarantee.AtLeastOnce, Guarantee.ExactlyOnce {

    /** The delivery mode, for people. */
    Delivery delivery();

    /**
     * A restart may repeat the batch in flight. DStreams commit offsets to Kafka after each batch's output; a
     * Structured Streaming query records them in its checkpoint.
     */
    record AtLeastOnce() implements Guarantee {
        @Override
        public Delivery delivery() {
            return Delivery.AT_LEAST_ONCE;
        }
    }

    /**
     * Each batch's output goes to the store in one atomic step. DStreams store the offsets with it and resume from
     * the store; a Structured Streaming query keys each batch's file by batch id, so a batch replayed from the
     * checkpoint replaces its file instead of adding to the output.
     */
    record ExactlyOnce(BatchStore store) implements Guarantee {
        @Override
        public Delivery delivery() {
            return Delivery.EXACTLY_ONCE;
        }
    }
}
