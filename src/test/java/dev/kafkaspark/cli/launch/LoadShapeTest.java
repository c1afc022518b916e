package dev.kafkaspark.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The child's heap shape and compilers: by the load, unless the user chose their own, and only where they fit. */
class LoadShapeTest {

    private static final long MIB = 1L << 20;

    @Test
    void theDemoAtAClasssRateGetsASmallYoungGenerationAndC1OnlyAndEverythingBusierALargeOneAndBothCompilers() {
        assertThat(shape(List.of("-Xmx512m"), 512, "--duration", "30s")).containsExactly("-Xms128m", "-Xmn48m",
                LoadShape.C1_ONLY);
        assertThat(shape(List.of(), 6144, "demo", "--rate", "10000")).containsExactly("-Xms128m", "-Xmn48m",
                "-XX:TieredStopAtLevel=1");
        assertThat(shape(List.of("-Xmx512m"), 512, "--rate", "max")).isEqualTo(LoadShape.BUSY);
        assertThat(shape(List.of(), 6144, "demo", "--rate", "50000")).isEqualTo(LoadShape.BUSY);
        assertThat(shape(List.of(), 6144, "stream", "--topic", "t")).isEqualTo(LoadShape.BUSY);
        assertThat(LoadShape.BUSY).containsExactly("-Xms256m", "-Xmn128m");
        assertThat(LoadShape.MODEST).containsExactly("-Xms128m", "-Xmn48m");
    }

    @Test
    void theUsersOwnHeapShapeWinsAndAHeapTooSmallForItIsLeftAlone() {
        for (String own : List.of("-Xms1g", "-Xmn64m", "-XX:NewRatio=3", "-XX:InitialHeapSize=300m",
                "-XX:MaxNewSize=50m")) {
            assertThat(shape(List.of("-Xmx2g", own), 2048, "--rate", "max")).as(own).isEmpty();
            assertThat(shape(List.of("-Xmx2g", own), 2048)).as(own).containsExactly(LoadShape.C1_ONLY);
        }
        assertThat(shape(List.of("-Xmx300m"), 300)).containsExactly(LoadShape.C1_ONLY);
    }

    @Test
    void theUsersOwnCompilerChoiceWins() {
        for (String own : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-XX:+TieredCompilation",
                "-Xint", "-XX:CICompilerCount=2")) {
            assertThat(shape(List.of(own), 6144)).as(own).isEqualTo(LoadShape.MODEST);
        }
    }

    private static List<String> shape(List<String> jvmArgs, long maxHeapMib, String... args) {
        return LoadShape.flags(jvmArgs, maxHeapMib * MIB, Invocation.of(args));
    }
}
