package dev.kafkaspark.cli.launch;

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
        // What the JVM writes at the start of an archive: its own name and version.
        Path archive = Files.writeString(dir.resolve("demo.jsa"), "OpenJDK 64-Bit Server VM ("
                + System.getProperty("java.vm.version") + ") for linux-amd64");
        Instant built = Instant.parse("2026-11-26T10:00:00Z");
        Files.setLastModifiedTime(jar, FileTime.from(built));

        Files.setLastModifiedTime(archive, FileTime.from(built.plusSeconds(20)));
        assertThat(Launcher.builtArchive(jar)).contains(archive);

        // A jar rebuilt after its archive (the archive is for the old jar).
        Files.setLastModifiedTime(archive, FileTime.from(built.minusSeconds(60)));
        assertThat(Launcher.builtArchive(jar)).isEmpty();
    }

    @Test
    void anArchiveMadeByAnotherJavaIsLeftAlone(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("demo.jar"), "jar");
        Path archive = Files.writeString(dir.resolve("demo.jsa"), "OpenJDK 64-Bit Server VM (21.0.1+12) for"
                + " linux-amd64");
        Files.setLastModifiedTime(archive, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(5)));
        assertThat(Launcher.builtArchive(jar)).isEmpty();
    }

    @Test
    void noArchiveBesideTheJarMeansNone(@TempDir Path dir) throws Exception {
        assertThat(Launcher.builtArchive(Files.writeString(dir.resolve("demo.jar"), "jar"))).isEmpty();
    }
}
