package dev.kafkaspark.cli;

import dev.kafkaspark.cli.launch.Signals;
import dev.kafkaspark.internal.demo.Formats;
import dev.kafkaspark.internal.events.Narrator;
import dev.kafkaspark.internal.tools.Clients;
import dev.kafkaspark.internal.workload.SeqSet;
import dev.kafkaspark.internal.workload.SyntheticProducer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code load}: the demo's synthetic producer alone, against any cluster. */
@Command(name = "load", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {"Send the demo's synthetic records to a topic of any cluster: keys key-0, key-1, ..., values"
                + " that carry sequence numbers from 0 up (what the stream and the demo check), idempotent with"
                + " acks=all. Ends after --records or --duration, or on Ctrl-C, and says what was acknowledged.", ""})
public final class LoadCommand extends TopicClientCommand implements Callable<Integer> {

    @Option(names = "--rate", paramLabel = "PER_SECOND|max", defaultValue = "1000",
            converter = Converters.RateConverter.class,
            description = "Records per second, or 'max' for flat out (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--records", paramLabel = "N", description = "Send exactly N records, then stop.")
    Long records;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "Send for this long (like 30s), then stop.")
    Duration duration;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "10",
            description = "Distinct keys (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--value-size", paramLabel = "N", defaultValue = "0",
            description = "Pad values with dots to N characters (default: ${DEFAULT-VALUE}).")
    int valueSize;

    @Override
    public Integer call() {
        if (records != null && records < 1) {
            throw new UsageException("--records must be at least 1, not " + records);
        }
        if (keys < 1) {
            throw new UsageException("--keys must be at least 1, not " + keys);
        }
        if (valueSize < 0) {
            throw new UsageException("--value-size must not be negative, not " + valueSize);
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new UsageException("--duration must be positive");
        }
        String topic = topicOption.topic;
        Map<String, String> login = cluster.login();
        Clients.requireTopic(cluster.bootstrapServer, login, topic);
        Narrator narrator = new Narrator(spec.commandLine().getOut());
        SyntheticProducer producer = SyntheticProducer.start(new SyntheticProducer.Settings(cluster.bootstrapServer,
                topic, rate, keys, records == null ? -1 : records, valueSize, login));
        narrator.step("sending to %s at %s: %s records/s, %d keys, acks=all, idempotent%s; Ctrl-C stops", topic,
                cluster.bootstrapServer, rate > 0 && !Double.isInfinite(rate) ? Formats.rate(rate) : "flat out",
                keys, records != null ? ", " + records + " records in all"
                        : duration != null ? ", for " + Formats.duration(duration) : "");
        CountDownLatch stop = new CountDownLatch(1);
        boolean interrupted;
        try (Signals.Registration ignored = Signals.onInterrupt(stop::countDown)) {
            interrupted = awaitEnd(producer, stop, narrator);
        }
        producer.stopAndFlush(Duration.ofSeconds(30));
        producer.close();
        SeqSet acked = producer.acknowledgedSet();
        narrator.step("%s: %d sent, %d acknowledged%s%s", interrupted ? "stopped" : "done", producer.sent(),
                acked.size(), acked.size() == 0 ? "" : " (sequence numbers 0 to " + (producer.sent() - 1)
                        + (acked.size() == producer.sent() ? ", every one" : ", " + (producer.sent() - acked.size())
                                + " not acknowledged") + ")",
                producer.failed() > 0 ? "; " + producer.failed() + " failed: " + Cli.oneLine(producer.failure())
                        : "");
        return producer.failed() > 0 || acked.size() < producer.sent() ? Cli.FAILURE : 0;
    }

    /** Waits for the end (records sent, duration over) or a stop request; says how it goes every 5 s. */
    private boolean awaitEnd(SyntheticProducer producer, CountDownLatch stop, Narrator narrator) {
        long start = System.nanoTime();
        long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        long nextReport = start + TimeUnit.SECONDS.toNanos(5);
        try {
            while (true) {
                if (stop.await(100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                long now = System.nanoTime();
                if (producer.isDone() && (records == null || producer.acknowledged() + producer.failed() >= records)
                        || now >= end) {
                    return false;
                }
                if (now >= nextReport) {
                    narrator.step("%d sent, %d acknowledged", producer.sent(), producer.acknowledged());
                    nextReport += TimeUnit.SECONDS.toNanos(5);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
