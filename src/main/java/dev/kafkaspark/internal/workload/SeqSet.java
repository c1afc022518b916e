package dev.kafkaspark.internal.workload;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A set of non-negative sequence numbers as a bitmap that starts at the lowest one seen, so a batch's worth of
 * sequence numbers from a few partitions stays small. It counts additions of numbers already present, and merges
 * with another set word by word.
 */
public final class SeqSet implements Serializable {

    private static final long serialVersionUID = 1L;

    private long baseWord = -1;
    private long[] words = new long[0];
    private long size;
    private long duplicates;

    /** Adds a number; returns {@code false}, and counts a duplicate, when it was there already. */
    public boolean add(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("sequence numbers are non-negative: " + seq);
        }
        long w = seq >>> 6;
        ensure(w, w);
        int i = (int) (w - baseWord);
        long bit = 1L << (seq & 63);
        if ((words[i] & bit) != 0) {
            duplicates++;
            return false;
        }
        words[i] |= bit;
        size++;
        return true;
    }

    /** Whether the number is in the set. */
    public boolean contains(long seq) {
        if (seq < 0 || baseWord < 0) {
            return false;
        }
        long i = (seq >>> 6) - baseWord;
        return i >= 0 && i < words.length && (words[(int) i] & (1L << (seq & 63))) != 0;
    }

    /** How many distinct numbers the set holds. */
    public long size() {
        return size;
    }

    /** How many additions (including merged ones) found their number already present. */
    public long duplicates() {
        return duplicates;
    }

    /**
     * Adds every number of the other set. Numbers present in both count as duplicates, as do the other set's own.
     *
     * @return how many of the other set's numbers were already here
     */
    public long addAll(SeqSet other) {
        duplicates += other.duplicates;
        if (other.baseWord < 0) {
            return 0;
        }
        ensure(other.baseWord, other.baseWord + other.words.length - 1);
        long overlap = 0;
        int offset = (int) (other.baseWord - baseWord);
        for (int j = 0; j < other.words.length; j++) {
            long mine = words[offset + j];
            long theirs = other.words[j];
            overlap += Long.bitCount(mine & theirs);
            long merged = mine | theirs;
            size += Long.bitCount(merged) - Long.bitCount(mine);
            words[offset + j] = merged;
        }
        duplicates += overlap;
        return overlap;
    }

    /** How many numbers of {@code expected} are not in this set. */
    public long countMissing(SeqSet expected) {
        long missing = 0;
        for (int j = 0; j < expected.words.length; j++) {
            long w = expected.baseWord + j;
            long mine = 0;
            long i = w - baseWord;
            if (baseWord >= 0 && i >= 0 && i < words.length) {
                mine = words[(int) i];
            }
            missing += Long.bitCount(expected.words[j] & ~mine);
        }
        return missing;
    }

    /** The smallest number in {@code expected} that is not in this set, or -1 when none is missing. */
    public long firstMissing(SeqSet expected) {
        for (int j = 0; j < expected.words.length; j++) {
            long w = expected.baseWord + j;
            long i = w - baseWord;
            long mine = baseWord >= 0 && i >= 0 && i < words.length ? words[(int) i] : 0;
            long gap = expected.words[j] & ~mine;
            if (gap != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(gap);
            }
        }
        return -1;
    }

    /** The set as bytes: base word, size, duplicates, then the words (big-endian). */
    public byte[] toBytes() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + 8 * words.length);
        b.putLong(baseWord).putLong(size).putLong(duplicates);
        for (long w : words) {
            b.putLong(w);
        }
        return b.array();
    }

    /** The set {@link #toBytes()} wrote. */
    public static SeqSet fromBytes(byte[] bytes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        SeqSet s = new SeqSet();
        s.baseWord = b.getLong();
        s.size = b.getLong();
        s.duplicates = b.getLong();
        s.words = new long[b.remaining() / 8];
        for (int i = 0; i < s.words.length; i++) {
            s.words[i] = b.getLong();
        }
        return s;
    }

    /** A copy that shares nothing with this set. */
    public SeqSet copy() {
        SeqSet c = new SeqSet();
        c.baseWord = baseWord;
        c.words = words.clone();
        c.size = size;
        c.duplicates = duplicates;
        return c;
    }

    private void ensure(long lowWord, long highWord) {
        if (baseWord < 0) {
            baseWord = lowWord;
            words = new long[(int) Math.max(8, highWord - lowWord + 1)];
            return;
        }
        long newBase = Math.min(baseWord, lowWord);
        long newEnd = Math.max(baseWord + words.length, highWord + 1);
        if (newBase == baseWord && newEnd == baseWord + words.length) {
            return;
        }
        long needed = newEnd - newBase;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("sequence numbers span too wide a range: " + (needed << 6));
        }
        // Grow by at least half again, toward the side that needed the room, so steady growth stays cheap.
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, words.length + (words.length >> 1)));
        long[] grown = new long[capacity];
        if (newBase < baseWord) {
            newBase = Math.max(0, newEnd - capacity);
        }
        System.arraycopy(words, 0, grown, (int) (baseWord - newBase), words.length);
        words = grown;
        baseWord = newBase;
    }

    @Override
    public String toString() {
        return "SeqSet[size=" + size + ", duplicates=" + duplicates + ", words=" + words.length + ", base="
                + (baseWord << 6) + ", head=" + Arrays.toString(Arrays.copyOf(words, Math.min(2, words.length)))
                + "]";
    }
}
