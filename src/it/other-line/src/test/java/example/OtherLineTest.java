package example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kafkaspark.testing.KafkaSparkEnvironment;
import java.io.File;
import org.junit.jupiter.api.Test;

/** A Spark the library's line does not fit is one line at start: both versions, and what to use instead. */
class OtherLineTest {

    @Test
    void aSparkThatDoesNotFitTheLibrarysLineIsOneLineAtStart() {
        Throwable failure = catchThrowable(() -> KafkaSparkEnvironment.builder().start().close());

        assertThat(failure).isInstanceOf(IllegalStateException.class);
        assertThat(failure.getMessage()).doesNotContain("\n")
                .contains(" is on the class path, but " + System.getProperty("library") + " is built ")
                .contains(System.getProperty("expected.fix"));
        String[] left = new File(System.getProperty("java.io.tmpdir")).list((dir, name) ->
                name.startsWith("kafka-spark-") || name.startsWith("spark-") || name.startsWith("blockmgr-"));
        assertThat(left == null ? new String[0] : left).as("files the failed start left").isEmpty();
    }
}
