package dev.kafkaspark.testing;

/** Whether the environment's brokers require logins. */
public enum KafkaAuth {
    /** Any client may do anything (the default, as in the classic walkthrough). */
    NONE,
    /**
     * Every broker port requires a SASL/SCRAM-SHA-256 login, and only what ACLs allow is allowed. The environment's own
     * clients log in as its admin user (a super user); {@link KafkaSparkEnvironment#clientProperties(String)} creates
     * other users.
     */
    SCRAM
}
