package dev.kafkaspark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher uses the class cache the build made beside the jar, and only one at least as new as the jar. */
class LauncherTest {

    @Test
    void theArchiveBesideTheJarIsUsedWhenTheBuildMadeItAfterTheJar(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("demo.jar"), "jar");
        Path archive = Files.writeString(dir.resolve("demo.jsa"), "archive");
        Instant built = Instant.parse("2026-11-26T10:00:00Z");
        Files.setLastModifiedTime(jar, FileTime.from(built));

        Files.setLastModifiedTime(archive, FileTime.from(built.plusSeconds(20)));
        assertThat(Launcher.builtArchive(jar)).contains(archive);

        // A jar rebuilt after its archive (the archive is for the old jar).
        Files.setLastModifiedTime(archive, FileTime.from(built.minusSeconds(60)));
        assertThat(Launcher.builtArchive(jar)).isEmpty();
    }

    @Test
    void noArchiveBesideTheJarMeansNone(@TempDir Path dir) throws Exception {
        assertThat(Launcher.builtArchive(Files.writeString(dir.resolve("demo.jar"), "jar"))).isEmpty();
    }
}
