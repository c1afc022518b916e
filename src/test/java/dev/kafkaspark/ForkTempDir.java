package dev.kafkaspark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Each Surefire fork has a temp directory of its own (pom.xml sets {@code java.io.tmpdir} per fork number, below
 * target/), so the checks that a test left nothing in the temp directory see only their own fork's files. This makes
 * it before the first test runs; it is registered in META-INF/services.
 */
public final class ForkTempDir implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException("could not make the fork's temp directory", e);
        }
    }
}
