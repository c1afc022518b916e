package dev.kafkaspark.internal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The start-up checks pass in this build (it has the right versions and flags) and say the fix when they fail. */
class RuntimeCheckTest {

    @Test
    void thisBuildHasTheKafkaSparkAndJvmFlagsItWasBuiltWith() {
        assertThat(RuntimeCheck.builtWith("kafka.version")).isEqualTo(
                org.apache.kafka.common.utils.AppInfoParser.getVersion());
        assertThatCode(RuntimeCheck::requireKafkaClients).doesNotThrowAnyException();
        assertThatCode(RuntimeCheck::requireSpark).doesNotThrowAnyException();
        assertThat(RuntimeCheck.requiredOpens()).contains("java.base/sun.nio.ch", "java.base/java.lang");
        // Surefire's argLine is the README's: nothing may be missing.
        assertThat(RuntimeCheck.missingJvmFlags()).isEmpty();
    }

    @Test
    void aClientVersionClashIsOneLineWithBothVersionsAndThePin() {
        String message = RuntimeCheck.kafkaMismatch("3.4.1", "3.9.2");
        assertThat(message).doesNotContain("\n")
                .contains("kafka-clients 3.4.1 is on the class path")
                .contains("needs 3.9.2")
                .contains("pin org.apache.kafka:kafka-clients to 3.9.2");
    }

    @Test
    void anotherSparkOrScalaNamesBothVersionsAndTheArtifactThatFits() {
        String built = RuntimeCheck.builtWith("spark.version");
        String line = RuntimeCheck.builtWith("scala.binary.version");
        String other = line.equals("2.12") ? "2.13" : "2.12";
        String otherSpark = RuntimeCheck.builtWith("line." + other + ".spark");
        assertThatCode(RuntimeCheck::requireScala).doesNotThrowAnyException();

        // An older minor of this line's Spark major (Spark 4.1 with the _2.13 artifact, 3.4 with _2.12).
        String olderMinor = built.charAt(0) + ".1.1";
        assertThat(RuntimeCheck.sparkMismatch(olderMinor)).doesNotContain("\n")
                .isEqualTo("Spark " + olderMinor + " is on the class path, but kafka-spark-demo_" + line
                        + " is built with Spark " + built + ": set every Spark module to " + built);
        // The other line's Spark (Spark 3.5 with the _2.13 artifact, or the reverse).
        assertThat(RuntimeCheck.sparkMismatch(otherSpark)).doesNotContain("\n")
                .startsWith("Spark " + otherSpark + " is on the class path, but kafka-spark-demo_" + line
                        + " is built with Spark " + built)
                .endsWith(", or use kafka-spark-demo_" + other + " (Spark " + otherSpark + ")");
        // A Scala library of the other line.
        assertThat(RuntimeCheck.scalaMismatch(other + ".18")).doesNotContain("\n")
                .startsWith("Scala " + other + ".18 is on the class path, but kafka-spark-demo_" + line
                        + " is built for Scala " + line + " with Spark " + built)
                .contains("use kafka-spark-demo_" + other + " (Spark " + otherSpark + ") instead");
        assertThat(RuntimeCheck.scalaMismatch("2.11.12")).endsWith(": use Spark " + built + " for every Spark module");
    }

    @Test
    void minorVersions() {
        assertThat(RuntimeCheck.minor("3.5.5")).isEqualTo("3.5");
        assertThat(RuntimeCheck.minor("3.4.1")).isEqualTo("3.4");
        assertThat(RuntimeCheck.minor("none")).isEqualTo("none");
    }
}
