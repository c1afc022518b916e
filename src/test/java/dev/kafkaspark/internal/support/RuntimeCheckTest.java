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
    void minorVersions() {
        assertThat(RuntimeCheck.minor("3.5.5")).isEqualTo("3.5");
        assertThat(RuntimeCheck.minor("3.4.1")).isEqualTo("3.4");
        assertThat(RuntimeCheck.minor("none")).isEqualTo("none");
    }
}
