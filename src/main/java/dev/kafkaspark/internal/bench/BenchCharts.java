package dev.kafkaspark.internal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's charts, as inline SVG (no script, no network): what each figure means rather than one bar per number.
 * The start-up phases as a timeline (they overlap), latency as a percentile curve on a log scale with each target
 * marked, and the throughput run batch by batch (producer and Spark, the lag below).
 */
final class BenchCharts {

    private static final int WIDTH = 760;
    private static final int LEFT = 150;
    private static final int RIGHT = 30;
    private static final String[] COLORS = {"#4a78b5", "#d0803a", "#4f9a58"};
    /** The run-by-run timeline's first batch: apart from the green of the first acknowledgement. */
    static final String FIRST_BATCH = "#9b8bc4";

    private BenchCharts() {
    }

    /** The 2 s start-up's phases (medians) as bars on one time axis: Spark starts alongside ZooKeeper. */
    static String timeline(JsonNode phases) {
        long zk = median(phases, "zookeeper_ready_ms");
        long broker = median(phases, "broker_ready_ms");
        long topic = median(phases, "topic_ready_ms");
        long spark = median(phases, "spark_ready_ms");
        long first = median(phases, "first_batch_ms");
        String[] labels = {"ZooKeeper", "Kafka broker", "topic", "Spark context", "first batch with records"};
        long[][] spans = {{0, zk}, {zk, broker}, {broker, topic}, {0, spark}, {Math.max(spark, topic), first}};
        int rowH = 26;
        int height = 40 + rowH * labels.length + 30;
        // Room on the right for the last bar's label.
        double scale = (WIDTH - LEFT - RIGHT - 70) / (double) Math.max(1, first);
        StringBuilder b = open(height);
        axis(b, 40 + rowH * labels.length, first, scale, "ms since the JVM started");
        for (int i = 0; i < labels.length; i++) {
            int y = 40 + i * rowH;
            double x = LEFT + spans[i][0] * scale;
            double w = Math.max(1, (spans[i][1] - spans[i][0]) * scale);
            b.append(text(LEFT - 8, y + 15, "end", labels[i]));
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>"
                    + "%n", x, y, w, i == 3 ? COLORS[1] : COLORS[0]));
            b.append(text((int) (x + w + 6), y + 14, "start", String.format(Locale.ROOT, "%,d ms", spans[i][1])));
        }
        return b.append("</svg>\n").toString();
    }

    /**
     * Each start-up run on one time axis: the parts' phases as thin bars, the first batch Spark ran (its trigger) as a
     * red tick, the producer's first acknowledged record as a green one, and the first batch with records as the end
     * of the run's last bar. A red tick before the green one is a lost interval: that batch was empty, and the records
     * waited for the next.
     */
    static String runs(String title, JsonNode runs) {
        long max = 1;
        for (JsonNode run : runs) {
            max = Math.max(max, run.path("first_batch_ms").asLong());
        }
        int rowH = 30;
        int top = 24;
        int height = top + rowH * runs.size() + 44;
        double scale = (WIDTH - LEFT - RIGHT - 60) / (double) max;
        StringBuilder b = open(height);
        b.append(text(LEFT, 14, "start", title));
        int row = 0;
        for (JsonNode run : runs) {
            int y = top + row++ * rowH;
            long zk = run.path("zookeeper_ready_ms").asLong();
            long broker = run.path("broker_ready_ms").asLong();
            long topic = run.path("topic_ready_ms").asLong();
            long spark = run.path("spark_ready_ms").asLong();
            long first = run.path("first_batch_ms").asLong();
            b.append(text(LEFT - 8, y + 15, "end", "run " + row));
            long[][] spans = {{0, zk}, {zk, broker}, {broker, topic}, {topic, Math.max(topic, spark)},
                {Math.max(topic, spark), first}};
            String[] colors = {COLORS[0], "#6f95c8", "#97b4da", COLORS[1], FIRST_BATCH};
            for (int i = 0; i < spans.length; i++) {
                b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\""
                        + " fill=\"%s\"/>%n", LEFT + spans[i][0] * scale, y + 4,
                        Math.max(1, (spans[i][1] - spans[i][0]) * scale), colors[i]));
            }
            mark(b, run.path("first_trigger_ms").asLong(), scale, y, "#c0392b");
            mark(b, run.path("first_ack_ms").asLong(), scale, y, "#1e8449");
            b.append(text((int) (LEFT + first * scale + 6), y + 15, "start", String.format(Locale.ROOT, "%,d ms",
                    first)));
        }
        axis(b, top + rowH * runs.size() + 4, max, scale, "ms since the JVM started");
        return b.append("</svg>\n").toString();
    }

    private static void mark(StringBuilder b, long ms, double scale, int y, String color) {
        if (ms > 0) {
            double x = LEFT + ms * scale;
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-width=\"3\"/>%n", x, y, x, y + 22, color));
        }
    }

    /** Each batch interval's latency distribution: ms against percentile, the x axis as 1/(1-p) on a log scale. */
    static String percentiles(JsonNode latency, long[] intervals) {
        int top = 30;
        int plotH = 260;
        long maxMs = 1;
        for (long interval : intervals) {
            JsonNode l = latency.get(Long.toString(interval));
            maxMs = Math.max(maxMs, Math.max(l.get("max").asLong(), l.get("target_p99_ms").asLong()));
        }
        double xMax = Math.log10(1e5);
        double sx = (WIDTH - LEFT - RIGHT) / xMax;
        double sy = plotH / (double) maxMs;
        StringBuilder b = open(top + plotH + 60 + 20 * intervals.length);
        int base = top + plotH;
        for (String[] tick : new String[][] {{"0", "0"}, {"90", "1"}, {"99", "2"}, {"99.9", "3"}, {"99.99", "4"},
            {"max", "5"}}) {
            double x = LEFT + Double.parseDouble(tick[1]) * sx;
            b.append(line(x, top, x, base, "#ddd", false)).append(text((int) x, base + 16, "middle",
                    tick[0].equals("0") ? "p0" : tick[0].equals("max") ? "max" : "p" + tick[0]));
        }
        b.append(line(LEFT, base, WIDTH - RIGHT, base, "#888", false));
        b.append(text(LEFT - 8, top + 5, "end", String.format(Locale.ROOT, "%,d ms", maxMs)));
        b.append(text(LEFT - 8, base, "end", "0"));
        for (int i = 0; i < intervals.length; i++) {
            JsonNode l = latency.get(Long.toString(intervals[i]));
            String color = COLORS[i % COLORS.length];
            List<String> pts = new ArrayList<>();
            for (JsonNode p : l.path("curve")) {
                double pct = p.get("percentile").asDouble();
                double x = pct >= 100 ? xMax : Math.log10(1 / (1 - pct / 100));
                pts.add(String.format(Locale.ROOT, "%.1f,%.1f", LEFT + x * sx, base - p.get("ms").asLong() * sy));
            }
            b.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                    .append(String.join(" ", pts)).append("\"/>\n");
            double ty = base - l.get("target_p99_ms").asLong() * sy;
            b.append(line(LEFT + 2 * sx, ty, WIDTH - RIGHT, ty, color, true));
            b.append(text(LEFT, base + 40 + 20 * i, "start", String.format(Locale.ROOT,
                    "%d ms batches (dashed: the p99 target, %,d ms, from p99 on)", intervals[i],
                    l.get("target_p99_ms").asLong()))).append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/>%n", LEFT - 18,
                    base + 34 + 20 * i, color));
        }
        return b.append("</svg>\n").toString();
    }

    /** The throughput run batch by batch: records/s of the producer and of Spark, and the lag below. */
    static String run(JsonNode batches) {
        int n = batches.size();
        if (n < 2) {
            return "<p>(no batches recorded)</p>\n";
        }
        double[] at = new double[n];
        double[] producer = new double[n];
        double[] spark = new double[n];
        double[] lag = new double[n];
        double maxRate = 1;
        double maxLag = 1;
        for (int i = 0; i < n; i++) {
            JsonNode p = batches.get(i);
            at[i] = p.get("atMs").asDouble() / 1000;
            lag[i] = Math.max(0, p.get("producedTotal").asDouble() - p.get("processedTotal").asDouble());
            if (i > 0) {
                double dt = Math.max(0.001, at[i] - at[i - 1]);
                producer[i] = (p.get("producedTotal").asDouble() - batches.get(i - 1).get("producedTotal")
                        .asDouble()) / dt;
                spark[i] = p.get("records").asDouble() / dt;
            }
            maxRate = Math.max(maxRate, Math.max(producer[i], spark[i]));
            maxLag = Math.max(maxLag, lag[i]);
        }
        int top = 20;
        int rateH = 200;
        int gap = 40;
        int lagH = 100;
        double sx = (WIDTH - LEFT - RIGHT) / Math.max(0.001, at[n - 1] - at[0]);
        StringBuilder b = open(top + rateH + gap + lagH + 70);
        int rateBase = top + rateH;
        int lagBase = rateBase + gap + lagH;
        b.append(line(LEFT, rateBase, WIDTH - RIGHT, rateBase, "#888", false));
        b.append(line(LEFT, lagBase, WIDTH - RIGHT, lagBase, "#888", false));
        b.append(text(LEFT - 8, top + 5, "end", String.format(Locale.ROOT, "%,.0f /s", maxRate)));
        b.append(text(LEFT - 8, rateBase, "end", "0 /s"));
        b.append(text(LEFT - 8, rateBase + gap + 5, "end", String.format(Locale.ROOT, "lag %,.0f", maxLag)));
        b.append(text(LEFT - 8, lagBase, "end", "0"));
        b.append(polyline(at, producer, 1, n, sx, rateH / maxRate, rateBase, COLORS[0], at[0]));
        b.append(polyline(at, spark, 1, n, sx, rateH / maxRate, rateBase, COLORS[1], at[0]));
        b.append(polyline(at, lag, 0, n, sx, lagH / maxLag, lagBase, COLORS[2], at[0]));
        b.append(text(LEFT, lagBase + 20, "start", String.format(Locale.ROOT, "seconds since the JVM started:"
                + " %.1f to %.1f", at[0], at[n - 1])));
        b.append(text(LEFT, lagBase + 40, "start", "blue: producer (acknowledged), orange: Spark (processed),"
                + " green: lag (acknowledged, not yet processed)"));
        return b.append("</svg>\n").toString();
    }

    private static String polyline(double[] x, double[] y, int from, int n, double sx, double sy, int base,
            String color, double x0) {
        List<String> pts = new ArrayList<>();
        for (int i = from; i < n; i++) {
            pts.add(String.format(Locale.ROOT, "%.1f,%.1f", LEFT + (x[i] - x0) * sx, base - y[i] * sy));
        }
        return "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\" points=\"" + String.join(" ", pts)
                + "\"/>\n";
    }

    private static long median(JsonNode phases, String key) {
        return phases.get(key).get("median").asLong();
    }

    private static StringBuilder open(int height) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
    }

    private static void axis(StringBuilder b, int y, long max, double scale, String label) {
        b.append(line(LEFT, y, WIDTH - RIGHT, y, "#888", false));
        long step = max > 8000 ? 2000 : 1000;
        for (long t = 0; t <= max; t += step) {
            double x = LEFT + t * scale;
            b.append(line(x, y, x, y + 4, "#888", false)).append(text((int) x, y + 16, "middle",
                    String.format(Locale.ROOT, "%,d", t)));
        }
        b.append(text(WIDTH - RIGHT, y + 30, "end", label));
    }

    private static String line(double x1, double y1, double x2, double y2, String color, boolean dashed) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x1, y1, x2, y2, color, dashed ? " stroke-dasharray=\"6 4\"" : "");
    }

    private static String text(int x, int y, String anchor, String s) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>%n", x, y, anchor,
                s.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
