package io.mdr.journal;

import io.mdr.feed.Channel;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer keeps records in one open excerpt until {@link JournalWriter#commit()}: tailers see nothing
 * before it and every record, in order, after it; the commit stamps the journal time and reports rx-to-commit
 * per distinct rx time; an excerpt is committed early when it would outgrow its limits.
 */
class JournalBatchingTest {
    private static final Channel CHANNEL = new Channel(3, "itch", 2, "BATCH");

    @Test
    void recordsAreInvisibleUntilTheCommitThenAllArriveInOrder(@TempDir Path dir) {
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY");
             JournalTailer tailer = JournalTailer.open(dir.resolve("j")).fromStart()) {
            List<String> seen = new ArrayList<>();
            JournalListener listener = recording(seen);
            writer.writeChannel(CHANNEL);
            writer.writeMessages(CHANNEL, 0, 10, 2, blocks(2, 10), 0, blocks(2, 10).capacity(), 1_000);
            writer.writeGap(CHANNEL, 12, 14, 2_000);
            writer.writeMessages(CHANNEL, 1, 15, 1, blocks(1, 15), 0, blocks(1, 15).capacity(), 1_000);
            writer.writeEndOfSession(CHANNEL, 16, 3_000);
            assertEquals(0, tailer.poll(listener, 100), "nothing is visible before the commit");
            assertTrue(seen.isEmpty());

            assertEquals(5, writer.commit(), "records committed");
            assertEquals(1, tailer.poll(listener, 100), "one excerpt");
            assertEquals(List.of("itch#10 line 0", "itch#11 line 0", "gap itch 12..14", "itch#15 line 1", "eos itch 16"), seen);
            assertEquals(0, writer.commit(), "nothing left to commit");
        }
    }

    @Test
    void theCommitStampsJournalTimeAndReportsEachRxTimeOnce(@TempDir Path dir) {
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY")) {
            List<long[]> commits = new ArrayList<>();
            writer.commitListener((rxNanos, count, journalNanos) -> commits.add(new long[] {rxNanos, count, journalNanos}));
            writer.writeChannel(CHANNEL);
            UnsafeBuffer one = blocks(1, 1);
            writer.writeMessages(CHANNEL, 0, 1, 1, one, 0, one.capacity(), 500);
            writer.writeMessages(CHANNEL, 0, 2, 1, one, 0, one.capacity(), 500);
            writer.writeMessages(CHANNEL, 0, 3, 1, one, 0, one.capacity(), 700);
            long before = System.nanoTime();
            writer.commit();
            long after = System.nanoTime();

            assertEquals(2, commits.size(), "runs with the same rx time are reported together");
            assertEquals(500, commits.get(0)[0]);
            assertEquals(2, commits.get(0)[1]);
            assertEquals(700, commits.get(1)[0]);
            assertEquals(1, commits.get(1)[1]);
            long journalNanos = commits.get(0)[2];
            assertTrue(journalNanos >= before && journalNanos <= after, "stamped at the commit");

            List<Long> stamps = new ArrayList<>();
            try (JournalTailer tailer = JournalTailer.open(dir.resolve("j")).fromStart()) {
                tailer.poll(message -> stamps.add(message.journalNanos()), 100);
            }
            assertEquals(List.of(journalNanos, journalNanos, journalNanos), stamps, "every record carries the commit time");
        }
    }

    @Test
    void aFullExcerptIsCommittedBeforeItOutgrowsItsLimits(@TempDir Path dir) {
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY")) {
            int[] committed = {0};
            writer.commitListener((rxNanos, count, journalNanos) -> committed[0] += count);
            writer.writeChannel(CHANNEL);
            UnsafeBuffer one = blocks(1, 1);
            int records = JournalWriter.MAX_MESSAGE_RECORDS + 10;
            for (int i = 0; i < records; i++) {
                // a record each: every message at an rx time of its own (a burst's run would share one record)
                writer.writeMessages(CHANNEL, 0, 1 + i, 1, one, 0, one.capacity(), 1 + i);
            }
            assertEquals(JournalWriter.MAX_MESSAGE_RECORDS, committed[0], "committed early at the record limit");
            writer.commit();
            assertEquals(records, committed[0]);

            // Large runs: the byte limit splits them, and nothing is lost.
            int perRun = 100;
            UnsafeBuffer big = blocks(perRun, 1);
            int runs = 3 * JournalWriter.MAX_EXCERPT_BYTES / big.capacity();
            for (int i = 0; i < runs; i++) {
                writer.writeMessages(CHANNEL, 0, 1_000 + (long) i * perRun, perRun, big, 0, big.capacity(), 2 + i);
            }
            assertTrue(committed[0] > records, "committed early at the byte limit");
            writer.commit();

            List<String> seen = new ArrayList<>();
            int excerpts;
            try (JournalTailer tailer = JournalTailer.open(dir.resolve("j")).fromStart()) {
                excerpts = tailer.poll(recording(seen), 1_000);
            }
            assertEquals(records + runs * perRun, seen.size());
            assertTrue(excerpts >= 5, excerpts + " excerpts");
        }
    }

    @Test
    void recordsWrittenAcrossTheMappedChunksArriveWhole(@TempDir Path dir) {
        // Records are written straight into the mapped chunk; past a chunk's end (Chronicle maps files in chunks of
        // tens of MB) they must land whole in the next one, and a tailer must read each back byte for byte.
        int perRun = 66;
        UnsafeBuffer big = blocks(perRun, 1);
        long bytes = 160L << 20;
        int runs = (int) (bytes / big.capacity());
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY")) {
            writer.writeChannel(CHANNEL);
            for (int i = 0; i < runs; i++) {
                long first = 1 + (long) i * perRun;
                for (int m = 0; m < perRun; m++) {
                    big.putLong(m * 21 + 2 + 11, first + m, ByteOrder.BIG_ENDIAN);
                }
                writer.writeMessages(CHANNEL, i & 1, first, perRun, big, 0, big.capacity(), i);
                if ((i & 3) == 3) {
                    writer.commit();
                }
            }
            writer.commit();
        }
        long[] expected = {1};
        try (JournalTailer tailer = JournalTailer.open(dir.resolve("j")).fromStart()) {
            while (tailer.poll(message -> {
                assertEquals(expected[0], message.sequence(), "in order, none lost");
                long run = (expected[0] - 1) / perRun;
                assertEquals(run, message.rxNanos());
                assertEquals((int) (run & 1), message.line());
                assertEquals(19, message.length());
                assertEquals('D', message.buffer().getByte(message.offset()));
                assertEquals(expected[0], message.buffer().getLong(message.offset() + 11, ByteOrder.BIG_ENDIAN),
                        "the message's bytes");
                expected[0]++;
            }, 10_000) > 0) {
                // until the end
            }
        }
        assertEquals(1 + (long) runs * perRun, expected[0], "every message of " + (bytes >> 20) + " MB");
    }

    @Test
    void aBurstsInSequencePacketsOfOneLineShareOneRecord(@TempDir Path dir) {
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY");
             JournalTailer tailer = JournalTailer.open(dir.resolve("j")).fromStart()) {
            List<long[]> commits = new ArrayList<>();
            writer.commitListener((rxNanos, count, journalNanos) -> commits.add(new long[] {rxNanos, count}));
            writer.writeChannel(CHANNEL);
            writer.commit();
            commits.clear();
            assertTrue(writer.writeMessages(CHANNEL, 0, 10, 1, blocks(1, 10), 0, 21, 500), "starts a record");
            assertFalse(writer.writeMessages(CHANNEL, 0, 11, 2, blocks(2, 11), 0, 42, 500), "the next in sequence");
            assertFalse(writer.writeMessages(CHANNEL, 0, 13, 1, blocks(1, 13), 0, 21, 500));
            assertTrue(writer.writeMessages(CHANNEL, 1, 14, 1, blocks(1, 14), 0, 21, 500), "another line");
            assertTrue(writer.writeMessages(CHANNEL, 1, 16, 1, blocks(1, 16), 0, 21, 500), "not the next sequence");
            assertTrue(writer.writeMessages(CHANNEL, 1, 17, 1, blocks(1, 17), 0, 21, 600), "another burst");
            writer.writeGap(CHANNEL, 18, 18, 600);
            assertTrue(writer.writeMessages(CHANNEL, 1, 19, 1, blocks(1, 19), 0, 21, 600), "after another record");
            assertEquals(6, writer.commit(), "three message runs, one record each, and a gap");

            List<String> seen = new ArrayList<>();
            List<Long> rx = new ArrayList<>();
            JournalListener listener = recording(seen);
            tailer.poll(new JournalListener() {
                @Override
                public void onMessage(JournalMessage message) {
                    rx.add(message.rxNanos());
                    listener.onMessage(message);
                }

                @Override
                public void onGap(int channelId, String channelName, long from, long to, long nanos) {
                    listener.onGap(channelId, channelName, from, to, nanos);
                }
            }, 100);
            assertEquals(List.of("itch#10 line 0", "itch#11 line 0", "itch#12 line 0", "itch#13 line 0", "itch#14 line 1",
                    "itch#16 line 1", "itch#17 line 1", "gap itch 18..18", "itch#19 line 1"), seen);
            assertEquals(List.of(500L, 500L, 500L, 500L, 500L, 500L, 600L, 600L), rx);
            long total = 0;
            for (long[] c : commits) {
                total += c[1];
            }
            assertEquals(8, total, "rx-to-journal counts every message once");
        }
    }

    @Test
    void fromSequenceFindsAMessageInsideABatch(@TempDir Path dir) {
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY")) {
            writer.writeChannel(CHANNEL);
            writer.commit();
            for (int batch = 0; batch < 10; batch++) {
                for (int run = 0; run < 4; run++) {
                    long first = 1 + batch * 12L + run * 3L;
                    UnsafeBuffer three = blocks(3, first);
                    writer.writeMessages(CHANNEL, 0, first, 3, three, 0, three.capacity(), 1);
                }
                writer.commit();
            }
        }
        List<String> seen = new ArrayList<>();
        try (JournalTailer tailer = JournalTailer.open(dir.resolve("j")).fromSequence("itch", 57)) {
            tailer.poll(recording(seen), 1_000);
        }
        assertEquals("itch#57 line 0", seen.getFirst());
        assertEquals("itch#120 line 0", seen.getLast());
        assertEquals(120 - 57 + 1, seen.size());
    }

    @Test
    void recordLengthRejectsUnknownAndTruncatedRecords() {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        buffer.putByte(0, JournalFormat.GAP);
        assertEquals(JournalFormat.GAP_LENGTH, JournalFormat.recordLength(buffer, 0, 128));
        assertEquals(-1, JournalFormat.recordLength(buffer, 0, JournalFormat.GAP_LENGTH - 1), "truncated gap");
        buffer.putByte(0, (byte) 'Z');
        assertEquals(-1, JournalFormat.recordLength(buffer, 0, 128), "unknown type");
        buffer.putByte(0, JournalFormat.MESSAGES);
        buffer.putShort(JournalFormat.MESSAGES_COUNT_OFFSET, (short) 2);
        buffer.putShort(JournalFormat.MESSAGES_BLOCKS_OFFSET, (short) 10, ByteOrder.BIG_ENDIAN);
        buffer.putShort(JournalFormat.MESSAGES_BLOCKS_OFFSET + 12, (short) 90, ByteOrder.BIG_ENDIAN);
        assertEquals(-1, JournalFormat.recordLength(buffer, 0, 128), "second block runs past the end");
        buffer.putShort(JournalFormat.MESSAGES_BLOCKS_OFFSET + 12, (short) 4, ByteOrder.BIG_ENDIAN);
        assertEquals(JournalFormat.MESSAGES_BLOCKS_OFFSET + 12 + 6, JournalFormat.recordLength(buffer, 0, 128));
    }

    private static JournalListener recording(List<String> seen) {
        return new JournalListener() {
            @Override
            public void onMessage(JournalMessage message) {
                seen.add(message.channelName() + "#" + message.sequence() + " line " + message.line());
            }

            @Override
            public void onGap(int channelId, String channelName, long from, long to, long nanos) {
                seen.add("gap " + channelName + " " + from + ".." + to);
            }

            @Override
            public void onEndOfSession(int channelId, String channelName, long nextSequence, long nanos) {
                seen.add("eos " + channelName + " " + nextSequence);
            }
        };
    }

    /** {@code count} MoldUDP64 blocks of an ITCH Order Delete (19 bytes), sequence-numbered in the reference. */
    private static UnsafeBuffer blocks(int count, long firstSequence) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[count * 21]);
        for (int i = 0; i < count; i++) {
            buffer.putShort(i * 21, (short) 19, ByteOrder.BIG_ENDIAN);
            buffer.putByte(i * 21 + 2, (byte) 'D');
            buffer.putLong(i * 21 + 2 + 11, firstSequence + i, ByteOrder.BIG_ENDIAN);
        }
        return buffer;
    }
}
