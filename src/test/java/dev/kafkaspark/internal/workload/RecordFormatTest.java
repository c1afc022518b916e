package dev.kafkaspark.internal.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

    private final RecordFormat format = new RecordFormat(4, 0, ZoneOffset.UTC);

    @Test
    void valuesAreReadableAndCarrySequenceAndTime() {
        String key = format.key(42);
        assertThat(key).isEqualTo("key-2");
        // 2026-11-25T18:20:01.007Z
        String value = format.value(42, key, 1_795_630_801_007L);
        assertThat(value).isEqualTo("seq=42 key=key-2 at=18:20:01.007");
        assertThat(RecordFormat.parseSeq(value)).isEqualTo(42);
    }

    @Test
    void padsToTheRequestedSize() {
        RecordFormat padded = new RecordFormat(10, 100, ZoneOffset.UTC);
        String value = padded.value(7, padded.key(7), 0);
        assertThat(value).hasSize(100).startsWith("seq=7 key=key-7 at=00:00:00.000.");
        assertThat(RecordFormat.parseSeq(value)).isEqualTo(7);
    }

    @Test
    void otherValuesAreNotOurs() {
        assertThat(RecordFormat.parseSeq((String) null)).isEqualTo(-1);
        assertThat(RecordFormat.parseSeq((byte[]) null)).isEqualTo(-1);
        for (String other : new String[] {"hello world", "seq=", "seq", "", "SEQ=1", "seq=12x", "seq= 1",
                "seq=99999999999999999999", "seq=-1"}) {
            assertThat(RecordFormat.parseSeq(other)).as(other).isEqualTo(-1);
            assertThat(RecordFormat.parseSeq(other.getBytes(StandardCharsets.UTF_8))).as(other).isEqualTo(-1);
        }
    }

    @Test
    void theSequenceNumberReadsTheSameFromTextAndFromBytes() {
        RecordFormat padded = new RecordFormat(10, 100, ZoneOffset.UTC);
        for (long seq : new long[] {0, 12, 7_000_000_000L, Long.MAX_VALUE / 10}) {
            String value = padded.value(seq, padded.key(seq), 0);
            assertThat(RecordFormat.parseSeq(value)).isEqualTo(seq);
            assertThat(RecordFormat.parseSeq(value.getBytes(StandardCharsets.UTF_8))).isEqualTo(seq);
        }
        assertThat(RecordFormat.parseSeq("seq=12".getBytes(StandardCharsets.UTF_8))).isEqualTo(12);
    }

    @Test
    void theSequenceNumberReadsTheSameWhereSparkHoldsTheBytes() {
        RecordFormat padded = new RecordFormat(10, 100, ZoneOffset.UTC);
        String value = padded.value(4321, padded.key(4321), 0);
        // A view into a larger buffer, as a row's bytes are: it must read only its own bytes.
        byte[] buffer = ("xx" + value + "seq=9").getBytes(StandardCharsets.UTF_8);
        UTF8String view = UTF8String.fromBytes(buffer, 2, value.length());
        assertThat(RecordFormat.parseSeq(view)).isEqualTo(4321);
        assertThat(RecordFormat.parseSeq(UTF8String.fromString("seq=77"))).isEqualTo(77);
        assertThat(RecordFormat.parseSeq(UTF8String.fromString("hello"))).isEqualTo(-1);
        assertThat(RecordFormat.parseSeq((UTF8String) null)).isEqualTo(-1);
    }

    @Test
    void keysTakeTurns() {
        assertThat(format.key(0)).isEqualTo("key-0");
        assertThat(format.key(3)).isEqualTo("key-3");
        assertThat(format.key(4)).isEqualTo("key-0");
    }
}
