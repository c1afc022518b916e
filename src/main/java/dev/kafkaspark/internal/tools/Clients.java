package dev.kafkaspark.internal.tools;

import dev.kafkaspark.internal.support.Ports;

import dev.kafkaspark.internal.cluster.Admins;
import dev.kafkaspark.internal.cluster.Topics;
import dev.kafkaspark.internal.support.SelfCommand;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/** Connecting to a cluster from the command-line tools: short timeouts, and failures that say what to do. */
public final class Clients {

    /** How long a tool waits for a broker before it gives up. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Clients() {
    }

    /** Nobody answered at the bootstrap address. */
    public static final class UnreachableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnreachableException(String bootstrap, Duration timeout) {
            super("no Kafka broker answered at " + bootstrap + " within " + timeout.toSeconds()
                    + " s: start one with '" + SelfCommand.with("broker") + "', or pass --bootstrap-server (a broker"
                    + " that requires logins closes every connection without one: then pass --command-config FILE, or"
                    + " --user and --password)");
        }

        UnreachableException(String bootstrap) {
            super("nothing listens at " + bootstrap + ": start a Kafka broker with '" + SelfCommand.with("broker")
                    + "', or pass the right --bootstrap-server");
        }
    }

    /** An admin client for the address, with a login (client properties); the caller closes it. */
    public static Admin admin(String bootstrap, Map<String, String> login) {
        requireListening(bootstrap);
        return Admins.create(bootstrap, TIMEOUT, login);
    }

    /**
     * Fails at once when no address of the list accepts a connection: a client would otherwise wait its whole
     * timeout in silence for a broker that is not there.
     */
    public static void requireListening(String bootstrap) {
        if (!Ports.anyListening(bootstrap, Duration.ofSeconds(1))) {
            throw new UnreachableException(bootstrap);
        }
    }

    /** The brokers of the cluster, or a clear failure when none answers. */
    public static Collection<Node> brokers(Admin admin, String bootstrap) {
        return brokers(admin.describeCluster(), bootstrap);
    }

    /** The brokers of a cluster description, or a clear failure when none answers. */
    public static Collection<Node> brokers(org.apache.kafka.clients.admin.DescribeClusterResult cluster,
            String bootstrap) {
        try {
            return cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            if (e.getCause() instanceof SaslAuthenticationException) {
                throw new IllegalStateException("the broker at " + bootstrap + " refused the login: "
                        + e.getCause().getMessage() + ": check the user and password (--user/--password, or the file"
                        + " given to --command-config)", e.getCause());
            }
            if (e instanceof TimeoutException || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new UnreachableException(bootstrap, TIMEOUT);
            }
            throw new IllegalStateException("could not describe the cluster at " + bootstrap + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Checks, with a short-lived admin client logged in so, that a broker answers and the topic exists. */
    public static void requireTopic(String bootstrap, Map<String, String> login, String topic) {
        try (Admin admin = admin(bootstrap, login)) {
            requireTopic(admin, bootstrap, topic);
        }
    }

    /** Checks the broker answers and the topic exists; returns its description. */
    public static TopicDescription requireTopic(Admin admin, String bootstrap, String topic) {
        brokers(admin, bootstrap);
        return Topics.describe(admin, topic, TIMEOUT);
    }
}
