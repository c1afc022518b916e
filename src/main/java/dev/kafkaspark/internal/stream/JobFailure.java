package dev.kafkaspark.internal.stream;

import dev.kafkaspark.internal.support.Failures;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A streaming job that ended with an error (a Structured Streaming query that terminated, a streaming context that
 * died), said in one line that names the cause and the fix. The original error is the cause, for the log and for
 * {@code --verbose}; an ACL refusal stays in the chain, where the commands' own explanation finds it.
 */
public final class JobFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final Pattern OFFSET_CHANGED = Pattern.compile(
            "Partition (\\S+)'s offset was changed from (\\d+) to (\\d+)");

    private JobFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The failure of a job of this engine on this topic.
     *
     * @param checkpoint whether the job keeps its offsets in a checkpoint the user named (kept across runs)
     */
    public static JobFailure of(StreamEngine.Kind engine, String topic, boolean checkpoint, Throwable error) {
        return new JobFailure(engine.title() + " failed: " + explain(topic, checkpoint, error), error);
    }

    static String explain(String topic, boolean checkpoint, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher m = OFFSET_CHANGED.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return "the checkpoint's offsets are ahead of the topic (partition " + m.group(1) + " was read up to"
                        + " offset " + m.group(2) + ", and the topic now ends at " + m.group(3) + "): the checkpoint"
                        + " belongs to another cluster or to an earlier topic of that name; use a new --checkpoint";
            }
            if (t instanceof UnknownTopicOrPartitionException) {
                return "topic " + topic + " is gone (deleted while the job ran?): create it again, then start the"
                        + " stream again" + (checkpoint ? " with a new --checkpoint" : "");
            }
            if (t instanceof AuthorizationException a) {
                return "the login may not read topic " + topic + " (" + a.getClass().getSimpleName() + ": "
                        + a.getMessage() + ")";
            }
        }
        return Failures.message(error);
    }
}
