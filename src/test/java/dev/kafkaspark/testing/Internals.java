package dev.kafkaspark.testing;

import dev.kafkaspark.internal.cluster.KafkaCluster;

/** For this project's own tests: what a public environment wraps, which a user's test never sees. */
public final class Internals {

    private Internals() {
    }

    /** The environment's cluster, with what only this project's code uses (its SCRAM logins, its admin). */
    public static KafkaCluster cluster(KafkaSparkEnvironment env) {
        return env.harness.kafka().cluster();
    }
}
