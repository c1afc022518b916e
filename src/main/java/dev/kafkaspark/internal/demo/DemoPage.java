package dev.kafkaspark.internal.demo;

import dev.kafkaspark.internal.cluster.KafkaCluster;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.support.Closer;
import dev.kafkaspark.internal.web.LivePage;
import dev.kafkaspark.internal.web.PageActions;
import dev.kafkaspark.internal.web.PageInfo;
import dev.kafkaspark.internal.web.WebSettings;
import dev.kafkaspark.internal.workload.SyntheticProducer;
import dev.kafkaspark.testing.KafkaAuth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The demo's live page: served from before the cluster starts (so a browser opened early shows what the demo waits
 * for) until after the summary, its buttons acting through the demo's {@link Scenario} once there is one.
 */
final class DemoPage {

    private final DemoSettings settings;
    private final Narrator narrator;
    private final Supplier<Scenario> scenario;
    private LivePage page;

    DemoPage(DemoSettings settings, Narrator narrator, Supplier<Scenario> scenario) {
        this.settings = settings;
        this.narrator = narrator;
        this.scenario = scenario;
    }

    /**
     * Serves the page, if the settings ask for it, and says where; again does nothing.
     *
     * @throws IllegalArgumentException when a port the user named for it is taken
     */
    synchronized void open() {
        WebSettings web = settings.output().web();
        if (web == null || page != null) {
            return;
        }
        DemoSettings.Stream s = settings.stream();
        page = LivePage.start(web, new PageInfo("demo", settings.topic().name(), s.engine().label(),
                s.batchInterval().toMillis(), settings.cluster().mode().name().toLowerCase(Locale.ROOT), "",
                settings.cluster().auth() == KafkaAuth.SCRAM), new PageActions() {
                    @Override
                    public List<String> available() {
                        return settings.cluster().brokers() > 1
                                ? List.of("stop-broker", "start-broker", "restart-stream") : List.of("restart-stream");
                    }

                    @Override
                    public String run(String action, int broker) {
                        Scenario now = scenario.get();
                        if (now == null) {
                            throw new IllegalArgumentException("the pipeline is still starting: try again once the"
                                    + " stream runs");
                        }
                        return now.request(action, broker);
                    }
                });
        narrator.bus().subscribe("live page", 10_000, page);
        narrator.step("live page at %s (Kafka and Spark side by side; --no-web turns it off)", page.url());
    }

    /** Its address (with its token) while it is served. */
    synchronized Optional<String> url() {
        return Optional.ofNullable(page).map(LivePage::url);
    }

    /** While it is served, samples the pipeline for it once a second, until the closer stops the sampler. */
    synchronized void sample(Closer closer, KafkaCluster cluster, SyntheticProducer producer, DemoStream stream) {
        if (page != null) {
            closer.register(new ProgressSampler(narrator, cluster, settings.topic().name(), stream.partitions(),
                    producer, stream.reached()).start());
        }
    }

    /** Stops serving it, after telling the open pages the run is over; again does nothing. */
    synchronized void close() {
        if (page != null) {
            narrator.flush(); // what was said (the summary) reaches the page first
            page.close();
            page = null;
        }
    }
}
