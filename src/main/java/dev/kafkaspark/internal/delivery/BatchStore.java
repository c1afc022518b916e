package dev.kafkaspark.internal.delivery;

import dev.kafkaspark.internal.batch.PartitionSummary;
import dev.kafkaspark.internal.workload.SeqSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.streaming.kafka010.OffsetRange;

/**
 * The exactly-once store: one text file per batch holding the batch's output (per partition: record count, first and
 * last sequence number, and the sequence numbers themselves) together with the offset ranges it covers. A file is
 * written under a temporary name and renamed into place, so a batch is in the store entirely or not at all; a
 * restarted stream starts from the end offsets recorded here. Plain text, so a person can read it after the run.
 */
public final class BatchStore {

    /** The first line of every batch file: what it is and which version of the format it follows. */
    static final String HEADER = "kafka-spark-demo exactly-once batch, format 1";
    private static final String PREFIX = "batch-";
    private static final String SUFFIX = ".txt";

    private final Path dir;
    private long written;

    /** Opens (creating if needed) a store in this directory. */
    public BatchStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            Path readme = dir.resolve("README.txt");
            if (!Files.exists(readme)) {
                Files.writeString(readme, """
                        Exactly-once store of kafka-spark-demo: one file per streaming batch.
                        Each file holds the batch's output and the Kafka offsets it covers, written together
                        (to a temporary name, then renamed), so a batch is here completely or not at all.
                        Spark Streaming (DStreams): batch-<time>-<n>.txt; a restarted stream starts from the
                        highest 'until' offset of each partition found here.
                        Structured Streaming: batch-id-<id>.txt, one per micro-batch id; the query's checkpoint
                        (checkpoint/) keeps the offsets, and a batch it replays after a restart replaces its file.

                        Lines:
                          kafka-spark-demo exactly-once batch, format 1
                          batch-id <id>                (Structured Streaming only)
                          batch-time <ISO time>
                          partition <topic> <partition> from <offset> until <offset> records <n> foreign <n>
                                    first-seq <n> last-seq <n> out-of-order <n>
                          seqs <topic> <partition> <sequence numbers: bitmap, deflated, base64>
                        """, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the exactly-once store at " + dir, e);
        }
    }

    /** The store's directory. */
    public Path dir() {
        return dir;
    }

    /** Writes one batch, atomically (a DStream batch: each is a new file). */
    public synchronized void write(long batchTimeMillis, List<PartitionSummary> partitions) {
        write(String.format("%s%d-%06d%s", PREFIX, batchTimeMillis, ++written, SUFFIX), "", batchTimeMillis,
                partitions);
    }

    /**
     * Writes one Structured Streaming micro-batch, atomically, to the file of its batch id: a batch replayed from the
     * query's checkpoint after a restart replaces its earlier file, so the output holds it once.
     */
    public synchronized void write(long batchId, long batchTimeMillis, List<PartitionSummary> partitions) {
        write(String.format("%sid-%09d%s", PREFIX, batchId, SUFFIX), "batch-id " + batchId + "\n", batchTimeMillis,
                partitions);
    }

    private void write(String name, String idLine, long batchTimeMillis, List<PartitionSummary> partitions) {
        StringBuilder b = new StringBuilder(HEADER).append('\n').append(idLine);
        b.append("batch-time ").append(Instant.ofEpochMilli(batchTimeMillis)).append('\n');
        for (PartitionSummary p : partitions) {
            OffsetRange r = p.range();
            b.append("partition ").append(r.topic()).append(' ').append(r.partition())
                    .append(" from ").append(r.fromOffset()).append(" until ").append(r.untilOffset())
                    .append(" records ").append(p.count()).append(" foreign ").append(p.foreign())
                    .append(" first-seq ").append(p.firstSeq()).append(" last-seq ").append(p.lastSeq())
                    .append(" out-of-order ").append(p.orderViolations()).append('\n');
        }
        for (PartitionSummary p : partitions) {
            if (p.seqs().size() > 0) {
                b.append("seqs ").append(p.range().topic()).append(' ').append(p.partition()).append(' ')
                        .append(Base64.getEncoder().encodeToString(deflate(p.seqs().toBytes()))).append('\n');
            }
        }
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        try {
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IllegalStateException("the exactly-once store needs a file system with atomic renames: "
                        + dir, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write batch " + name + " to " + dir, e);
        }
    }

    /** Every stored batch's partitions, oldest first. */
    public synchronized List<List<PartitionSummary>> readAll() {
        List<List<PartitionSummary>> batches = new ArrayList<>();
        for (Path file : files()) {
            batches.add(read(file));
        }
        return batches;
    }

    /** Where a restarted stream starts: per partition, the highest end offset stored. */
    public synchronized Map<TopicPartition, Long> offsets() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (List<PartitionSummary> batch : readAll()) {
            for (PartitionSummary p : batch) {
                offsets.merge(new TopicPartition(p.range().topic(), p.partition()), p.range().untilOffset(),
                        Math::max);
            }
        }
        return offsets;
    }

    /** How many batches are stored. */
    public synchronized int size() {
        return files().size();
    }

    private List<Path> files() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith(PREFIX)
                    && f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    private static List<PartitionSummary> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IllegalStateException(file + " is not a batch file of this version (its first line should be '"
                    + HEADER + "', not '" + (lines.isEmpty() ? "" : lines.get(0)) + "'): it was written by another"
                    + " version or is damaged; use a new store directory");
        }
        try {
            Map<String, SeqSet> seqs = new HashMap<>();
            for (String line : lines) {
                if (line.startsWith("seqs ")) {
                    String[] f = line.split(" ");
                    seqs.put(f[1] + " " + f[2], SeqSet.fromBytes(inflate(Base64.getDecoder().decode(f[3]))));
                }
            }
            List<PartitionSummary> parts = new ArrayList<>();
            for (String line : lines) {
                if (line.startsWith("partition ")) {
                    String[] f = line.split(" ");
                    Map<String, Long> v = new HashMap<>();
                    for (int i = 3; i + 1 < f.length; i += 2) {
                        v.put(f[i], Long.parseLong(f[i + 1]));
                    }
                    OffsetRange range = OffsetRange.create(f[1], Integer.parseInt(f[2]), field(v, "from"),
                            field(v, "until"));
                    parts.add(PartitionSummary.restored(range, field(v, "records"), field(v, "foreign"),
                            seqs.getOrDefault(f[1] + " " + f[2], new SeqSet()), field(v, "first-seq"),
                            field(v, "last-seq"), field(v, "out-of-order")));
                }
            }
            return parts;
        } catch (RuntimeException e) {
            throw new IllegalStateException("batch file " + file + " is damaged (" + e.getMessage() + "); use a new"
                    + " store directory", e);
        }
    }

    private static long field(Map<String, Long> values, String name) {
        Long v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no '" + name + "' in a partition line");
        }
        return v;
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] inflate(byte[] data) {
        Inflater i = new Inflater();
        try {
            i.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
            byte[] buf = new byte[64 * 1024];
            while (!i.finished()) {
                int n = i.inflate(buf);
                if (n == 0 && (i.needsInput() || i.needsDictionary())) {
                    throw new IllegalStateException("a stored sequence set is truncated");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored sequence set is damaged: " + e.getMessage(), e);
        } finally {
            i.end();
        }
    }
}
