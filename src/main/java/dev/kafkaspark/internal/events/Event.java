package dev.kafkaspark.internal.events;

import dev.kafkaspark.internal.batch.BatchReport;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happens in a run, published once on an {@link EventBus}: the console narrative renders each event as a line
 * or a few, and any other view (a web page) reads the same fields. Every event carries the time it happened, in
 * milliseconds since the program started (the time base of every figure the project reports).
 */
public sealed interface Event {

    /** When it happened: milliseconds since the program started. */
    long at();

    /** A step of the story, said in words. */
    record Step(long at, String text) implements Event {
    }

    /** Text shown as it is, with no time stamp (a command's output that is not a step). */
    record Text(long at, String text) implements Event {
    }

    /**
     * A part started: ZooKeeper, a broker, a controller, the streaming job, the producer.
     *
     * @param part what started, for people and pages ({@code "broker 1"})
     * @param address where it listens, empty when it does not
     * @param text the narrative's line
     */
    record PartStarted(long at, String part, String address, String text) implements Event {
    }

    /** A part stopped, with the narrative's line. */
    record PartStopped(long at, String part, String text) implements Event {
    }

    /**
     * The topic's partition table, at start and whenever it changed.
     *
     * @param changed whether this is a change (the table at start is not)
     * @param stopped the brokers stopped on purpose, marked wherever they appear
     */
    record PartitionTable(long at, String topic, List<PartitionRow> rows, Set<Integer> stopped, boolean changed)
            implements Event {
        public PartitionTable {
            rows = List.copyOf(rows);
            stopped = Set.copyOf(stopped);
        }
    }

    /** One partition: its leader ({@code -1}: none), replicas and in-sync replicas, by broker id. */
    record PartitionRow(int partition, int leader, List<Integer> replicas, List<Integer> isr) {
    }

    /**
     * A batch the streaming job completed, with its offset ranges and first records.
     *
     * @param samples how many of its first records to show
     * @param quiet whether the console shows only the status line for it ({@code --quiet-batches}); a page shows it
     */
    record BatchCompleted(long at, BatchReport report, int samples, boolean quiet) implements Event {
    }

    /**
     * A status sample after a batch: records in and out per second, consumer lag per partition ({@code null}: not
     * known), the batch's processing time and how long it waited to start.
     */
    record StatusSample(long at, double inPerSecond, double outPerSecond, Map<Integer, Long> lag,
            long processingMillis, long schedulingDelayMillis) implements Event {
    }

    /**
     * The pipeline once a second, for views that draw it (the console shows none of it): the producer's counts, each
     * partition's log-end offset and the offset the job has reached, and the brokers.
     *
     * @param partitions the topic's partition table now (empty when it cannot be read)
     * @param reached the offsets the job has reached per partition; {@code null} when they cannot be read (a
     *     Structured Streaming query keeps them in its checkpoint, not in a group)
     * @param controller the active controller (ZooKeeper mode) or the quorum's leader (KRaft); {@code -1}: none known
     * @param voters the KRaft quorum's voters (empty in ZooKeeper mode)
     */
    record Progress(long at, long sent, long acknowledged, long retries, long failed, List<PartitionRow> partitions,
            Map<Integer, Long> endOffsets, Map<Integer, Long> reached, List<BrokerState> brokers, int controller,
            boolean kraft, List<Integer> voters) implements Event {
        public Progress {
            partitions = List.copyOf(partitions);
            endOffsets = Map.copyOf(endOffsets);
            reached = reached == null ? null : Map.copyOf(reached);
            brokers = List.copyOf(brokers);
            voters = List.copyOf(voters);
        }
    }

    /** A broker as views show it: its id, its address and whether it runs. */
    record BrokerState(int id, String address, boolean running) {
    }

    /** A step of a scenario (a broker stopped or started, the stream restarted), marked so it stands out. */
    record ScenarioStep(long at, String text) implements Event {
    }

    /** The brokers' ACLs granted or denied a request, with the narrative's line. */
    record Access(long at, String user, String operation, String resource, boolean granted, String text)
            implements Event {
    }

    /** The run's summary, the lines a user reads at the end. */
    record Summary(long at, List<String> lines) implements Event {
        public Summary {
            lines = List.copyOf(lines);
        }
    }
}
