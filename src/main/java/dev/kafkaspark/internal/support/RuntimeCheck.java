package dev.kafkaspark.internal.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Checks, at start, that the JVM this library runs in is the one it was built for: the Kafka client classes of the
 * version the embedded broker was built with, Spark of the same minor version, and the JVM flags Spark needs on Java
 * 17. A mismatch otherwise shows up much later as a {@code NoSuchMethodError} or an access error deep inside Kafka or
 * Spark; here it is one line that names both sides and the fix.
 */
public final class RuntimeCheck {

    private static final Properties BUILD = load();
    private static volatile boolean kafkaChecked;

    private RuntimeCheck() {
    }

    /** A version this library was built with: {@code kafka.version}, {@code spark.version}, {@code scala.version}. */
    public static String builtWith(String key) {
        String value = BUILD.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("build.properties has no " + key);
        }
        return value;
    }

    /**
     * Fails unless kafka-clients on the class path is the version the embedded broker was built with (Maven's
     * nearest-wins often picks the older one a Spark connector brings).
     */
    public static void requireKafkaClients() {
        if (kafkaChecked) {
            return;
        }
        String expected = builtWith("kafka.version");
        String found = kafkaClientsVersion();
        if (!expected.equals(found)) {
            throw new IllegalStateException(kafkaMismatch(found, expected));
        }
        kafkaChecked = true;
    }

    static String kafkaMismatch(String found, String expected) {
        return "kafka-clients " + found + " is on the class path, but the embedded Kafka broker needs " + expected
                + " (another dependency, often spark-streaming-kafka-0-10, brought the other one first): pin"
                + " org.apache.kafka:kafka-clients to " + expected + " in your build's dependencyManagement, as the"
                + " README's \"Kafka client version\" section shows";
    }

    /** Fails unless Spark on the class path has the major and minor version this library was built with. */
    public static void requireSpark() {
        String expected = builtWith("spark.version");
        String found = resource("spark-version-info.properties").map(p -> p.getProperty("version", "unknown"))
                .orElse("none");
        if (!minor(found).equals(minor(expected))) {
            throw new IllegalStateException("Spark " + found + " is on the class path, but this library was built"
                    + " with Spark " + expected + ": use Spark " + minor(expected) + ".x for every Spark module (set"
                    + " their versions to " + expected + ")");
        }
    }

    /**
     * Fails when this JVM lacks {@code --add-opens} flags Spark needs on Java 17 (without them the first Spark job
     * fails with "cannot access class sun.nio.ch.DirectBuffer" or similar).
     */
    public static void requireSparkJvmFlags() {
        List<String> missing = missingJvmFlags();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Spark needs JVM flags this JVM was started without; add all of them to"
                    + " the JVM that runs Spark (Maven: maven-surefire-plugin <argLine>, as the README shows): "
                    + String.join(" ", missing));
        }
    }

    /** The {@code --add-opens} flags Spark needs that this JVM was not started with. */
    public static List<String> missingJvmFlags() {
        List<String> missing = new ArrayList<>();
        Module self = RuntimeCheck.class.getModule();
        for (String entry : requiredOpens()) {
            int slash = entry.indexOf('/');
            String module = entry.substring(0, slash);
            String pkg = entry.substring(slash + 1);
            Optional<Module> m = ModuleLayer.boot().findModule(module);
            if (m.isPresent() && !m.get().isOpen(pkg, self)) {
                missing.add("--add-opens=" + entry + "=ALL-UNNAMED");
            }
        }
        return missing;
    }

    /** Every {@code module/package} Spark reaches into, as in the demo jar's manifest. */
    public static List<String> requiredOpens() {
        return Arrays.stream(builtWith("add.opens").trim().split("\\s+")).toList();
    }

    static String minor(String version) {
        String[] parts = version.split("\\.");
        return parts.length < 2 ? version : parts[0] + "." + parts[1];
    }

    private static String kafkaClientsVersion() {
        try {
            return org.apache.kafka.common.utils.AppInfoParser.getVersion();
        } catch (LinkageError e) {
            return "(none usable: " + e + ")";
        }
    }

    private static Properties load() {
        return resource("dev/kafkaspark/build.properties").orElseThrow(() -> new IllegalStateException(
                "dev/kafkaspark/build.properties is missing from the class path: a broken build of this library"));
    }

    private static Optional<Properties> resource(String name) {
        ClassLoader loader = RuntimeCheck.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            return Optional.of(p);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name, e);
        }
    }
}
