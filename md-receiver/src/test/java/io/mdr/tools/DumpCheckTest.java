package io.mdr.tools;

import io.mdr.feed.Channel;
import io.mdr.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpCheckTest {

    @Test
    void aCompleteJournalWithAGapRecordPasses(@TempDir Path dir) {
        write(dir, new long[] {1, 2, 3}, new long[] {4, 6}, new long[] {7, 8});
        String out = check(dir, 0);
        assertTrue(out.contains("test: 5 messages (0 recovered), sequences 1..8, 1 gaps (3 messages), 0 repeated or out of order, 0 missing: OK"), out);
    }

    @Test
    void aRepeatedOrMissingMessageFailsAndIsDescribed(@TempDir Path dir) {
        write(dir, new long[] {1, 2, 3}, null, new long[] {3, 5});
        String out = check(dir, 1);
        assertTrue(out.contains("sequence 3 after 3 (repeated or out of order)"), out);
        assertTrue(out.contains("sequences 4..4 missing with no gap record"), out);
        assertTrue(out.contains("NOT OK"), out);
    }

    @Test
    void fromStartsAtTheGivenSequenceEvenInsideARecord(@TempDir Path dir) {
        Channel channel = new Channel(0, "test", 1, "S");
        UnsafeBuffer blocks = new UnsafeBuffer(new byte[3 * 21]);
        for (int i = 0; i < 3; i++) {
            blocks.putShort(i * 21, (short) 19, ByteOrder.BIG_ENDIAN);
            blocks.putByte(i * 21 + 2, (byte) 'D');
        }
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY")) {
            writer.writeChannel(channel);
            for (long first = 1; first <= 10; first += 3) {
                writer.writeMessages(channel, 0, first, 3, blocks, 0, blocks.capacity(), 1);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = DumpMain.run(new String[] {"--queue", dir.resolve("j").toString(), "--from", "5"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, rc);
        java.util.List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(8, lines.size(), String.join("\n", lines));
        assertTrue(lines.getFirst().contains("\"seq\":5,"), lines.getFirst());
        assertTrue(lines.getLast().contains("\"seq\":12,"), lines.getLast());
    }

    @Test
    void aNewSessionOfAChannelIsCheckedOnItsOwn(@TempDir Path dir) {
        UnsafeBuffer block = new UnsafeBuffer(new byte[21]);
        block.putShort(0, (short) 19, ByteOrder.BIG_ENDIAN);
        block.putByte(2, (byte) 'D');
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY")) {
            Channel first = new Channel(0, "test", 1, "S1");
            writer.writeChannel(first);
            for (long seq = 1; seq <= 3; seq++) {
                writer.writeMessages(first, 0, seq, 1, block, 0, 21, 1);
            }
            Channel second = new Channel(0, "test", 1, "S2");
            writer.writeChannel(second);
            for (long seq = 1; seq <= 2; seq++) {
                writer.writeMessages(second, 0, seq, 1, block, 0, 21, 1);
            }
            writer.writeGap(second, 3, 4, 1);
            writer.writeMessages(second, 0, 5, 1, block, 0, 21, 1);
        }
        String out = check(dir, 0);
        assertTrue(out.contains("test (session S1): 3 messages (0 recovered), sequences 1..3, 0 gaps (0 messages), 0 repeated or out of order, 0 missing: OK"), out);
        assertTrue(out.contains("test (session S2): 3 messages (0 recovered), sequences 1..5, 1 gaps (2 messages), 0 repeated or out of order, 0 missing: OK"), out);
    }

    @Test
    void eightByteIntegersPrintUnsigned(@TempDir Path dir) {
        Channel channel = new Channel(0, "test", 1, "S");
        UnsafeBuffer block = new UnsafeBuffer(new byte[21]);
        block.putShort(0, (short) 19, ByteOrder.BIG_ENDIAN);
        block.putByte(2, (byte) 'D');
        block.putLong(2 + 11, -2L, ByteOrder.BIG_ENDIAN); // order reference number 2^64 - 2
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY")) {
            writer.writeChannel(channel);
            writer.writeMessages(channel, 0, 1, 1, block, 0, 21, 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, DumpMain.run(new String[] {"--queue", dir.resolve("j").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8)));
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.contains("\"orderReferenceNumber\":18446744073709551614}"), line);
    }

    private static String check(Path dir, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = DumpMain.run(new String[] {"--queue", dir.resolve("j").toString(), "--check"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, rc, text);
        return text;
    }

    /** Messages, then an optional gap {from, to}, then more messages, each run as consecutive sequences. */
    private static void write(Path dir, long[] before, long[] gap, long[] after) {
        Channel channel = new Channel(0, "test", 1, "S");
        UnsafeBuffer block = new UnsafeBuffer(new byte[21]);
        block.putShort(0, (short) 19, ByteOrder.BIG_ENDIAN);
        block.putByte(2, (byte) 'D');
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY")) {
            writer.writeChannel(channel);
            for (long seq : before) {
                writer.writeMessages(channel, 0, seq, 1, block, 0, 21, 1);
            }
            if (gap != null) {
                writer.writeGap(channel, gap[0], gap[1], 1);
            }
            for (long seq : after) {
                writer.writeMessages(channel, 0, seq, 1, block, 0, 21, 1);
            }
        }
    }
}
