package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a user runs it: plain {@code java -jar}, no JVM flags. */
class DemoJarIT {

    record Run(int code, List<String> out, List<String> err) {
    }

    private static Run runJar(Path work, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("demo.jar", "target/demo.jar")).toAbsolutePath();
        assertThat(jar).exists();
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-Ddemo.logfile=" + work.resolve("demo.log"), "-jar", jar.toString()));
        command.addAll(List.of(args));
        File out = work.resolve("out.txt").toFile();
        File err = work.resolve("err.txt").toFile();
        Process p = new ProcessBuilder(command).redirectOutput(out).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the jar did not exit within 180 s; output so far:\n"
                    + Files.readString(out.toPath()));
        }
        return new Run(p.exitValue(), Files.readAllLines(out.toPath(), StandardCharsets.UTF_8),
                Files.readAllLines(err.toPath(), StandardCharsets.UTF_8));
    }

    @Test
    void processesEveryRecordAndEndsWithACleanSummary(@TempDir Path work) throws Exception {
        Run r = runJar(work, "--records", "1000", "--rate", "max", "--kafka-port", "0", "--zk-port", "0");
        assertThat(r.code()).as("exit code; stdout:%n%s%nstderr:%n%s", String.join("\n", r.out()),
                String.join("\n", r.err())).isZero();
        assertThat(r.out()).last().asString()
                .matches("SUMMARY produced=1000 processed=1000 missing=0 duplicated=0 first-batch-ms=\\d+");
        assertThat(r.err()).isEmpty();
        try (var left = Files.list(work.resolve("tmp"))) {
            assertThat(left).as("files left in the process's temp directory").isEmpty();
        }
        assertThat(work.resolve("demo.log")).as("component logs go to the log file").isNotEmptyFile();
    }

    @Test
    void badInputIsOneLineWithExitCodeTwo(@TempDir Path work) throws Exception {
        Run r = runJar(work, "--partitions", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).hasSize(1).first().asString().startsWith("error: --partitions must be at least 1");
        assertThat(r.out()).isEmpty();
    }
}
