package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.web.LivePage;
import dev.kafkaspark.internal.web.PageActions;
import dev.kafkaspark.internal.web.PageInfo;
import dev.kafkaspark.internal.web.WebSettings;

/** The {@code stream} command's live page: its Spark half (batches, offsets reached, rates), for the walkthrough. */
public final class StreamPage {

    private StreamPage() {
    }

    /**
     * Serves the page, subscribed to the narrator's events, and says where.
     *
     * @param engine the engine's name on the command line ({@code dstream}, {@code structured})
     * @throws IllegalArgumentException when the port is taken
     */
    public static LivePage open(Narrator narrator, WebSettings web, String topic, String engine,
            long intervalMillis, String bootstrap, boolean auth) {
        LivePage page = LivePage.start(web, new PageInfo("stream", topic, engine, intervalMillis, "",
                bootstrap, auth), PageActions.NONE);
        narrator.bus().subscribe("live page", 10_000, page);
        narrator.step("live page at %s (this job's batches; 'web --bootstrap-server %s' shows the Kafka half)",
                page.url(), bootstrap);
        return page;
    }
}
