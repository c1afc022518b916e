package dev.kafkaspark.internal.tools;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Broker ids (node ids in KRaft mode) of a cluster that a new broker joins: the next free one, by one rule in both
 * modes, and a clear refusal when an id the user asked for is taken.
 */
public final class BrokerIds {

    private BrokerIds() {
    }

    /** The id after the highest one known; 0 when none is. */
    public static int next(List<Integer> known) {
        return known.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    /**
     * Fails when one of {@code count} ids from {@code first} on is taken.
     *
     * @param idName what the mode calls an id ({@code "broker id"}, {@code "node id"})
     * @param where where the ids are known, after "is already" ({@code "registered in ZooKeeper 127.0.0.1:2181"})
     * @param idsName how the list of ids is named ({@code "ids registered"})
     * @param option the option that picks another id ({@code --broker-id})
     */
    public static void requireFree(int first, int count, List<Integer> known, String idName, String where,
            String idsName, String option) {
        for (int id = first; id < first + count; id++) {
            if (known.contains(id)) {
                throw new TakenException(idName + " " + id + " is already " + where + " (" + idsName + ": "
                        + known.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "): pass "
                        + option + " " + next(known) + " to join as another broker");
            }
        }
    }

    /** An id the user asked for is taken: a usage error, with the id to use instead. */
    public static final class TakenException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TakenException(String message) {
            super(message);
        }
    }
}
