package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged jar, run as a user runs it: plain {@code java -jar}, no JVM flags. */
@Order(4) // the two lanes: see the Failsafe settings in pom.xml
class DemoJarIT {

    /**
     * KRaft mode with Structured Streaming: the jar's parts for the other Kafka mode and the other engine. ZooKeeper
     * mode with DStreams, the default, runs from the jar in LauncherSignalsIT (to its SUMMARY, nothing on standard
     * error) and below with logins; both engines run in both modes in this JVM in PipelineEndToEndTest.
     */
    @ParameterizedTest(name = "{0} mode, {1}")
    @CsvSource({"kraft,structured"})
    void processesEveryRecordAndEndsWithACleanSummary(String mode, String engine, @TempDir Path work) {
        String metadataPort = mode.equals("kraft") ? "--controller-port" : "--zk-port";
        try (JarProcess p = JarProcess.run(work, null, Duration.ofSeconds(180), "--mode", mode, "--engine", engine,
                "--records", "1000", "--rate", "max", "--kafka-port", "0", metadataPort, "0", "--web-port", "0")) {
            assertThat(p.exitCode()).as(p.transcript()).isZero();
            assertThat(p.out()).as(p.transcript()).anyMatch(mode.equals("kraft")
                    ? l -> l.contains("KRaft controller quorum started at 127.0.0.1:")
                    : l -> l.contains("ZooKeeper started at 127.0.0.1:"));
            assertThat(p.out()).as(p.transcript()).anyMatch(engine.equals("structured")
                    ? l -> l.contains("Structured Streaming query started")
                    : l -> l.contains("Spark Streaming started"));
            assertThat(p.out()).last().asString()
                    .matches("SUMMARY produced=1000 processed=1000 missing=0 duplicated=0 first-batch-ms=\\d+");
            assertThat(p.err()).isEmpty();
            p.assertTempDirEmpty();
        }
    }

    /**
     * With SCRAM logins and ACLs the demo still passes its self-check; the passwords it prints once are in no log
     * file.
     */
    @Test
    void withLoginsAndAclsTheSelfCheckPassesAndNoLogHoldsAPassword(@TempDir Path work) throws Exception {
        try (JarProcess p = JarProcess.run(work, null, Duration.ofSeconds(180), "--auth", "scram", "--records", "1000",
                "--rate", "max", "--kafka-port", "0", "--zk-port", "0", "--no-ui", "--web-port", "0")) {
            assertThat(p.exitCode()).as(p.transcript()).isZero();
            assertThat(p.out()).last().asString()
                    .matches("SUMMARY produced=1000 processed=1000 missing=0 duplicated=0 first-batch-ms=\\d+");
            String users = p.out().stream().filter(l -> l.contains("users, with passwords made for this run"))
                    .findFirst().orElseThrow(() -> new AssertionError(p.transcript()));
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("admin (\\S+) \\(super user\\), producer (\\S+), spark (\\S+)$").matcher(users);
            assertThat(m.find()).as(users).isTrue();
            assertThat(p.out()).as(p.transcript()).anyMatch(l -> l.contains("denied, as the ACLs say:"
                    + " TopicAuthorizationException"));
            List<Path> logs;
            try (var files = Files.walk(work)) { // the process's log file, and anything else it wrote
                logs = files.filter(Files::isRegularFile).toList();
            }
            assertThat(logs).anyMatch(f -> f.getFileName().toString().equals("process.log"));
            assertThat(logs).isNotEmpty();
            for (Path log : logs) {
                String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                for (int i = 1; i <= 3; i++) {
                    assertThat(text).as("%s holds a password", log).doesNotContain(m.group(i));
                }
            }
        }
    }

    @Test
    void badInputIsOneLineWithExitCodeTwo(@TempDir Path work) {
        try (JarProcess p = JarProcess.run(work, null, Duration.ofSeconds(60), "--partitions", "0")) {
            assertThat(p.exitCode()).isEqualTo(2);
            assertThat(p.err()).hasSize(1).first().asString().startsWith("error: --partitions must be at least 1");
            assertThat(p.out()).isEmpty();
        }
    }
}
