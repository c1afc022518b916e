package dev.kafkaspark.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The child's heap shape: by the load, unless the user shaped the heap, and only where it fits. */
class HeapShapeTest {

    private static final long MIB = 1L << 20;

    @Test
    void theDemoAtAClasssRateGetsASmallYoungGenerationAndEverythingBusierALargeOne() {
        assertThat(shape(List.of("-Xmx512m"), 512, "--duration", "30s")).isEqualTo(HeapShape.MODEST);
        assertThat(shape(List.of(), 6144, "demo", "--rate", "1000")).isEqualTo(HeapShape.MODEST);
        assertThat(shape(List.of("-Xmx512m"), 512, "--rate", "max")).isEqualTo(HeapShape.BUSY);
        assertThat(shape(List.of(), 6144, "demo", "--rate", "50000")).isEqualTo(HeapShape.BUSY);
        assertThat(shape(List.of(), 6144, "stream", "--topic", "t")).isEqualTo(HeapShape.BUSY);
        assertThat(HeapShape.BUSY).containsExactly("-Xms256m", "-Xmn128m");
        assertThat(HeapShape.MODEST).containsExactly("-Xms128m", "-Xmn48m");
    }

    @Test
    void theUsersOwnShapeWinsAndAHeapTooSmallForItIsLeftAlone() {
        for (String own : List.of("-Xms1g", "-Xmn64m", "-XX:NewRatio=3", "-XX:InitialHeapSize=300m",
                "-XX:MaxNewSize=50m")) {
            assertThat(shape(List.of("-Xmx2g", own), 2048, "--rate", "max")).as(own).isEmpty();
        }
        assertThat(shape(List.of("-Xmx300m"), 300)).isEmpty();
    }

    private static List<String> shape(List<String> jvmArgs, long maxHeapMib, String... args) {
        return HeapShape.flags(jvmArgs, maxHeapMib * MIB, Invocation.of(args));
    }
}
