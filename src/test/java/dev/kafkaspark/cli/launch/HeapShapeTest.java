package dev.kafkaspark.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The child's heap shape: the launcher's unless the user shaped the heap, and only where it fits. */
class HeapShapeTest {

    private static final long MIB = 1L << 20;

    @Test
    void aHeapTheUserDidNotShapeGetsTheLaunchersShape() {
        assertThat(HeapShape.flags(List.of("-Xmx512m"), 512 * MIB)).containsExactly("-Xms256m", "-Xmn128m");
        assertThat(HeapShape.flags(List.of(), 6144 * MIB)).containsExactly("-Xms256m", "-Xmn128m");
    }

    @Test
    void theUsersOwnShapeWinsAndAHeapTooSmallForItIsLeftAlone() {
        for (String own : List.of("-Xms1g", "-Xmn64m", "-XX:NewRatio=3", "-XX:InitialHeapSize=300m",
                "-XX:MaxNewSize=50m")) {
            assertThat(HeapShape.flags(List.of("-Xmx2g", own), 2048 * MIB)).as(own).isEmpty();
        }
        assertThat(HeapShape.flags(List.of("-Xmx300m"), 300 * MIB)).isEmpty();
    }
}
