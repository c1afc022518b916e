package dev.kafkaspark.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bus hands events to each subscriber in order, on its own thread; a stuck one loses events, never the pipeline. */
class EventBusTest {

    @Test
    void everySubscriberGetsEveryEventInOrder() {
        try (EventBus bus = new EventBus()) {
            List<Event> first = new CopyOnWriteArrayList<>();
            List<Event> second = new CopyOnWriteArrayList<>();
            bus.subscribe("first", 100, first::add);
            bus.subscribe("second", 100, second::add);
            for (int i = 0; i < 50; i++) {
                bus.publish(new Event.Step(i, "step " + i));
            }
            bus.flush(Duration.ofSeconds(5));
            assertThat(first).hasSize(50).isEqualTo(second);
            assertThat(first.get(49)).isEqualTo(new Event.Step(49, "step 49"));
        }
    }

    @Test
    void aStuckSubscriberLosesEventsWhileTheOthersAndThePublisherGoOn() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (EventBus bus = new EventBus()) {
            List<Event> healthy = new CopyOnWriteArrayList<>();
            EventBus.Subscription stuck = bus.subscribe("stuck", 10, e -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            bus.subscribe("healthy", 1000, healthy::add);
            for (int i = 0; i < 500; i++) { // returns although "stuck" handles none of them
                bus.publish(new Event.Text(i, "line " + i));
            }
            // One event is with the stuck subscriber, ten wait in its queue: the rest were dropped and counted.
            assertThat(stuck.dropped()).isBetween(489L, 490L);
            release.countDown();
            bus.flush(Duration.ofSeconds(5));
            assertThat(healthy).hasSize(500);
        }
    }

    @Test
    void theConsoleNarrativeStampsStepsWithTheTimeTheyHappened() {
        StringWriter text = new StringWriter();
        Narrator narrator = new Narrator(new PrintWriter(text));
        narrator.publish(new Event.Step(1930, "ZooKeeper started"));
        narrator.publish(new Event.ScenarioStep(10_020, "stopping broker 2"));
        narrator.line("    a line as it is");
        narrator.flush();
        assertThat(text.toString().lines()).containsExactly("[  1.93s] ZooKeeper started",
                "[ 10.02s] >>> stopping broker 2", "    a line as it is");
    }
}
