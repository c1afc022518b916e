package dev.kafkaspark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaspark.internal.delivery.Checkpoints;
import dev.kafkaspark.internal.demo.Demo;
import dev.kafkaspark.internal.stream.structured.StructuredRunner;
import dev.kafkaspark.internal.support.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing and bad input, through picocli with captured output; none of these starts a component. */
class CliTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheOptionsAndTheDemoCommand() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--topic", "--partitions", "--batch-interval", "--rate", "--keys", "--records",
                "--duration", "--zk-port", "--kafka-port", "--no-ui", "demo");
    }

    @Test
    void versionNamesTheParts() {
        Run r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Kafka 3.9.2", "Spark 3.5.3");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--partitions 0|--partitions must be at least 1",
        "--partitions -3|--partitions must be at least 1",
        "--batch-interval 0|--batch-interval must be positive",
        "--batch-interval soon|is not a duration",
        "--rate -1|must be more than 0",
        "--rate fast|is not a rate",
        "--zk-port 70000|outside 0-65535",
        "--kafka-port -1|outside 0-65535",
        "--kafka-port abc|is not a port",
        "--topic bad..name/x|invalid topic name",
        "--keys 0|--keys must be at least 1",
        "--records 0|--records must be at least 1",
        "--bogus|Unknown option",
        "--partitions|Missing required parameter",
        "demo --rate|Missing required parameter",
        "--kill-broker 5s|--kill-broker needs at least 2 brokers",
        "--brokers 3 --replication-factor 1 --kill-broker 5s|--kill-broker needs --replication-factor 2 or more",
        "--brokers 2 --replication-factor 3|--replication-factor 3 needs at least 3 brokers",
        "--brokers 6|--brokers must be between 1 and 5",
        "--brokers 3 --min-insync-replicas 4|--min-insync-replicas must be between 1 and the replication factor",
        "--brokers 3 --restart-broker 5s|--restart-broker must come after --kill-broker",
        "--brokers 3 --kill-broker 5s --restart-broker 2s|--restart-broker must come after --kill-broker",
        "--delivery sometimes|not a delivery mode",
        "--store somewhere|--store is for --delivery exactly-once",
        "--engine sideways|expected one of",
        "--auth maybe|expected one of",
        "--auth scram --master spark://127.0.0.1:7077|--auth scram runs with a local Spark master only",
        "--checkpoint somewhere|--checkpoint is for --engine structured",
        "stream --checkpoint somewhere|--checkpoint is for --engine structured",
        "broker --brokers 0|--brokers must be between 1 and 5",
    })
    void badInputIsOneLineAndExitCodeTwo(String args, String expected) {
        Run r = run(args.split(" "));
        assertThat(r.code()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains(expected).startsWith("error: ");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aCheckpointTheQueryCannotUseIsOneLineAndExitCodeTwo(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("other");
        Checkpoints.claim(other, "another-topic", StructuredRunner.queryName(Demo.APP_NAME));
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("todo.txt"), "keep me");
        Path file = Files.writeString(dir.resolve("file"), "x");
        Path fresh = dir.resolve("fresh");
        for (String[] c : new String[][] {
            {other.toString(), "--checkpoint: the checkpoint directory " + other + " belongs to a query reading topic"
                    + " another-topic, not mytest: choose a new directory (or read topic another-topic)"},
            {notes.toString(), "is not empty and holds no checkpoint: choose an empty or new directory"},
            {file.resolve("sub").toString(), "cannot be created"},
            {file.toString(), "is a file, not a directory"}}) {
            Run r = run("--engine", "structured", "--checkpoint", c[0], "--no-ui");
            assertThat(r.code()).as(c[0]).isEqualTo(Cli.USAGE);
            assertThat(r.err()).as(c[0]).startsWith("error: ").contains(c[1]);
            assertThat(r.err().strip().lines()).hasSize(1);
        }
        // Nothing the user had is touched, and nothing is created where it was refused.
        assertThat(notes.resolve("todo.txt")).hasContent("keep me");
        assertThat(fresh).doesNotExist();
        // The store's checkpoint is checked too: another topic's store is refused before anything starts.
        Path store = dir.resolve("store");
        Checkpoints.claim(store.resolve("checkpoint"), "another-topic", StructuredRunner.queryName(Demo.APP_NAME));
        Run r = run("--engine", "structured", "--delivery", "exactly-once", "--store", store.toString(), "--no-ui");
        assertThat(r.code()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("--store: the checkpoint directory").contains("belongs to a query reading topic"
                + " another-topic");
    }

    @Test
    void anInvalidTopicNameSaysWhichRule() {
        assertThat(run("--topic", "has space").err()).contains("ASCII alphanumerics");
        assertThat(run("--topic", "..").err()).contains("'..' is not allowed");
        assertThat(run("--topic", "x".repeat(250)).err()).contains("249");
    }

    @Test
    void anExplicitPortInUseIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            Run r = run("--zk-port", "0", "--kafka-port", Integer.toString(taken.getLocalPort()), "--no-ui",
                    "--no-web");
            assertThat(r.code()).isEqualTo(Cli.FAILURE);
            assertThat(r.err()).contains("Kafka port " + taken.getLocalPort() + " is already in use");
            assertThat(r.err().strip().lines()).hasSize(1);
        }
    }

    @Test
    void anExplicitWebPortInUseIsAUsageErrorBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            Run r = run("--zk-port", "0", "--kafka-port", "0", "--no-ui", "--web-port",
                    Integer.toString(taken.getLocalPort()));
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).startsWith("error: port " + taken.getLocalPort() + " for the live page is taken:"
                    + " pick another with --web-port, use --web-port 0 for any free port, or --no-web");
            assertThat(r.out()).doesNotContain("ZooKeeper started");
        }
        Run both = run("--no-web", "--web-port", "0");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--no-web and --web-port contradict each other: drop one of them");
    }

    @Test
    void durationsReadLikePeopleWriteThem() {
        assertThat(Converters.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Converters.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Converters.parseDuration("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Converters.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Converters.parseDuration("3")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void rateMaxMeansFlatOut() {
        assertThat(new Converters.RateConverter().convert("max")).isZero();
        assertThat(new Converters.RateConverter().convert("0.5")).isEqualTo(0.5);
    }
}
