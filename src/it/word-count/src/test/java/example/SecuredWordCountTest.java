package example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaspark.testing.KafkaAuth;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.spark.sql.DataFrameReader;
import org.junit.jupiter.api.Test;

/** A job that logs in: brokers with SCRAM logins and ACLs, from the harness option alone. */
@KafkaSparkTest(auth = KafkaAuth.SCRAM, topics = "secret-sentences:1")
class SecuredWordCountTest {

    @Test
    void aJobReadsAsAUserWithAnAclAndIsRefusedWithout(KafkaSparkEnvironment env) throws Exception {
        env.sendValues("secret-sentences", List.of("a rose is a rose"));
        env.admin().createAcls(List.of(new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, "secret-sentences", PatternType.LITERAL),
                new AccessControlEntry("User:counter", "*", AclOperation.READ, AclPermissionType.ALLOW))))
                .all().get(10, TimeUnit.SECONDS);
        Map<String, String> counter = env.clientProperties("counter");
        Map<String, String> stranger = env.clientProperties("stranger");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> words(env, counter) == 5);
        assertThatThrownBy(() -> words(env, stranger)).hasStackTraceContaining("TopicAuthorizationException");
    }

    private static long words(KafkaSparkEnvironment env, Map<String, String> login) {
        DataFrameReader read = env.sparkSession().read().format("kafka");
        login.forEach((k, v) -> read.option("kafka." + k, v));
        return read.option("kafka.bootstrap.servers", env.bootstrapServers()).option("subscribe", "secret-sentences")
                .load().selectExpr("explode(split(CAST(value AS STRING), ' ')) AS word").count();
    }
}
