package dev.kafkaspark.internal.cluster;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicSpecTest {

    @Test
    void namesAndCountsAreValidated() {
        assertThatThrownBy(() -> TopicSpec.of("a b", 1, 1)).hasMessageContaining("invalid topic name 'a b'");
        assertThatThrownBy(() -> TopicSpec.of("", 1, 1)).hasMessageContaining("empty");
        assertThatThrownBy(() -> TopicSpec.of("ok", 0, 1)).hasMessageContaining("partitions must be at least 1");
        assertThatThrownBy(() -> TopicSpec.of("ok", 1, 0))
                .hasMessageContaining("replication factor must be at least 1");
    }
}
