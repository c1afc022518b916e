package dev.kafkaspark.internal.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's peak memory: heap in use (from the JVM's pools) and resident set size (from Linux). */
public final class Memory {

    private static final java.util.concurrent.atomic.AtomicLong PEAK_HEAP = new java.util.concurrent.atomic.AtomicLong();
    private static volatile Thread sampler;

    private Memory() {
    }

    /**
     * Starts sampling heap use every 50 ms (a daemon thread, once per JVM). The heap pools' own peaks peak at
     * different moments, so their sum overstates the peak; sampling the total does not.
     */
    public static synchronized void startSampling() {
        if (sampler != null) {
            return;
        }
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                PEAK_HEAP.accumulateAndGet(heapUsed(), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
            }
        }, "heap-sampler");
        t.setDaemon(true);
        t.start();
        sampler = t;
    }

    private static long heapUsed() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getUsage().getUsed();
            }
        }
        return bytes;
    }

    /** The largest heap use sampled so far (and now), in MiB. */
    public static long peakHeapMb() {
        return PEAK_HEAP.accumulateAndGet(heapUsed(), Math::max) / (1024 * 1024);
    }

    /** The peak resident set size ({@code VmHWM}) in MiB, or -1 where {@code /proc} does not tell. */
    public static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
