package dev.kafkaspark.internal.bench;

import java.time.Duration;

/**
 * What to run.
 *
 * @param runs start-up runs per batch interval (W1)
 * @param throughput how long the producer runs flat out (W2, W3)
 * @param latency how long each latency run lasts (W4)
 * @param latencyRate the fixed rate of the latency runs
 * @param heap the children's {@code -Xmx}, or {@code null} for the JVM's default
 * @param scale how much of the bench runs
 */
public record BenchSettings(int runs, Duration throughput, Duration latency, int latencyRate, String heap,
        Scale scale) {

    /** The standard settings: 3 start-up runs, 30 s workloads, 10,000 records/s, children at -Xmx512m. */
    public static BenchSettings standard() {
        return new BenchSettings(3, Duration.ofSeconds(30), Duration.ofSeconds(30), 10_000, "512m", Scale.STANDARD);
    }

    /** Scaled down for a quick look: one start-up run, 5 s workloads. */
    public static BenchSettings quickly() {
        return new BenchSettings(1, Duration.ofSeconds(5), Duration.ofSeconds(5), 10_000, "512m", Scale.QUICK);
    }

    /** The bench's own check: one short run of each workload, no variants. */
    public static BenchSettings smoke() {
        return new BenchSettings(1, Duration.ofSeconds(2), Duration.ofSeconds(2), 10_000, "512m", Scale.SMOKE);
    }

    /** Whether these are scaled down (quick or smoke). */
    public boolean quick() {
        return scale != Scale.STANDARD;
    }

    /** How much of the bench runs. */
    public enum Scale {
        /** Every workload and variant, 3 start-up runs, 30 s workloads: the figures of docs/performance.md. */
        STANDARD,
        /** Every workload and variant, scaled down: one start-up run per case, 5 s workloads. */
        QUICK,
        /**
         * One short run of each workload (W1 at 2 s batches, W3, W2, W4 at 1 s batches) and none of the variants
         * (KRaft, Structured Streaming, SCRAM, the class cache): a check that the bench works, whose figures mean
         * little.
         */
        SMOKE
    }
}
