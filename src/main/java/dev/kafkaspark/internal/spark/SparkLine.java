package dev.kafkaspark.internal.spark;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.deploy.DeployMessages;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcTimeout;

/**
 * What this code needs of Scala and of Spark's internal (non-Java) API outside the streaming engines: the one place
 * to look when another Spark or Scala line (Spark 4 on Scala 2.13) differs. The Catalyst rows Structured Streaming
 * reads are in {@code stream.structured.KafkaRows}.
 */
public final class SparkLine {

    private SparkLine() {
    }

    /** The Scala binary version of the Scala library on the class path ({@code "2.12"}), as Spark names it. */
    public static String scalaBinaryVersion() {
        String full = scala.util.Properties.versionNumberString();
        int second = full.indexOf('.', full.indexOf('.') + 1);
        return second < 0 ? full : full.substring(0, second);
    }

    /** A Scala option as a Java one. */
    public static <T> Optional<T> optional(scala.Option<T> option) {
        return option.isDefined() ? Optional.of(option.get()) : Optional.empty();
    }

    /** A Scala option of a boxed number (Spark's listener events) as milliseconds; {@code -1} when empty. */
    public static long millis(scala.Option<Object> value) {
        return value.isDefined() ? ((Number) value.get()).longValue() : -1;
    }

    /** Asks a standalone master for its state (its workers), waiting at most the given seconds. */
    public static DeployMessages.MasterStateResponse masterState(RpcEndpointRef master, long seconds) {
        return master.askSync(DeployMessages.RequestMasterState$.MODULE$,
                new RpcTimeout(scala.concurrent.duration.Duration.create(seconds, TimeUnit.SECONDS), "master state"),
                scala.reflect.ClassTag$.MODULE$.apply(DeployMessages.MasterStateResponse.class));
    }
}
