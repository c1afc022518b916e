package dev.kafkaspark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarFile;
import dev.kafkaspark.internal.spark.SparkLine;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs/cluster.md}'s spark-submit command, run as an engineer runs it on their own cluster: a Spark
 * installation (a Spark home whose {@code jars/} holds the Spark of this build's line, 3.5 or 4.2, and its
 * dependencies, nothing of this project), its own master and worker started from it, and the line's job jar
 * ({@code demo-job-spark3.5.jar} or {@code demo-job-spark4.2.jar}), which brings no Spark, submitted to them. What
 * {@code bin/spark-submit} and {@code bin/spark-class} run is started here directly: {@code java -cp "jars/*"} with
 * the installation's main classes and the JVM flags the launcher adds on Java 17.
 */
@Order(5) // the two lanes: see the Failsafe settings in pom.xml
class SparkSubmitIT {

    private static final Duration STEP = Duration.ofSeconds(90);
    private static final int RECORDS = 2000;

    @Test
    void theJobJarRunsUnderSparkSubmitOnAPlainSparkInstallation(@TempDir Path work) throws IOException {
        Path jobJar = Path.of(System.getProperty("demo.job.jar", "target/demo-job-spark3.5.jar")).toAbsolutePath();
        try (JarFile jar = new JarFile(jobJar.toFile())) {
            assertThat(jar.getEntry("dev/kafkaspark/cli/StreamJob.class")).isNotNull();
            assertThat(jar.getEntry("org/apache/spark/streaming/kafka010/KafkaUtils.class")).isNotNull();
            assertThat(jar.getEntry("org/apache/kafka/clients/consumer/KafkaConsumer.class")).isNotNull();
            assertThat(jar.getEntry("org/apache/spark/SparkContext.class")).as("Spark itself").isNull();
            assertThat(jar.getEntry("scala/Predef.class")).as("Scala").isNull();
            assertThat(jar.getEntry("kafka/server/KafkaServer.class")).as("the broker").isNull();
        }
        Path home = sparkHome(work.resolve("spark-home"));
        try {
            runTheInstallation(work, home, jobJar);
        } finally {
            // The links go first: JUnit warns about each link it removes itself.
            try (var links = Files.list(home.resolve("jars"))) {
                for (Path link : links.toList()) {
                    Files.delete(link);
                }
            }
        }
    }

    private static void runTheInstallation(Path work, Path home, Path jobJar) {
        Map<String, String> env = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION",
                SparkLine.scalaBinaryVersion(),
                "SPARK_LOCAL_IP", "127.0.0.1");
        try (JarProcess master = spark(work, env, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", "0", "--webui-port", "0");
                JarProcess broker = JarProcess.start(work, null, "broker", "--port", "0", "--zk-port", "0")) {
            String url = master.awaitErrLine("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)", STEP)
                    .group(1);
            try (JarProcess worker = spark(work, env, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g", url)) {
                worker.awaitErrLine("Successfully registered with master " + url, STEP);
                String bootstrap = broker.awaitLine("Kafka broker 0 started at (127\\.0\\.0\\.1:\\d+)", STEP).group(1);
                String topic = "submit-" + UUID.randomUUID().toString().substring(0, 8);
                JarProcess created = JarProcess.run(work, null, STEP, "topics", "--create", "--topic", topic,
                        "--partitions", "4", "--bootstrap-server", bootstrap);
                assertThat(created.exitCode()).as(created.transcript()).isZero();
                try (JarProcess submit = spark(work, Map.of("SPARK_HOME", home.toString()),
                        "org.apache.spark.deploy.SparkSubmit", "--master", url, "--executor-memory", "512m",
                        jobJar.toString(), "--bootstrap-server", bootstrap, "--topic", topic, "--batch-interval",
                        "1s", "--no-ui", "--show", "0", "--expect", Integer.toString(RECORDS))) {
                    submit.awaitLine("Spark Streaming started: topic " + topic + " at " + bootstrap + ", master "
                            + url, STEP);
                    JarProcess load = JarProcess.run(work, null, STEP, "load", "--bootstrap-server", bootstrap,
                            "--topic", topic, "--records", Integer.toString(RECORDS), "--rate", "1000");
                    assertThat(load.exitCode()).as(load.transcript()).isZero();
                    assertThat(submit.awaitExit(STEP)).as(submit.transcript()).isZero();
                    assertThat(submit.out()).as(submit.transcript()).anyMatch(l -> l.startsWith("    ran on executor"))
                            .anyMatch(l -> l.strip().matches("SUMMARY expected=" + RECORDS
                                    + " processed=\\d+ missing=0 duplicated=\\d+"));
                    submit.assertTempDirEmpty();
                }
                await("the application's executor to end with it").atMost(STEP)
                        .until(() -> worker.handle().descendants().noneMatch(ProcessHandle::isAlive));
                worker.stop(STEP);
            }
            master.stop(STEP);
            assertThat(broker.stop(STEP)).as(broker.transcript()).isZero();
        }
    }

    /** A Spark home as an installation has it: {@code RELEASE}, {@code conf/}, and Spark's jars in {@code jars/}. */
    private static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("RELEASE"), "Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()
                + " (for SparkSubmitIT)\n");
        Path listing = Path.of(System.getProperty("spark.installation.classpath",
                "target/spark-installation.classpath"));
        for (String entry : Files.readString(listing).strip().split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        }
        return home;
    }

    /** {@code bin/spark-class MAIN ARGS}: the installation's jars, and the Java 17 flags Spark's launcher adds. */
    private static JarProcess spark(Path work, Map<String, String> env, String mainClass, String... args) {
        List<String> java = new ArrayList<>(List.of(JavaModuleOptions.defaultModuleOptions().split(" ")));
        java.addAll(List.of("-cp", Path.of(env.get("SPARK_HOME"), "jars", "*").toString(), mainClass));
        java.addAll(List.of(args));
        return JarProcess.startJava(work, env, java);
    }
}
