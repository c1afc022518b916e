package dev.kafkaspark.internal.cluster;

import dev.kafkaspark.internal.support.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/** Topic administration over an {@link Admin} client: create idempotently, then wait until the topic is usable. */
public final class Topics {

    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

    private Topics() {
    }

    /** What {@link #ensure} did. */
    public enum Outcome {
        /** The topic was created. */
        CREATED,
        /** A topic with the same partitions and replication factor was there already. */
        EXISTED
    }

    /** A topic exists with settings other than the ones asked for. */
    public static final class TopicConflictException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TopicConflictException(String message) {
            super(message);
        }
    }

    /**
     * Creates the topic, or accepts an existing one with the same partition count and replication factor, then waits
     * until every partition has a leader.
     *
     * @throws TopicConflictException when the topic exists with other settings
     * @throws IllegalArgumentException when the cluster refuses the settings (say, more replicas than brokers)
     */
    public static Outcome ensure(Admin admin, TopicSpec spec, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Outcome outcome;
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.configs());
        try {
            admin.createTopics(List.of(topic)).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
            outcome = Outcome.CREATED;
            LOG.info("created topic {} ({} partitions, replication {})", spec.name(), spec.partitions(),
                    spec.replicationFactor());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TopicExistsException) {
                checkSameSettings(describe(admin, spec.name(), deadline), spec);
                outcome = Outcome.EXISTED;
            } else if (cause instanceof InvalidReplicationFactorException) {
                throw new IllegalArgumentException("replication factor " + spec.replicationFactor()
                        + " is more than the cluster's brokers can hold (" + cause.getMessage()
                        + "): lower --replication-factor or start more brokers", cause);
            } else {
                throw new IllegalStateException("could not create topic " + spec.name() + ": " + cause.getMessage(),
                        cause);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topic " + spec.name() + " took longer than "
                    + timeout.toMillis() + " ms: is the broker running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + spec.name(), e);
        }
        awaitLeaders(admin, spec.name(), deadline);
        return outcome;
    }

    private static void checkSameSettings(TopicDescription existing, TopicSpec spec) {
        int partitions = existing.partitions().size();
        int replication = existing.partitions().get(0).replicas().size();
        if (partitions != spec.partitions() || replication != spec.replicationFactor()) {
            throw new TopicConflictException("topic " + spec.name() + " already exists with " + partitions
                    + " partition(s) and replication factor " + replication + ", not the " + spec.partitions()
                    + " and " + spec.replicationFactor() + " asked for: ask for those, choose another topic name,"
                    + " or delete the topic first");
        }
    }

    /** Describes a topic; fails with a clear message when it does not exist. */
    public static TopicDescription describe(Admin admin, String name, Duration timeout) {
        return describe(admin, name, System.nanoTime() + timeout.toNanos());
    }

    private static TopicDescription describe(Admin admin, String name, long deadline) {
        try {
            Map<String, TopicDescription> all = admin.describeTopics(List.of(name)).allTopicNames()
                    .get(remaining(deadline), TimeUnit.MILLISECONDS);
            return all.get(name);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new UnknownTopicException(name, existing(admin, deadline));
            }
            throw new IllegalStateException("could not describe topic " + name + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("describing topic " + name + " timed out: is the broker running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic " + name, e);
        }
    }

    /** The topics there are (internal ones left out), if the brokers say in time. */
    private static java.util.Optional<java.util.Set<String>> existing(Admin admin, long deadline) {
        try {
            return java.util.Optional.of(admin.listTopics().names().get(Math.max(1, remaining(deadline)),
                    TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    private static void awaitLeaders(Admin admin, String name, long deadline) {
        while (true) {
            try {
                TopicDescription d = describe(admin, name, deadline);
                if (d.partitions().stream().allMatch(Topics::hasLeader)) {
                    return;
                }
            } catch (UnknownTopicException e) {
                LOG.debug("topic {} not visible yet", name);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + name + " has partitions without a leader");
            }
            Backoff.pause(20);
        }
    }

    private static boolean hasLeader(TopicPartitionInfo p) {
        return p.leader() != null && !p.leader().isEmpty() && !p.isr().isEmpty();
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /** The named topic does not exist. */
    public static final class UnknownTopicException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param name the missing topic */
        public UnknownTopicException(String name) {
            super("topic " + name + " does not exist: create it first (topics --create --topic " + name + ")");
        }

        /**
         * @param name the missing topic
         * @param existing the topics there are (a misspelled name is then plain to see), when they could be listed
         */
        public UnknownTopicException(String name, java.util.Optional<java.util.Set<String>> existing) {
            super("topic " + name + " does not exist" + existing.map(t -> " (topics here: " + (t.isEmpty() ? "none"
                    : String.join(", ", new java.util.TreeSet<>(t))) + ")").orElse("") + ": create it first (topics"
                    + " --create --topic " + name + ")");
        }
    }
}
