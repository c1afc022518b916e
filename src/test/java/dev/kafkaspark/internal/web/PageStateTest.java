package dev.kafkaspark.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkaspark.internal.events.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a page that opens late is sent: the state so far, in order, and never more than the bounded history. */
class PageStateTest {

    @Test
    void theHistoryAPageReplaysIsBoundedWhateverTheRunsLength() {
        PageState state = new PageState(new ObjectMapper().createObjectNode().put("kind", "demo"));
        for (int i = 0; i < 10_000; i++) {
            state.apply(new Event.Step(i, "step " + i));
            state.apply(new Event.StatusSample(i, 1, 1, Map.of(0, 1L), 10, 0));
        }
        state.apply(new Event.Summary(10_001, List.of("SUMMARY produced=1")));
        List<String> replay = state.snapshot();
        assertThat(replay.get(0)).contains("\"type\":\"hello\"");
        assertThat(replay.stream().filter(m -> m.contains("\"type\":\"status\""))).hasSize(PageState.SERIES);
        assertThat(replay.stream().filter(m -> m.contains("\"type\":\"step\""))).hasSize(PageState.TIMELINE);
        assertThat(replay.get(replay.size() - 1)).contains("SUMMARY produced=1");
        // The newest are kept.
        assertThat(replay.stream().filter(m -> m.contains("\"type\":\"step\"")).reduce((a, b) -> b).orElseThrow())
                .contains("step 9999");
    }

    @Test
    void aCommandsOwnOutputIsNotPartOfThePage() {
        PageState state = new PageState(new ObjectMapper().createObjectNode());
        assertThat(state.apply(new Event.Text(1, "SUMMARY expected=1"))).isEmpty();
        assertThat(state.apply(new Event.Access(2, "alice", "Read", "Topic:t", false, "denied"))).get().asString()
                .contains("\"granted\":false");
    }
}
