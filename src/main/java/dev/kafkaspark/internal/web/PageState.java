package dev.kafkaspark.internal.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaspark.internal.batch.BatchReport;
import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.events.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the page knows, as the JSON messages it is sent: each {@link Event} becomes one message, and the state a page
 * that opens later needs is kept, bounded: the latest partition table, pipeline sample and summary, the last batches,
 * the timeline, and the samples behind the charts (a quarter of an hour at one a second).
 */
final class PageState {

    static final int BATCHES = 30;
    static final int TIMELINE = 300;
    static final int SERIES = 900;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode hello;
    private String partitions;
    private String progress;
    private String summary;
    private String end;
    private String kafka;
    private final Deque<String> batches = new ArrayDeque<>();
    private final Deque<String> timeline = new ArrayDeque<>();
    private final Deque<String> series = new ArrayDeque<>();

    /** @param hello what the page is about: its kind, the run's settings, the actions it offers */
    PageState(ObjectNode hello) {
        this.hello = hello.put("type", "hello");
    }

    /** The message for an event (empty: the page shows nothing of it), remembered for pages that open later. */
    synchronized Optional<String> apply(Event event) {
        ObjectNode m = message(event);
        if (m == null) {
            return Optional.empty();
        }
        String json = m.toString();
        String type = m.get("type").asText();
        switch (type) {
            case "partitions" -> {
                partitions = json;
                if (m.get("changed").asBoolean()) {
                    keep(timeline, json, TIMELINE);
                }
            }
            case "batch" -> keep(batches, json, BATCHES);
            case "status" -> keep(series, json, SERIES);
            case "progress" -> {
                progress = json;
                keep(series, json, SERIES);
            }
            case "summary" -> summary = json;
            default -> keep(timeline, json, TIMELINE);
        }
        return Optional.of(json);
    }

    /** A message of the page's own (the end of the run, a button's outcome), remembered when it is the end. */
    synchronized String own(ObjectNode m) {
        String json = m.toString();
        if ("end".equals(m.path("type").asText())) {
            end = json;
        } else if ("kafka".equals(m.path("type").asText())) {
            kafka = json;
        } else {
            keep(timeline, json, TIMELINE);
        }
        return json;
    }

    /** Everything a page that opens now needs, in order. */
    synchronized List<String> snapshot() {
        List<String> all = new ArrayList<>();
        all.add(hello.toString());
        all.addAll(series);
        all.addAll(timeline);
        if (partitions != null) {
            all.add(partitions);
        }
        if (progress != null) {
            all.add(progress);
        }
        if (kafka != null) {
            all.add(kafka);
        }
        all.addAll(batches);
        if (summary != null) {
            all.add(summary);
        }
        if (end != null) {
            all.add(end);
        }
        return all;
    }

    private static void keep(Deque<String> history, String json, int limit) {
        history.addLast(json);
        while (history.size() > limit) {
            history.removeFirst();
        }
    }

    static ObjectNode object(String type, long at) {
        return JSON.createObjectNode().put("type", type).put("at", at);
    }

    /** An event as the page's message, or null when the page shows nothing of it. */
    static ObjectNode message(Event event) {
        if (event instanceof Event.Step e) {
            return object("step", e.at()).put("text", e.text());
        } else if (event instanceof Event.PartStarted e) {
            return object("started", e.at()).put("part", e.part()).put("address", e.address()).put("text", e.text());
        } else if (event instanceof Event.PartStopped e) {
            return object("stopped", e.at()).put("part", e.part()).put("text", e.text());
        } else if (event instanceof Event.ScenarioStep e) {
            return object("scenario", e.at()).put("text", e.text());
        } else if (event instanceof Event.Access e) {
            return object("access", e.at()).put("user", e.user()).put("operation", e.operation())
                    .put("resource", e.resource()).put("granted", e.granted()).put("text", e.text());
        } else if (event instanceof Event.PartitionTable e) {
            ObjectNode m = object("partitions", e.at()).put("topic", e.topic()).put("changed", e.changed());
            rows(m.putArray("rows"), e.rows());
            e.stopped().forEach(m.putArray("stopped")::add);
            return m;
        } else if (event instanceof Event.BatchCompleted e) {
            return batch(e.at(), e.report(), e.samples());
        } else if (event instanceof Event.StatusSample e) {
            ObjectNode m = object("status", e.at()).put("in", e.inPerSecond()).put("out", e.outPerSecond())
                    .put("processingMs", e.processingMillis()).put("delayMs", e.schedulingDelayMillis());
            if (e.lag() != null) {
                putMap(m.putObject("lag"), e.lag());
            }
            return m;
        } else if (event instanceof Event.Progress e) {
            ObjectNode m = object("progress", e.at()).put("sent", e.sent()).put("acknowledged", e.acknowledged())
                    .put("retries", e.retries()).put("failed", e.failed()).put("controller", e.controller())
                    .put("kraft", e.kraft());
            rows(m.putArray("partitions"), e.partitions());
            putMap(m.putObject("end"), e.endOffsets());
            if (e.reached() != null) {
                putMap(m.putObject("reached"), e.reached());
            }
            ArrayNode brokers = m.putArray("brokers");
            e.brokers().forEach(b -> brokers.addObject().put("id", b.id()).put("address", b.address())
                    .put("running", b.running()));
            e.voters().forEach(m.putArray("voters")::add);
            return m;
        } else if (event instanceof Event.Summary e) {
            ObjectNode m = object("summary", e.at());
            e.lines().forEach(m.putArray("lines")::add);
            return m;
        }
        return null; // Text: a command's own output, not part of the pipeline's story
    }

    private static ObjectNode batch(long at, BatchReport report, int samples) {
        ObjectNode m = object("batch", at).put("time", report.batchTimeMillis()).put("records", report.count())
                .put("doneAfterMs", report.finishedMillis() - report.batchTimeMillis());
        if (report.batchId() >= 0) {
            m.put("id", report.batchId());
        }
        ArrayNode ranges = m.putArray("ranges");
        for (PartitionSummary p : report.partitions()) {
            ranges.addObject().put("partition", p.partition()).put("from", p.range().fromOffset())
                    .put("until", p.range().untilOffset()).put("count", p.count());
        }
        ArrayNode first = m.putArray("samples");
        for (PartitionSummary.Sample s : report.samples(samples)) {
            first.addObject().put("partition", s.partition()).put("offset", s.offset()).put("key", s.key())
                    .put("value", s.value().length() > 200 ? s.value().substring(0, 200) + "..." : s.value());
        }
        return m;
    }

    private static void rows(ArrayNode target, List<Event.PartitionRow> rows) {
        for (Event.PartitionRow r : rows) {
            ObjectNode row = target.addObject().put("partition", r.partition()).put("leader", r.leader());
            r.replicas().forEach(row.putArray("replicas")::add);
            r.isr().forEach(row.putArray("isr")::add);
        }
    }

    private static void putMap(ObjectNode target, Map<Integer, Long> values) {
        values.forEach((k, v) -> {
            if (v != null) {
                target.put(Integer.toString(k), v);
            }
        });
    }
}
