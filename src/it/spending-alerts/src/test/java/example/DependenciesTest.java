package example;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * What the library brings to this build (target/dependency-tree.txt, written with everything Maven left out): no
 * command line, no logging binding or logback, and the pinned Kafka client.
 */
class DependenciesTest {

    @Test
    void theLibraryBringsNoCommandLineAndNoLoggingBackend() throws Exception {
        List<String> ours = subtree(Files.readAllLines(Path.of("target/dependency-tree.txt")),
                "dev.kafkaspark:kafka-spark-demo:jar:");
        assertThat(ours).as("the library's part of the dependency tree").hasSizeGreaterThan(20)
                .noneMatch(l -> l.contains("info.picocli") || l.contains("org.hdrhistogram")
                        || l.contains("ch.qos.logback") || l.contains("log4j-slf4j2-impl") || l.contains(":log4j-core:")
                        || l.contains("io.netty:netty-all"));
    }

    @Test
    void thePinnedKafkaClientWins() {
        String pinned = System.getProperty("pinned.kafka.version");
        assertThat(pinned).as("the build passes the pinned version (pom.xml)").isNotBlank();
        assertThat(AppInfoParser.getVersion()).isEqualTo(pinned);
    }

    @Test
    void runsOnTheJUnitThisInvocationAskedFor() {
        // 5.10.3 by default, the current one with -Pcurrent-junit (invoker.properties runs both).
        String asked = System.getProperty("junit.version");
        assertThat(asked).as("the build passes the JUnit version it asked for (pom.xml)").isNotBlank();
        assertThat(org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion()).isEqualTo(asked);
    }

    /** The lines below the given artifact's line that are indented deeper: its dependencies. */
    static List<String> subtree(List<String> tree, String artifact) {
        List<String> lines = new ArrayList<>();
        int depth = -1;
        for (String line : tree) {
            int at = indexOfArtifact(line);
            if (depth < 0) {
                if (line.contains(artifact)) {
                    depth = at;
                }
            } else if (at > depth) {
                lines.add(line);
            } else {
                break;
            }
        }
        assertThat(depth).as("%s in the tree", artifact).isNotNegative();
        return lines;
    }

    private static int indexOfArtifact(String line) {
        int i = 0;
        while (i < line.length() && " |+-\\(".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }
}
