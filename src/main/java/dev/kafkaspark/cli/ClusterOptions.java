package dev.kafkaspark.cli;

import dev.kafkaspark.internal.cluster.auth.Scram;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-server}, defaulting to the address the demo and {@code broker} use by default, and the login for
 * brokers that require one: a client properties file, as Kafka's own tools take it, or a SCRAM user and password.
 */
public final class ClusterOptions {

    /** The broker address the demo and {@code broker} listen on by default. */
    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    /** The ZooKeeper address the demo, {@code zookeeper} and {@code broker} listen on by default. */
    public static final String DEFAULT_ZOOKEEPER = "127.0.0.1:2181";

    @Option(names = {"--bootstrap-server", "--broker-list"}, paramLabel = "HOST:PORT", defaultValue = DEFAULT_BOOTSTRAP,
            description = "Kafka broker(s) to connect to (default: ${DEFAULT-VALUE}); --broker-list is the old"
                    + " name, as in the classic walkthrough's commands.")
    String bootstrapServer;

    @Option(names = {"--command-config", "--producer.config", "--consumer.config"}, paramLabel = "FILE",
            description = "Client properties (a login, say) for brokers that require one, as Kafka's own tools take"
                    + " them: 'broker --auth scram' writes one per user (client-<user>.properties).")
    Path commandConfig;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Log in as this SASL/SCRAM-SHA-256 user (with --password).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "The --user's password (other users of this machine can see it in the process list:"
                    + " --command-config keeps it in a file).")
    String password;

    /** The client properties the login options give (none when there is none), or a usage error naming the fix. */
    Map<String, String> login() {
        if ((user == null) != (password == null)) {
            throw new UsageException(user == null ? "--password needs --user NAME" : "--user needs --password");
        }
        if (user != null && commandConfig != null) {
            throw new UsageException("--user and --command-config both give a login: use one of them");
        }
        if (user != null) {
            try {
                return new Scram.Login(user, password).clientProperties();
            } catch (IllegalArgumentException e) {
                throw new UsageException("--user/--password: " + e.getMessage());
            }
        }
        if (commandConfig == null) {
            return Map.of();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(commandConfig, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UsageException("--command-config " + commandConfig + " cannot be read (" + e.getMessage()
                    + "): give a client properties file, such as the client-<user>.properties 'broker --auth scram'"
                    + " wrote");
        }
        Map<String, String> login = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> login.put(k, p.getProperty(k)));
        return login;
    }

    /**
     * The user a command line logs in as, for hints: its {@code --user}, or the user named in its
     * {@code --command-config} file; null when it names none (or the file cannot be read).
     */
    static String userOf(picocli.CommandLine.ParseResult parsed) {
        if (parsed == null) {
            return null;
        }
        String user = parsed.matchedOptionValue("--user", null);
        if (user != null) {
            return user;
        }
        Path file = parsed.matchedOptionValue("--command-config", null);
        if (file == null) {
            return null;
        }
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("username=\\\\?\"([^\"\\\\]+)")
                    .matcher(Files.readString(file, StandardCharsets.UTF_8));
            return m.find() ? m.group(1) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
