package dev.kafkaspark.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaspark.internal.cluster.Admins;
import dev.kafkaspark.internal.cluster.auth.Scram;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Brokers that require SASL/SCRAM logins, with ACLs, on real components: a client without a login, with a wrong
 * password, or without an ACL is refused with Kafka's own error and no hang; a user with the ACLs writes, and a Spark
 * job reads as a user that may, and is refused as one that may not.
 */
@KafkaSparkTest(auth = KafkaAuth.SCRAM, shared = true)
class ScramEnvironmentTest {

    private static final Duration SHORT = Duration.ofSeconds(2);

    @Test
    void aClientWithoutALoginGetsNothing(KafkaSparkEnvironment env) {
        assertThat(env.auth()).isEqualTo(KafkaAuth.SCRAM);
        try (Admin anonymous = Admins.create(env.bootstrapServers(), SHORT)) {
            // The broker closes every connection that does not start with a SASL handshake: the client times out.
            assertThatThrownBy(() -> anonymous.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtOnce(KafkaSparkEnvironment env) {
        Map<String, String> login = env.clientProperties("alice");
        String jaas = login.get("sasl.jaas.config");
        Map<String, String> wrong = new HashMap<>(login);
        wrong.put("sasl.jaas.config", jaas.replaceFirst("password=\"[^\"]*\"", "password=\"not-" + "it\""));
        try (Admin admin = Admins.create(env.bootstrapServers(), SHORT, wrong)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class)
                    .hasMessageContaining("invalid credentials");
        }
    }

    @Test
    void onlyWhatAnAclAllowsIsAllowed(KafkaSparkEnvironment env) throws Exception {
        String topic = "guarded-" + UUID.randomUUID().toString().substring(0, 8);
        env.createTopic(topic, 2);
        Map<String, String> writer = env.clientProperties("writer-" + topic);
        Map<String, String> reader = env.clientProperties("reader-" + topic);
        // No ACL yet: the writer may not write.
        assertThatThrownBy(() -> send(env, writer, topic)).hasCauseInstanceOf(TopicAuthorizationException.class);
        env.admin().createAcls(List.of(
                allow("writer-" + topic, AclOperation.WRITE, topic),
                allow("reader-" + topic, AclOperation.READ, topic))).all().get(10, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await("the writer's ACL to reach the broker").atMost(Duration.ofSeconds(10))
                .ignoreExceptions().until(() -> send(env, writer, topic) >= 0);
        // A Spark job reads as the reader; as the writer it is refused.
        assertThat(readWithSpark(env, reader, topic)).isPositive();
        assertThatThrownBy(() -> readWithSpark(env, writer, topic))
                .hasStackTraceContaining("TopicAuthorizationException");
    }

    private static long send(KafkaSparkEnvironment env, Map<String, String> login, String topic) throws Exception {
        Properties p = new Properties();
        p.putAll(login);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            return producer.send(new ProducerRecord<>(topic, "k", "v")).get(10, TimeUnit.SECONDS).offset();
        }
    }

    private static long readWithSpark(KafkaSparkEnvironment env, Map<String, String> login, String topic) {
        var read = env.sparkSession().read().format("kafka");
        login.forEach((k, v) -> read.option("kafka." + k, v));
        Dataset<Row> rows = read.option("kafka.bootstrap.servers", env.bootstrapServers())
                .option("subscribe", topic).load();
        return rows.count();
    }

    private static AclBinding allow(String user, AclOperation op, String topic) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    /** The same in KRaft mode: credentials written when the log directories are formatted, StandardAuthorizer. */
    @Nested
    @KafkaSparkTest(auth = KafkaAuth.SCRAM, mode = KafkaMode.KRAFT, shared = true)
    class InKraftMode {
        @Test
        void loginsAndAclsHoldAndTheControllerPortTakesNoAnonymousClient(KafkaSparkEnvironment env)
                throws Exception {
            assertThat(env.mode()).isEqualTo(KafkaMode.KRAFT);
            ScramEnvironmentTest.this.aWrongPasswordIsRefusedAtOnce(env);
            ScramEnvironmentTest.this.onlyWhatAnAclAllowsIsAllowed(env);
            try (Admin anonymous = Admins.createForControllers(env.cluster().controllers().orElseThrow(), SHORT)) {
                assertThatThrownBy(() -> anonymous.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class);
            }
        }
    }

    @Test
    void aLoginNeverShowsItsPassword() {
        Scram.Login login = Scram.Login.generate("bob");
        assertThat(login.toString()).doesNotContain(login.password()).contains("hidden");
        assertThat(Scram.generate().toString()).contains("hidden").doesNotContain("password=" + "\"");
    }
}
