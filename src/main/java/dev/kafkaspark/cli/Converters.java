package dev.kafkaspark.cli;

import dev.kafkaspark.internal.cluster.ClusterMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters with messages that say what a good value looks like. */
public final class Converters {

    private Converters() {
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    /** Parses {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code 1h}; a bare number means seconds. */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write it like 500ms, 2s or 1m");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** Durations such as {@code 500ms}, {@code 2s}, {@code 1m}. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A rate in records per second, or {@code max} for flat out (returned as 0). */
    public static final class RateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if ("max".equalsIgnoreCase(value.trim())) {
                return 0.0;
            }
            double rate;
            try {
                rate = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a rate: give records per second (such as"
                        + " 5 or 0.5), or 'max' for flat out");
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new TypeConversionException("'" + value + "' is not a rate: it must be more than 0 records per"
                        + " second, or 'max' for flat out");
            }
            return rate;
        }
    }

    /** {@code at-least-once} or {@code exactly-once}. */
    public static final class DeliveryConverter implements ITypeConverter<dev.kafkaspark.internal.delivery.Delivery> {
        @Override
        public dev.kafkaspark.internal.delivery.Delivery convert(String value) {
            try {
                return dev.kafkaspark.internal.delivery.Delivery.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code zookeeper} or {@code kraft}. */
    public static final class ModeConverter implements ITypeConverter<ClusterMode> {
        @Override
        public ClusterMode convert(String value) {
            try {
                return ClusterMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A TCP port, 0 to 65535 (0: any free port). */
    public static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port;
            try {
                port = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a port: give a number from 0 to 65535"
                        + " (0 picks any free port)");
            }
            if (port < 0 || port > 65535) {
                throw new TypeConversionException("port " + port + " is outside 0-65535 (0 picks any free port)");
            }
            return port;
        }
    }
}
