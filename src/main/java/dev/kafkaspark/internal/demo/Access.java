package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.cluster.auth.Users;
import dev.kafkaspark.internal.events.Event;
import dev.kafkaspark.internal.events.Narrator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Who may read and write, under {@code --auth scram}: the demo's two users besides the admin, the ACLs each gets, and
 * the lesson, one attempt the ACLs deny, before the demo runs with the right user for each part.
 */
public final class Access {

    /** The prefix of the consumer groups Structured Streaming's Kafka source makes up for each query. */
    static final String STRUCTURED_GROUPS = "spark-kafka-source-";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * The users the demo's parts log in as.
     *
     * @param producer may write (and describe) the topic
     * @param spark may read the topic and use the job's consumer groups
     */
    public record Logins(Scram.Login producer, Scram.Login spark) {
    }

    /** The console consumer's groups ({@code consume} without {@code --group}). */
    public static final String CONSOLE_GROUPS = "console-consumer-";

    private Access() {
    }

    /** Creates the users and their ACLs, says so, and shows one denied attempt. */
    static Logins setUp(KafkaCluster cluster, String topic, String group, Narrator narrator) {
        Scram scram = cluster.scram().orElseThrow();
        narrator.step("SASL/SCRAM-SHA-256: every broker port requires a login, and the brokers allow only what an ACL"
                + " allows; they log in to each other as user %s. %s", scram.broker().user(),
                cluster.mode() == dev.kafkaspark.internal.cluster.ClusterMode.KRAFT
                        ? "The controller port requires a login too (PLAIN, for the broker and admin users only)"
                        : "ZooKeeper is not protected: it listens on 127.0.0.1 only");
        Logins logins = grant(cluster, topic, group);
        narrator.step("users, with passwords made for this run (shown only here, never logged): %s %s (super user),"
                + " %s %s, %s %s", scram.admin().user(), scram.admin().password(), logins.producer().user(),
                logins.producer().password(), logins.spark().user(), logins.spark().password());
        aclLines(logins, topic, group).forEach(line -> narrator.step("%s", line));
        lesson(cluster.bootstrapServers(), topic, logins.producer(), narrator);
        return logins;
    }

    /**
     * Creates users {@code producer} (may write and describe the topic) and {@code spark} (may read and describe it,
     * and use the job's groups, its executors', Structured Streaming's and the console consumer's), with generated
     * passwords, and waits until the brokers accept their logins and list their ACLs.
     */
    public static Logins grant(KafkaCluster cluster, String topic, String group) {
        Logins logins = new Logins(Scram.Login.generate("producer"), Scram.Login.generate("spark"));
        Users.create(cluster.admin(), cluster.bootstrapServers(), logins.producer(), TIMEOUT);
        Users.create(cluster.admin(), cluster.bootstrapServers(), logins.spark(), TIMEOUT);
        List<AclBinding> acls = new ArrayList<>();
        for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
            acls.add(Users.allow(logins.producer(), op, ResourceType.TOPIC, topic, PatternType.LITERAL));
        }
        for (AclOperation op : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
            acls.add(Users.allow(logins.spark(), op, ResourceType.TOPIC, topic, PatternType.LITERAL));
        }
        // The DStream job's driver uses the group; its executors use spark-executor-<group>.
        for (String g : List.of(group, "spark-executor-" + group)) {
            acls.add(Users.allow(logins.spark(), AclOperation.READ, ResourceType.GROUP, g, PatternType.LITERAL));
        }
        for (String prefix : List.of(STRUCTURED_GROUPS, CONSOLE_GROUPS)) {
            acls.add(Users.allow(logins.spark(), AclOperation.READ, ResourceType.GROUP, prefix,
                    PatternType.PREFIXED));
        }
        Users.grant(cluster.admin(), acls, TIMEOUT);
        return logins;
    }

    /** The ACLs {@link #grant} gives, for people. */
    public static List<String> aclLines(Logins logins, String topic, String group) {
        return List.of(String.format("ACL: %s may WRITE and DESCRIBE topic %s", logins.producer().principal(), topic),
                String.format("ACL: %s may READ and DESCRIBE topic %s, and READ groups %s and spark-executor-%s (its"
                        + " executors'), and those starting %s (Structured Streaming's) or %s (the console"
                        + " consumer's)", logins.spark().principal(), topic, group, group, STRUCTURED_GROUPS,
                        CONSOLE_GROUPS));
    }

    /** User {@code producer} tries to read the topic: Kafka refuses. */
    private static void lesson(String bootstrap, String topic, Scram.Login producer, Narrator narrator) {
        narrator.step("the lesson: user %s tries to read topic %s, which no ACL allows it", producer.user(), topic);
        Properties p = new Properties();
        p.putAll(producer.clientProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500));
            }
        } catch (AuthorizationException e) {
            narrator.publish(new Event.Access(Narrator.sinceStart(), producer.user(), "Read", "topic " + topic, false,
                    String.format(Locale.ROOT, "denied, as the ACLs say: %s: %s", e.getClass().getSimpleName(),
                            e.getMessage())));
            return;
        }
        throw new IllegalStateException("user " + producer.user() + " could read topic " + topic + ": the ACLs are not"
                + " enforced");
    }
}
