package dev.kafkaspark.internal.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Median, minimum and maximum of a few runs: how every figure of the benchmark is reported. */
public record Stats(double median, double min, double max, int runs) {

    /** The statistics of the values (at least one). */
    public static Stats of(List<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Stats(median, v[0], v[n - 1], n);
    }

    /** A single value. */
    public static Stats single(double value) {
        return new Stats(value, value, value, 1);
    }

    /** As the bench's JSON has every such figure: median, min, max and runs. */
    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("median", median).put("min", min).put("max", max)
                .put("runs", runs);
    }

    /** {@code median [min-max]}, or just the value for one run, with no decimals. */
    public String format() {
        if (runs == 1) {
            return String.format("%,.0f", median);
        }
        return String.format("%,.0f [%,.0f-%,.0f]", median, min, max);
    }
}
