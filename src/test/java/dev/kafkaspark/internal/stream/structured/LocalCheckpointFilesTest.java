package dev.kafkaspark.internal.stream.structured;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint manager of the Structured Streaming job: Spark's atomic writes, on the local disk, through Java IO. */
class LocalCheckpointFilesTest {

    @Test
    void sparkCreatesItFromTheSettingAndAFileAppearsWholeOnlyWhenClosed(@TempDir Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(LocalCheckpointFiles.SETTING, LocalCheckpointFiles.class.getName());
        Object created = LineCheckpointFiles.createdBySpark(new org.apache.hadoop.fs.Path(dir.toUri()), conf);
        assertThat(created).isInstanceOf(LocalCheckpointFiles.class);
        LocalCheckpointFiles files = (LocalCheckpointFiles) created;

        org.apache.hadoop.fs.Path batch = new org.apache.hadoop.fs.Path(dir.resolve("7").toUri());
        try (var out = files.createAtomic(batch, false)) {
            out.write("v1\n{}".getBytes(StandardCharsets.UTF_8));
            assertThat(dir.resolve("7")).doesNotExist();
        }
        assertThat(dir.resolve("7")).hasContent("v1\n{}");
        assertThat(files.exists(batch)).isTrue();
        try (var in = files.open(batch)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("v1\n{}");
        }
        assertThat(names(dir)).containsExactly("7"); // no temp file and no checksum file left beside it
    }

    @Test
    void aCancelledWriteLeavesNothingAndAnOverwriteReplaces(@TempDir Path dir) throws IOException {
        LocalCheckpointFiles files = new LocalCheckpointFiles(new org.apache.hadoop.fs.Path(dir.toUri()),
                new Configuration());
        org.apache.hadoop.fs.Path batch = new org.apache.hadoop.fs.Path(dir.resolve("3").toUri());
        var cancelled = files.createAtomic(batch, false);
        cancelled.write(1);
        cancelled.cancel();
        assertThat(names(dir)).isEmpty();

        Files.writeString(dir.resolve("3"), "old");
        try (var out = files.createAtomic(batch, true)) {
            out.write("new".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(dir.resolve("3")).hasContent("new");
        assertThat(names(dir)).containsExactly("3");
    }

    private static Stream<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }
}
