package dev.kafkaspark.internal.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Hints show the jar the way the user can run it from where they are. */
class SelfCommandTest {

    @Test
    void aJarBelowTheWorkingDirectoryIsShownRelativeToIt() {
        assertThat(SelfCommand.shown(Path.of("/home/ann/kafka-spark-demo/target/demo.jar"),
                Path.of("/home/ann/kafka-spark-demo"))).isEqualTo("target/demo.jar");
        assertThat(SelfCommand.shown(Path.of("/home/ann/demo.jar"), Path.of("/home/ann"))).isEqualTo("demo.jar");
    }

    @Test
    void aJarElsewhereIsShownWholeAndQuotedWhenItHasSpaces() {
        assertThat(SelfCommand.shown(Path.of("/opt/demo/demo.jar"), Path.of("/home/ann"))).isEqualTo("/opt/demo/demo.jar");
        assertThat(SelfCommand.shown(Path.of("/opt/my demo/demo.jar"), Path.of("/home/ann")))
                .isEqualTo("'/opt/my demo/demo.jar'");
    }

    @Test
    void outsideAJarItIsTheReadmesForm() {
        // Tests run from target/classes, not from a jar.
        assertThat(SelfCommand.line()).isEqualTo("java -jar target/demo.jar");
        assertThat(SelfCommand.with("broker")).isEqualTo("java -jar target/demo.jar broker");
    }
}
