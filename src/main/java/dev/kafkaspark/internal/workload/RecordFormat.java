package dev.kafkaspark.internal.workload;

import java.time.ZoneId;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The synthetic records: key {@code key-<n>}, value {@code seq=<n> key=<key> at=<HH:mm:ss.SSS>}, padded with dots to
 * a chosen size. People can read them; the pipeline reads the sequence number back to check delivery.
 */
public final class RecordFormat {

    private static final String SEQ = "seq=";

    /** Reads the sequence numbers of this format's values, where they come. */
    public static final SequenceReader SEQUENCES = new Sequences();

    private final int keys;
    private final int valueSize;
    private final long zoneOffsetMillis;
    private final String padding;
    // The producer asks for a key per record: with up to this many keys they are made once.
    private static final int CACHED_KEYS = 100_000;
    private final String[] keyNames;
    // The producer formats many records per millisecond: keep the last time of day it wrote.
    private long lastMillis = Long.MIN_VALUE;
    private String lastTimeOfDay = "";

    /**
     * @param keys how many distinct keys (at least 1)
     * @param valueSize pad values with dots to this many characters (0: no padding)
     * @param zone the zone the readable time of day is shown in
     */
    public RecordFormat(int keys, int valueSize, ZoneId zone) {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be at least 1, not " + keys);
        }
        if (valueSize < 0) {
            throw new IllegalArgumentException("value size must not be negative, not " + valueSize);
        }
        this.keys = keys;
        this.valueSize = valueSize;
        this.zoneOffsetMillis = zone.getRules().getOffset(java.time.Instant.now()).getTotalSeconds() * 1000L;
        this.padding = ".".repeat(valueSize);
        this.keyNames = keys <= CACHED_KEYS ? new String[keys] : null;
        if (keyNames != null) {
            for (int i = 0; i < keys; i++) {
                keyNames[i] = "key-" + i;
            }
        }
    }

    /** The key of record {@code seq}: keys take turns, so each appears equally often. */
    public String key(long seq) {
        int k = (int) (seq % keys);
        return keyNames != null ? keyNames[k] : "key-" + k;
    }

    /** The value of record {@code seq} sent at {@code timestampMillis}. */
    public String value(long seq, String key, long timestampMillis) {
        StringBuilder b = new StringBuilder(Math.max(48, valueSize));
        b.append(SEQ).append(seq).append(" key=").append(key).append(" at=").append(timeOfDay(timestampMillis));
        if (b.length() < valueSize) {
            b.append(padding, 0, valueSize - b.length());
        }
        return b.toString();
    }

    private synchronized String timeOfDay(long timestampMillis) {
        if (timestampMillis != lastMillis) {
            StringBuilder t = new StringBuilder(12);
            appendTimeOfDay(t, Math.floorMod(timestampMillis + zoneOffsetMillis, 86_400_000L));
            lastTimeOfDay = t.toString();
            lastMillis = timestampMillis;
        }
        return lastTimeOfDay;
    }

    private static void appendTimeOfDay(StringBuilder b, long ms) {
        two(b, ms / 3_600_000).append(':');
        two(b, ms / 60_000 % 60).append(':');
        two(b, ms / 1000 % 60).append('.');
        long milli = ms % 1000;
        if (milli < 100) {
            b.append('0');
        }
        if (milli < 10) {
            b.append('0');
        }
        b.append(milli);
    }

    private static StringBuilder two(StringBuilder b, long v) {
        if (v < 10) {
            b.append('0');
        }
        return b.append(v);
    }

    /** The sequence number in a value of this format, or -1 when the value is something else. */
    public static long parseSeq(String value) {
        return value == null ? -1 : parseSeq(value.length(), value::charAt);
    }

    /**
     * The sequence number in a value of this format as the producer sent it (its UTF-8 bytes), or -1: what the
     * streaming job reads, so a record's value becomes a string only when it is shown.
     */
    public static long parseSeq(byte[] value) {
        return value == null ? -1 : parseSeq(value.length, i -> (char) value[i]);
    }

    /**
     * The sequence number in a value of this format, read where Spark keeps it (a row's bytes, not copied), or -1.
     */
    public static long parseSeq(UTF8String value) {
        if (value == null) {
            return -1;
        }
        Object base = value.getBaseObject();
        long start = value.getBaseOffset();
        return parseSeq(value.numBytes(), i -> (char) Platform.getByte(base, start + i));
    }

    /** The characters of a value, whichever form it comes in. */
    @FunctionalInterface
    private interface Chars {
        char at(int index);
    }

    private static long parseSeq(int end, Chars chars) {
        int i = SEQ.length();
        if (end <= i) {
            return -1;
        }
        for (int j = 0; j < i; j++) {
            if (chars.at(j) != SEQ.charAt(j)) {
                return -1;
            }
        }
        long seq = 0;
        for (; i < end; i++) {
            char c = chars.at(i);
            if (c == ' ') {
                break;
            }
            if (c < '0' || c > '9' || seq > (Long.MAX_VALUE - 9) / 10) {
                return -1;
            }
            seq = seq * 10 + (c - '0');
        }
        return i == SEQ.length() ? -1 : seq;
    }

    /** {@link #SEQUENCES}: stateless, so every copy Spark ships to an executor is the same. */
    private static final class Sequences implements SequenceReader {
        private static final long serialVersionUID = 1L;

        @Override
        public long seq(byte[] value) {
            return parseSeq(value);
        }

        @Override
        public long seq(UTF8String value) {
            return parseSeq(value);
        }
    }
}
