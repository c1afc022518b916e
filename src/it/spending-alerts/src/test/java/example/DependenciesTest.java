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
 * command line, no logback, log4j2 only as Spark's own distribution brings it, and the pinned Kafka client.
 */
class DependenciesTest {

    @Test
    void theLibraryBringsNoCommandLineAndOnlySparksOwnLogging() throws Exception {
        List<String> ours = subtree(Files.readAllLines(Path.of("target/dependency-tree.txt")),
                "dev.kafkaspark:kafka-spark-demo_");
        assertThat(ours).as("the library's part of the dependency tree").hasSizeGreaterThan(20)
                .noneMatch(l -> l.contains("info.picocli") || l.contains("org.hdrhistogram")
                        || l.contains("ch.qos.logback") || l.contains("io.netty:netty-all"));
        // Spark 3.5 cannot start without log4j-core: the library brings it and its slf4j binding at runtime scope,
        // as Spark's own distribution does (README, "Logging": how to swap the binding).
        // (This build's own provided Spark makes them provided here.)
        assertThat(ours).as("log4j2").anyMatch(l -> l.contains(":log4j-core:jar:"))
                .anyMatch(l -> l.contains(":log4j-slf4j2-impl:jar:"));
    }

    @Test
    void thePinnedKafkaClientWins() {
        String pinned = System.getProperty("pinned.kafka.version");
        assertThat(pinned).as("the build passes the pinned version (pom.xml)").isNotBlank();
        assertThat(AppInfoParser.getVersion()).isEqualTo(pinned);
    }

    @Test
    void runsOnTheJUnitThisInvocationAskedFor() {
        // 5.10.3 on the Scala 2.12 line, the current one on the 2.13 line (pom.xml).
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
