package dev.kafkaspark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.cli.CliTest.Run;
import dev.kafkaspark.internal.cluster.auth.Scram;
import dev.kafkaspark.internal.cluster.auth.Users;
import dev.kafkaspark.testing.KafkaAuth;
import dev.kafkaspark.testing.Internals;
import dev.kafkaspark.testing.KafkaSparkEnvironment;
import dev.kafkaspark.testing.KafkaSparkTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough's tools against brokers that require SCRAM logins, in this JVM: a login from a properties file or
 * {@code --user}/{@code --password}, ACLs managed with {@code acls}, and one line with exit code 1 for a missing login,
 * a wrong password and a missing ACL.
 */
@KafkaSparkTest(auth = KafkaAuth.SCRAM, shared = true)
class AuthCliTest {

    @Test
    void theToolsLogInAndTheAclsDecide(KafkaSparkEnvironment env, @TempDir Path dir) throws Exception {
        String b = env.bootstrapServers();
        String topic = "auth-" + UUID.randomUUID().toString().substring(0, 8);
        Scram.Login admin = Internals.cluster(env).scram().orElseThrow().admin();
        Scram.Login writer = Scram.Login.generate("writer-" + topic);
        Users.create(env.admin(), b, writer, Duration.ofSeconds(30));
        List<Path> files = ClientConfigs.write(dir, b, admin, writer);
        assertThat(Files.getPosixFilePermissions(files.get(0)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String adminConfig = files.get(0).toString();

        assertThat(CliTest.run("topics", "--create", "--topic", topic, "--bootstrap-server", b, "--command-config",
                adminConfig).code()).isZero();
        // No ACL yet: writing is refused, naming the operation and the topic.
        Run denied = produce(b, topic, "--user", writer.user(), "--password", writer.password());
        assertOneLine(denied, "not allowed: this login may not WRITE topic " + topic);
        Run added = CliTest.run("acls", "--add", "--allow-principal", writer.principal(), "--operation", "WRITE",
                "--topic", topic, "--bootstrap-server", b, "--command-config", adminConfig);
        assertThat(added.out()).as(added.err()).contains("added: " + writer.principal() + " may WRITE topic " + topic
                + " (literal), from any host");
        org.awaitility.Awaitility.await("the new ACL to reach the broker").atMost(Duration.ofSeconds(10))
                .until(() -> produce(b, topic, "--command-config", files.get(1).toString()).code() == 0);
        assertThat(CliTest.run("acls", "--list", "--topic", topic, "--bootstrap-server", b, "--command-config",
                adminConfig).out()).contains(writer.principal() + " may WRITE topic " + topic);
        // The writer may not read; a wrong password and no login at all are refused too.
        assertOneLine(CliTest.run("consume", "--topic", topic, "--from-beginning", "--max-messages", "1",
                "--bootstrap-server", b, "--command-config", files.get(1).toString()), "not allowed: this login may"
                        + " not READ");
        assertOneLine(CliTest.run("topics", "--list", "--bootstrap-server", b, "--user", admin.user(), "--password",
                "wrong"), "refused the login: Authentication failed");
        assertOneLine(CliTest.run("topics", "--list", "--bootstrap-server", b), "a broker that requires logins"
                + " closes every connection without one");
        Run removed = CliTest.run("acls", "--remove", "--allow-principal", writer.user(), "--operation", "WRITE",
                "--topic", topic, "--bootstrap-server", b, "--command-config", adminConfig);
        assertThat(removed.out()).contains("removed: " + writer.principal() + " may WRITE topic " + topic);
    }

    @Test
    void theHintsNameTheUserTheFileAndAPrefixForConsoleGroups(KafkaSparkEnvironment env, @TempDir Path dir)
            throws Exception {
        String b = env.bootstrapServers();
        String topic = "hints-" + UUID.randomUUID().toString().substring(0, 8);
        env.createTopic(topic, 1);
        Scram.Login reader = Scram.Login.generate("reader-" + topic);
        Users.create(env.admin(), b, reader, Duration.ofSeconds(30));
        String readerConfig = ClientConfigs.write(dir, b, reader).get(0).toString();

        Run produced = produce(b, topic, "--command-config", readerConfig);
        assertThat(produced.code()).isEqualTo(Cli.FAILURE);
        assertThat(produced.err()).as("a producer refused says which operation, and how to grant it")
                .contains("not allowed: this login may not WRITE topic " + topic,
                        "--allow-principal " + reader.principal() + " --operation WRITE --topic " + topic,
                        "--command-config logs/client-admin.properties");
        Run listed = CliTest.run("acls", "--list", "--bootstrap-server", b, "--command-config", readerConfig);
        assertOneLine(listed, "not allowed: this login may not");
        assertThat(listed.err()).doesNotContain("Request(processor=", "connectionId=")
                .contains("User:" + reader.user());
        Run consumed = CliTest.run("consume", "--topic", topic, "--from-beginning", "--max-messages", "1",
                "--timeout", "5s", "--bootstrap-server", b, "--command-config", readerConfig);
        assertOneLine(consumed, "not allowed: this login may not READ");
        assertThat(consumed.err()).contains("User:" + reader.user(), "--command-config logs/client-admin.properties");
    }

    @Test
    void aQueryWhoseLoginMayNotReadTheTopicSaysSoAndEnds(KafkaSparkEnvironment env, @TempDir Path dir)
            throws Exception {
        String b = env.bootstrapServers();
        String topic = "auth-query-" + UUID.randomUUID().toString().substring(0, 8);
        env.createTopic(topic, 1);
        env.sendValues(topic, List.of("seq=0 key=k"));
        // A login that may write the topic (and so describe it) but not read it: the producer's, as a class uses it.
        Scram.Login writer = Scram.Login.generate("writer-" + topic);
        Users.create(env.admin(), b, writer, Duration.ofSeconds(30));
        String adminConfig = ClientConfigs.write(dir, b, Internals.cluster(env).scram().orElseThrow().admin())
                .get(0).toString();
        assertThat(CliTest.run("acls", "--add", "--allow-principal", writer.principal(), "--operation", "WRITE",
                "--topic", topic, "--bootstrap-server", b, "--command-config", adminConfig).code()).isZero();
        java.util.Set<String> before = dev.kafkaspark.Leaks.tempEntries();

        Run r = CliTest.run("stream", "--engine", "structured", "--topic", topic, "--bootstrap-server", b, "--user",
                writer.user(), "--password", writer.password(), "--no-ui", "--batch-interval", "500ms",
                "--duration", "90s");

        assertOneLine(r, "not allowed: this login may not READ topic " + topic);
        assertThat(r.out()).doesNotContain("Structured Streaming stopped");
        java.util.Set<String> after = dev.kafkaspark.Leaks.tempEntries();
        after.removeAll(before);
        after.removeIf(dev.kafkaspark.Leaks::nativeLibrary);
        assertThat(after).as("temp entries left by the failed query").isEmpty();
    }

    private static Run produce(String bootstrap, String topic, String... login) {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)));
            List<String> args = new java.util.ArrayList<>(List.of("produce", "--topic", topic, "--bootstrap-server",
                    bootstrap));
            args.addAll(List.of(login));
            return CliTest.run(args.toArray(String[]::new));
        } finally {
            System.setIn(stdin);
        }
    }

    private static void assertOneLine(Run r, String expected) {
        assertThat(r.code()).as(r.err()).isEqualTo(Cli.FAILURE);
        assertThat(r.err()).startsWith("error: ").contains(expected).doesNotContain("\tat ");
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
