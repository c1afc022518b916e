package dev.kafkaspark.internal.web;

/**
 * What a page is about, shown at its top.
 *
 * @param kind {@code demo} (the whole pipeline), {@code kafka} (the {@code web} command: a cluster's Kafka half) or
 *     {@code stream} (the {@code stream} command's Spark half)
 * @param topic the topic it follows (empty: every topic)
 * @param engine {@code dstream} or {@code structured} (empty: no Spark here)
 * @param intervalMillis the batch interval ({@code 0}: no Spark here)
 * @param mode {@code zookeeper} or {@code kraft} (empty: not known)
 * @param bootstrapServers the brokers' address
 * @param auth whether logins (SASL/SCRAM) and ACLs are on
 */
public record PageInfo(String kind, String topic, String engine, long intervalMillis, String mode,
        String bootstrapServers, boolean auth) {
}
