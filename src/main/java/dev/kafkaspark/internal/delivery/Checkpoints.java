package dev.kafkaspark.internal.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * A Structured Streaming query's checkpoint directory as this program keeps it: checked before the query starts (it
 * must be writable, and hold nothing, or the checkpoint of the same query on the same topic), marked with what it
 * belongs to, and read to say where a restarted query resumes (Spark's offset and commit logs: one file per batch id,
 * the source's offsets as JSON on the last line).
 */
public final class Checkpoints {

    /** The file this program adds to a checkpoint: which query and topic it belongs to. */
    static final String MARKER = "kafka-spark-demo-query.properties";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoints() {
    }

    /**
     * Makes sure the query can use this directory, and marks it as the query's. Every message names the directory,
     * the problem and the fix.
     *
     * @throws IllegalArgumentException when the directory holds something else, or another query's checkpoint
     * @throws UncheckedIOException when it cannot be created or written
     */
    public static void claim(Path dir, String topic, String queryName) {
        check(dir, topic, queryName);
        try {
            Files.createDirectories(dir);
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker)) {
                Files.writeString(marker, "# the Structured Streaming checkpoint of kafka-spark-demo's query\nquery="
                        + queryName + "\ntopic=" + topic + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the checkpoint directory " + dir + " cannot be written (" + e + "):"
                    + " choose a directory you can write", e);
        }
    }

    /**
     * Checks, without writing, that the query can use this directory.
     *
     * @throws IllegalArgumentException when it cannot, saying why and what to do
     */
    public static void check(Path dir, String topic, String queryName) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("the checkpoint " + dir + " is a file, not a directory: choose a new"
                    + " directory");
        }
        if (Files.isDirectory(dir) && !Files.isWritable(dir)) {
            throw new IllegalArgumentException("the checkpoint directory " + dir + " cannot be written: choose a"
                    + " directory you can write");
        }
        if (!Files.isDirectory(dir) || list(dir).isEmpty()) {
            Path parent = dir.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            if (parent != null && (!Files.isDirectory(parent) || !Files.isWritable(parent))) {
                throw new IllegalArgumentException("the checkpoint directory " + dir + " cannot be created (" + parent
                        + " cannot be written): choose a directory you can write");
            }
            return;
        }
        Path marker = dir.resolve(MARKER);
        if (!Files.exists(marker)) {
            throw new IllegalArgumentException(Files.exists(dir.resolve("metadata"))
                    ? "the checkpoint directory " + dir + " belongs to another Structured Streaming query (one this"
                            + " program did not start): choose a new directory"
                    : "the checkpoint directory " + dir + " is not empty and holds no checkpoint: choose an empty or"
                            + " new directory");
        }
        Properties owner = new Properties();
        try (var in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            owner.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + marker, e);
        }
        String ownTopic = owner.getProperty("topic", "?");
        String ownQuery = owner.getProperty("query", "?");
        if (!ownTopic.equals(topic)) {
            throw new IllegalArgumentException("the checkpoint directory " + dir + " belongs to a query reading topic "
                    + ownTopic + ", not " + topic + ": choose a new directory (or read topic " + ownTopic + ")");
        }
        if (!ownQuery.equals(queryName)) {
            throw new IllegalArgumentException("the checkpoint directory " + dir + " belongs to another query ("
                    + ownQuery + ", not " + queryName + "): choose a new directory");
        }
    }

    /** The id of the last batch whose output the query committed, if any. */
    public static OptionalLong lastCommitted(Path dir) {
        return lastId(dir.resolve("commits"));
    }

    /** The id of the last batch the query planned (its offsets written), if any. */
    public static OptionalLong lastPlanned(Path dir) {
        return lastId(dir.resolve("offsets"));
    }

    /**
     * Where the query resumes: per partition, the end offset of the last committed batch (empty when none was
     * committed: it starts from the earliest offsets).
     */
    public static Map<TopicPartition, Long> committedOffsets(Path dir) {
        OptionalLong last = lastCommitted(dir);
        return last.isPresent() ? offsetsOf(dir, last.getAsLong()) : Map.of();
    }

    /** The end offsets per partition that batch {@code id} of the query's offset log covers. */
    static Map<TopicPartition, Long> offsetsOf(Path dir, long id) {
        Path file = dir.resolve("offsets").resolve(Long.toString(id));
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            // Line 1 is the version, line 2 the batch's metadata, then one line per source: {"topic":{"0":42}}.
            for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
                JsonNode source = JSON.readTree(line);
                for (Iterator<Map.Entry<String, JsonNode>> t = source.fields(); t.hasNext();) {
                    Map.Entry<String, JsonNode> topic = t.next();
                    for (Iterator<Map.Entry<String, JsonNode>> p = topic.getValue().fields(); p.hasNext();) {
                        Map.Entry<String, JsonNode> partition = p.next();
                        offsets.put(new TopicPartition(topic.getKey(), Integer.parseInt(partition.getKey())),
                                partition.getValue().asLong());
                    }
                }
            }
            return offsets;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("could not read batch " + id + " of the checkpoint's offset log " + file
                    + ": " + e.getMessage(), e);
        }
    }

    private static OptionalLong lastId(Path log) {
        if (!Files.isDirectory(log)) {
            return OptionalLong.empty();
        }
        return list(log).stream().map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
                .mapToLong(Long::parseLong).max();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }
}
