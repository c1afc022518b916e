package dev.kafkaspark.internal.demo;

import java.time.Duration;
import java.util.Locale;

/** How the console writes durations and rates, the same in the demo and in every command. */
public final class Formats {

    private Formats() {
    }

    /** A rate as a person would write it: {@code 5}, {@code 2.50}. */
    public static String rate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.2f", rate);
    }

    /** A duration as a person would write it: 500ms, 2s, 1m30s. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000 || ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s < 60 || s % 60 != 0) {
            return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
        }
        return (s / 60) + "m";
    }
}
