package dev.kafkaspark.cli;

import dev.kafkaspark.internal.cluster.auth.Scram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code client-<user>.properties} per user, in the format Kafka's own tools take with {@code --command-config}
 * ({@code --producer.config}, {@code --consumer.config}): readable and writable by the owner only, since each holds a
 * password.
 */
final class ClientConfigs {

    private ClientConfigs() {
    }

    /** Writes (or replaces) a file per login in {@code dir}; returns their paths, in the logins' order. */
    static List<Path> write(Path dir, String bootstrap, Scram.Login... logins) {
        return write(dir, "", bootstrap, logins);
    }

    /**
     * As {@link #write(Path, String, Scram.Login...)}, the files named {@code client-<user><suffix>.properties}: a
     * cluster other than the one on the usual port writes files of its own, so a second secured broker never
     * replaces the first one's logins.
     */
    static List<Path> write(Path dir, String suffix, String bootstrap, Scram.Login... logins) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Scram.Login login : logins) {
                Path file = dir.resolve("client-" + login.user() + suffix + ".properties");
                StringBuilder text = new StringBuilder("# Kafka client login as ").append(login.user())
                        .append(" for the brokers at ").append(bootstrap).append(", written by 'broker --auth scram'\n");
                login.clientProperties().forEach((k, v) -> text.append(k).append('=')
                        .append(v.replace("\\", "\\\\")).append('\n'));
                Files.deleteIfExists(file);
                try {
                    // Created owner-only before the password is in it.
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                    Files.createFile(file);
                }
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                files.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the client logins to " + dir + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** Removes the files (their passwords belong to a cluster that is gone); what cannot be removed stays. */
    static void remove(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Owner-only files in the user's own directory: nothing to do but leave it.
            }
        }
    }
}
