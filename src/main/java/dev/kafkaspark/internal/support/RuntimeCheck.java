package dev.kafkaspark.internal.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Checks, at start, that the JVM this library runs in is the one it was built for: the Scala line of its artifact
 * ({@code _2.12} or {@code _2.13}), the Kafka client classes of the version the embedded broker was built with, Spark
 * of the same minor version (else the line's artifact that fits the Spark found), and the JVM flags Spark needs on Java
 * 17. A mismatch otherwise shows up much later as a {@code NoSuchMethodError} or an access error deep inside Kafka or
 * Spark; here it is one line that names both sides and the fix.
 */
public final class RuntimeCheck {

    private static final String ARTIFACT = "kafka-spark-demo";
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
        requireScala();
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

    /**
     * Fails unless the Scala library on the class path is of this library's Scala line (2.12 or 2.13), naming the
     * artifact that fits the Scala found. Reads the Scala library's own {@code library.properties}: no Scala class is
     * loaded before the check.
     */
    public static void requireScala() {
        // Scala's own file has both keys; another jar's library.properties would not.
        String found = resources("library.properties").stream().filter(p -> p.containsKey("maven.version.number"))
                .map(p -> p.getProperty("version.number", "")).findFirst().orElse(null);
        if (found != null && !minor(found).equals(builtWith("scala.binary.version"))) {
            throw new IllegalStateException(scalaMismatch(found));
        }
    }

    static String scalaMismatch(String found) {
        String fits = minor(found);
        return "Scala " + found + " is on the class path, but " + artifact() + " is built for Scala "
                + builtWith("scala.binary.version") + " with Spark " + builtWith("spark.version") + ": "
                + (lines().containsKey(fits)
                        ? "use " + artifact(fits) + " (Spark " + lines().get(fits) + ") instead, or Spark "
                                + builtWith("spark.version") + " for every Spark module"
                        : "use Spark " + builtWith("spark.version") + " for every Spark module");
    }

    /**
     * Fails unless every Spark on the class path has the major and minor version this library was built with (two
     * Spark lines side by side, such as {@code spark-core_2.12} and {@code spark-core_2.13}, count as a mismatch).
     */
    public static void requireSpark() {
        requireScala();
        String expected = builtWith("spark.version");
        List<String> found = resources("spark-version-info.properties").stream()
                .map(p -> p.getProperty("version", "unknown")).toList();
        for (String version : found.isEmpty() ? List.of("none") : found) {
            if (!minor(version).equals(minor(expected))) {
                throw new IllegalStateException(sparkMismatch(version));
            }
        }
    }

    static String sparkMismatch(String found) {
        String expected = builtWith("spark.version");
        String message = "Spark " + found + " is on the class path, but " + artifact() + " is built with Spark "
                + expected + ": set every Spark module to " + expected;
        for (Map.Entry<String, String> line : lines().entrySet()) {
            String spark = line.getValue();
            boolean sameMajor = found.startsWith(spark.substring(0, spark.indexOf('.') + 1));
            if (sameMajor && !line.getKey().equals(builtWith("scala.binary.version"))) {
                return message + ", or use " + artifact(line.getKey()) + " (Spark " + spark + ")";
            }
        }
        return message;
    }

    /** This library's artifact, as a build names it: {@code kafka-spark-demo_2.12} or {@code _2.13}. */
    public static String artifact() {
        return artifact(builtWith("scala.binary.version"));
    }

    /** The artifact of one line of this library, by its Scala binary version. */
    public static String artifact(String scala) {
        return ARTIFACT + "_" + scala;
    }

    /**
     * Every line this library is built for, from {@code build.properties} ({@code line.<scala>.spark}): the Scala
     * binary version of its artifact, and its Spark.
     */
    public static Map<String, String> lines() {
        Map<String, String> lines = new TreeMap<>();
        for (String key : BUILD.stringPropertyNames()) {
            if (key.startsWith("line.") && key.endsWith(".spark")) {
                lines.put(key.substring("line.".length(), key.length() - ".spark".length()), BUILD.getProperty(key));
            }
        }
        return lines;
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

    /** The major and minor of a version: {@code "3.5"} of {@code "3.5.3"}. */
    public static String minor(String version) {
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
        List<Properties> all = resources(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every copy of a resource on the class path, in class path order. */
    private static List<Properties> resources(String name) {
        List<Properties> all = new ArrayList<>();
        try {
            for (URL url : Collections.list(RuntimeCheck.class.getClassLoader().getResources(name))) {
                try (InputStream in = url.openStream()) {
                    Properties p = new Properties();
                    p.load(in);
                    all.add(p);
                }
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name, e);
        }
    }
}
