package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user runs it: plain {@code java -jar}, no JVM flags. */
class DemoJarIT {

    @ParameterizedTest(name = "{0} mode, {1}")
    @CsvSource({"zookeeper,dstream", "kraft,dstream", "kraft,structured"})
    void processesEveryRecordAndEndsWithACleanSummary(String mode, String engine, @TempDir Path work) {
        String metadataPort = mode.equals("kraft") ? "--controller-port" : "--zk-port";
        try (JarProcess p = JarProcess.run(work, null, Duration.ofSeconds(180), "--mode", mode, "--engine", engine,
                "--records", "1000", "--rate", "max", "--kafka-port", "0", metadataPort, "0")) {
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

    @Test
    void badInputIsOneLineWithExitCodeTwo(@TempDir Path work) {
        try (JarProcess p = JarProcess.run(work, null, Duration.ofSeconds(60), "--partitions", "0")) {
            assertThat(p.exitCode()).isEqualTo(2);
            assertThat(p.err()).hasSize(1).first().asString().startsWith("error: --partitions must be at least 1");
            assertThat(p.out()).isEmpty();
        }
    }
}
