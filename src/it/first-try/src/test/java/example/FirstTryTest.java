package example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import java.io.File;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each mistake is one line naming both sides and the fix, raised before anything starts, so nothing is left. */
class FirstTryTest {

    @Test
    void theConnectorsOlderKafkaClientIsReportedWithThePin() {
        String expected = System.getProperty("library.kafka.version");
        String classPath = System.getProperty("java.class.path");
        if (classPath.contains("kafka-clients-" + expected + ".jar")) {
            // Spark 4.2's connector brings the broker's own client (kafka-spark-demo_2.13): no clash, no pin needed.
            assertThat(classPath).as("one kafka-clients").doesNotContain("kafka-clients-3.4.1.jar");
            KafkaSparkEnvironment.builder().spark(false).start().close();
            assertNothingLeft();
            return;
        }
        assertThat(classPath).as("the clash this project sets up (Spark 3.5's connector)")
                .contains("kafka-clients-3.4.1.jar").doesNotContain("kafka-clients-" + expected + ".jar");

        Throwable failure = catchThrowable(() -> KafkaSparkEnvironment.builder().spark(false).start().close());

        assertThat(failure).isInstanceOf(IllegalStateException.class);
        assertThat(failure.getMessage()).doesNotContain("\n")
                .startsWith("kafka-clients 3.4.1 is on the class path, but the embedded Kafka broker needs " + expected)
                .contains("pin org.apache.kafka:kafka-clients to " + expected);
        assertNothingLeft();
    }

    @Test
    void missingJvmFlagsAreNamedAtStartNotAtTheFirstSparkJob() {
        Throwable failure = catchThrowable(() -> KafkaSparkEnvironment.builder().start().close());

        assertThat(failure).isInstanceOf(IllegalStateException.class);
        assertThat(failure.getMessage()).doesNotContain("\n")
                .startsWith("Spark needs JVM flags this JVM was started without")
                .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
                .contains("README");
        assertNothingLeft();
    }

    private static void assertNothingLeft() {
        String[] entries = new File(System.getProperty("java.io.tmpdir")).list((dir, name) ->
                name.startsWith("kafka-spark-") || name.startsWith("spark-") || name.startsWith("blockmgr-"));
        assertThat(entries).as("files the failed start left").isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("kafka")
                || t.getName().startsWith("broker-") || t.getName().equals("spark-init"));
    }
}
