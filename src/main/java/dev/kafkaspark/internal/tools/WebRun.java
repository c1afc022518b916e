package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.web.KafkaView;
import dev.kafkaspark.internal.web.LivePage;
import dev.kafkaspark.internal.web.PageActions;
import dev.kafkaspark.internal.web.PageInfo;
import dev.kafkaspark.internal.web.WebSettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code web} until it is stopped: the live page's Kafka half for any cluster (the {@code broker} of the walkthrough's
 * first step, brokers in other processes, a real cluster): brokers, topics, partitions and consumer groups' lag.
 */
public final class WebRun {

    private WebRun() {
    }

    /** The walkthrough's first two addresses are easy to swap: ZooKeeper's answers no Kafka client. */
    private static void notZooKeeper(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon > 0 && first.substring(colon + 1).matches("\\d+") && PortHolder.zookeeperAt(first.substring(0, colon),
                Integer.parseInt(first.substring(colon + 1))) == PortHolder.ZOOKEEPER) {
            throw new IllegalStateException(first + " is ZooKeeper, not a Kafka broker: give --bootstrap-server the"
                    + " broker's address (the line 'Kafka broker N started at ...' of the broker's terminal)");
        }
    }

    /**
     * Serves the page until a stop request.
     *
     * @param login the client properties of a login, for brokers that require one (empty: none)
     * @return the exit code
     * @throws IllegalArgumentException when a port the user named is taken
     */
    public static int run(Narrator narrator, String bootstrap, Map<String, String> login, WebSettings web,
            Stopping stopping) {
        Admin admin;
        LivePage page;
        try {
            notZooKeeper(bootstrap);
            admin = Clients.admin(bootstrap, login);
            page = LivePage.start(web, new PageInfo("kafka", "", "", 0, "", bootstrap, !login.isEmpty()),
                    PageActions.NONE);
        } catch (RuntimeException e) {
            stopping.abandon();
            throw e;
        }
        KafkaView view = new KafkaView(admin, page).start();
        try {
            narrator.started("web", "127.0.0.1:" + page.port(), "live page of the cluster at %s: %s", bootstrap,
                    page.url());
            narrator.step("it shows the brokers, every topic's partitions (leader, in-sync replicas, log-end offset)"
                    + " and each consumer group's lag, once a second; Ctrl-C stops");
            stopping.awaitStop();
        } finally {
            stopping.stop(narrator, "the live page", () -> "closing its connections", () -> {
                view.close();
                page.close();
                admin.close(Duration.ofMillis(500)); // not its default wait for requests to brokers that may be gone
            });
        }
        narrator.stopped("web", "live page stopped");
        return 0;
    }
}
