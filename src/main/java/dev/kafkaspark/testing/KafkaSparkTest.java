package dev.kafkaspark.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real Kafka (broker(s) with a ZooKeeper, or in KRaft mode without one) and local Spark for a test class. The environment
 * ({@link dev.kafkaspark.testing.KafkaSparkEnvironment}) is injected into test and lifecycle methods that declare it as a
 * parameter, and closed when the class ends (or, with {@link #shared()}, when the whole run ends).
 *
 * <pre>{@code
 * @KafkaSparkTest(topics = "words:2")
 * class WordCountTest {
 *     @Test
 *     void counts(KafkaSparkEnvironment env) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaSparkExtension.class)
public @interface KafkaSparkTest {

    /** How many brokers (1 to 5). */
    int brokers() default 1;

    /** Which Kafka: a ZooKeeper and brokers (the default), or KRaft nodes with no ZooKeeper. */
    KafkaMode mode() default KafkaMode.ZOOKEEPER;

    /**
     * Whether the brokers require logins: {@link KafkaAuth#SCRAM} for SASL/SCRAM and ACLs, with
     * {@link KafkaSparkEnvironment#clientProperties(String)} for each user (default: none, anyone may do anything).
     */
    KafkaAuth auth() default KafkaAuth.NONE;

    /** Topics to create: {@code "name"}, {@code "name:partitions"} or {@code "name:partitions:replication"}. */
    String[] topics() default {};

    /** Broker settings as {@code key=value}, as in server.properties. */
    String[] brokerProperties() default {};

    /**
     * Whether to start Spark (a local context on loopback, UI off). A {@link #shared()} environment always has Spark
     * (it starts in the background while Kafka starts), so that classes with and without Spark can share it.
     */
    boolean spark() default true;

    /**
     * Share one environment among all test classes of the run that ask for the same mode, logins, brokers and broker
     * properties (start-up costs seconds); each class's topics are created in it. Use unique topic, group and user
     * names.
     */
    boolean shared() default false;
}
