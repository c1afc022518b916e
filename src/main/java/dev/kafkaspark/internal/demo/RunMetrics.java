package dev.kafkaspark.internal.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.ArrayList;
import java.util.List;

/**
 * What one demo run measured: the record the summary, {@code bench} and its tests read, so each figure has one name.
 * Times named {@code ...Ms} count milliseconds since the program started (the time base of docs/performance.md); {@code -1} means
 * "did not happen". In JSON (the {@code BENCH} line) the names are snake case: {@code first_batch_ms}.
 *
 * @param zookeeperReadyMs the metadata service (ZooKeeper) ready
 * @param brokerReadyMs every broker answering
 * @param topicReadyMs the topic created, every partition with a leader
 * @param sparkReadyMs the streaming job started
 * @param firstBatchMs the first batch that held records finished
 * @param firstAckMs the producer's first record acknowledged
 * @param firstTriggerMs the first batch Spark ran, records or not (its batch time): before {@code firstAckMs}, that
 *     batch was empty and the first records waited a whole interval more
 * @param produced records the brokers acknowledged
 * @param processed records Spark processed (repeats included)
 * @param missing acknowledged records never processed
 * @param duplicated processings beyond the first
 * @param producingS producer start to its last acknowledgement, in seconds
 * @param processingS producer start to the end of the last batch with records, in seconds
 * @param producedPerS records acknowledged per second over {@code producingS}
 * @param processedPerS records processed per second over {@code processingS}
 * @param lagAtStop acknowledged records not yet processed when the producer stopped ({@code -1}: it never ran)
 * @param drainMs how long Spark took to catch up after the producer stopped ({@code -1}: no catch-up was tried)
 * @param latencyMs record timestamp to the end of its batch
 * @param steadyLatencyMs the same, without the first seconds of warm-up (records sent from 5 s after the first batch
 *     with records finished)
 * @param peakHeapMb peak heap in use (sampled only for {@code bench}; else 0)
 * @param peakRssMb peak resident set size (sampled only for {@code bench}; else 0)
 */
public record RunMetrics(long zookeeperReadyMs, long brokerReadyMs, long topicReadyMs, long sparkReadyMs,
        long firstBatchMs, long firstAckMs, long firstTriggerMs, long produced, long processed, long missing, long duplicated, double producingS,
        double processingS, double producedPerS, double processedPerS, long lagAtStop, long drainMs,
        Latency latencyMs, Latency steadyLatencyMs, long peakHeapMb, long peakRssMb, List<BatchPoint> batches) {

    /** Copies. */
    public RunMetrics {
        batches = batches == null ? List.of() : List.copyOf(batches);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /**
     * End-to-end latency percentiles, in milliseconds.
     *
     * @param count records measured
     */
    public record Latency(long count, long p50, long p95, long p99, long max, List<Point> curve) {

        /** The figures of a latency histogram, with its percentile curve. */
        public static Latency of(org.HdrHistogram.Histogram h) {
            return new Latency(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(95),
                    h.getValueAtPercentile(99), h.getMaxValue(), curve(h));
        }

        /** The latency distribution at the percentiles a percentile chart needs (a log scale of 1/(1-p)). */
        private static List<Point> curve(org.HdrHistogram.Histogram h) {
            if (h.getTotalCount() == 0) {
                return List.of();
            }
            List<Point> points = new ArrayList<>();
            for (double p : new double[] {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99}) {
                points.add(new Point(p, h.getValueAtPercentile(p)));
            }
            points.add(new Point(100, h.getMaxValue()));
            return points;
        }

        /** Copies. */
        public Latency {
            curve = curve == null ? List.of() : List.copyOf(curve);
        }
    }

    /** One point of the latency distribution: this percentile of records took at most {@code ms}. */
    public record Point(double percentile, long ms) {
    }

    /**
     * One finished batch, for the report's chart of the run.
     *
     * @param atMs when it finished, since the program started
     * @param records records in it
     * @param producedTotal records the brokers had acknowledged by then
     * @param processedTotal records processed by then (this batch's included)
     */
    public record BatchPoint(long atMs, long records, long producedTotal, long processedTotal) {
    }

    /** As one line of JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the run's metrics: " + e.getMessage(), e);
        }
    }

    /** Reads what {@link #toJson()} wrote. */
    public static RunMetrics fromJson(String json) {
        try {
            return JSON.readValue(json, RunMetrics.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a run's metrics: " + e.getOriginalMessage(), e);
        }
    }
}
