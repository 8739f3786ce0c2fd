package io.mdr.journal;

import io.mdr.feed.Channel;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the journal left each channel, read backward from its end: matched by name across runs that numbered the
 * channels differently, after the last message, gap or end of session, with the session of the last record.
 */
class JournalResumeTest {

    @Test
    void channelsAreMatchedByNameAcrossRunsThatGaveThemOtherIds(@TempDir Path dir) {
        Path journal = dir.resolve("j");
        try (JournalWriter run1 = JournalWriter.open(journal, "FAST_HOURLY")) {
            Channel x = new Channel(0, "X", 1, "S1");
            Channel y = new Channel(1, "Y", 1, "S1");
            run1.writeChannel(x);
            messages(run1, x, 1, 10);
            run1.writeChannel(y);
            messages(run1, y, 1, 5);
        }
        try (JournalWriter run2 = JournalWriter.open(journal, "FAST_HOURLY")) {
            Channel y = new Channel(0, "Y", 1, "S1"); // Y came first this time: id 0, which was X's
            run2.writeChannel(y);
            messages(run2, y, 6, 3);
        }
        JournalResume resume = read(journal, null);
        assertEquals(11, resume.point("X").nextSequence());
        assertEquals(9, resume.point("Y").nextSequence());
        assertEquals("S1", resume.point("Y").session());
        assertFalse(resume.point("X").sessionEnded());
        assertNull(resume.point("Z"));
        JournalResume backward = read(journal, Set.of("X", "Y"));
        assertEquals(resume.point("X"), backward.point("X"), "forward (every name) and backward (named ones) agree");
        assertEquals(resume.point("Y"), backward.point("Y"));
    }

    @Test
    void aGapOrAnEndOfSessionMovesThePointToo(@TempDir Path dir) {
        Path journal = dir.resolve("j");
        try (JournalWriter w = JournalWriter.open(journal, "FAST_HOURLY")) {
            Channel gap = new Channel(0, "gap", 1, "S1");
            Channel end = new Channel(1, "end", 1, "S1");
            w.writeChannel(gap);
            messages(w, gap, 1, 5);
            w.writeGap(gap, 6, 9, 1);
            w.writeChannel(end);
            messages(w, end, 1, 11);
            w.writeEndOfSession(end, 12, 1);
        }
        JournalResume resume = read(journal, null);
        assertEquals(10, resume.point("gap").nextSequence());
        assertEquals(12, resume.point("end").nextSequence());
        assertTrue(resume.point("end").sessionEnded());
        assertEquals(resume.point("end"), read(journal, Set.of("end")).point("end"));
        assertEquals(resume.point("gap"), read(journal, Set.of("gap")).point("gap"));
    }

    @Test
    void theLastSessionOfAChannelIsTheOneResumed(@TempDir Path dir) {
        Path journal = dir.resolve("j");
        try (JournalWriter w = JournalWriter.open(journal, "FAST_HOURLY")) {
            Channel c = new Channel(0, "itch", 1, "S1");
            w.writeChannel(c);
            messages(w, c, 1, 5);
            Channel next = new Channel(0, "itch", 1, "S2");
            w.writeChannel(next);
            messages(w, next, 1, 3);
        }
        JournalResume.Point point = read(journal, null).point("itch");
        assertEquals("S2", point.session());
        assertEquals(4, point.nextSequence());
    }

    @Test
    void aChannelAnnouncedButWithNothingJournaledAfterKeepsItsEarlierPoint(@TempDir Path dir) {
        Path journal = dir.resolve("j");
        try (JournalWriter run1 = JournalWriter.open(journal, "FAST_HOURLY")) {
            Channel c = new Channel(0, "itch", 1, "S1");
            run1.writeChannel(c);
            messages(run1, c, 1, 7);
        }
        try (JournalWriter run2 = JournalWriter.open(journal, "FAST_HOURLY")) {
            run2.writeChannel(new Channel(3, "itch", 1, "S1")); // killed before its first message was committed
        }
        assertEquals(8, read(journal, null).point("itch").nextSequence());
    }

    @Test
    void configuredChannelsStopTheScanOnceAllArePlaced(@TempDir Path dir) {
        Path journal = dir.resolve("j");
        try (JournalWriter w = JournalWriter.open(journal, "FAST_HOURLY")) {
            Channel old = new Channel(1, "old", 1, "S1");
            w.writeChannel(old);
            messages(w, old, 1, 1);
            Channel c = new Channel(0, "itch", 1, "S1");
            w.writeChannel(c);
            for (long s = 1; s <= 1_000; s += 10) {
                messages(w, c, s, 10);
            }
        }
        JournalResume all = read(journal, null);
        JournalResume wanted = read(journal, Set.of("itch"));
        assertEquals(1_001, wanted.point("itch").nextSequence());
        assertNull(wanted.point("old"), "not wanted: not looked for");
        assertEquals(2, all.points().size());
        assertTrue(wanted.excerptsRead() < all.excerptsRead(), wanted.excerptsRead() + " vs " + all.excerptsRead());
    }

    @Test
    void anEmptyJournalHasNothingToResume(@TempDir Path dir) {
        try (JournalWriter w = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY")) {
            JournalResume resume = JournalResume.read(w, null);
            assertTrue(resume.points().isEmpty());
            assertTrue(resume.describe().contains("nothing journaled yet"), resume.describe());
        }
    }

    private static JournalResume read(Path journal, Set<String> wanted) {
        try (JournalWriter w = JournalWriter.open(journal, "FAST_HOURLY")) {
            return JournalResume.read(w, wanted);
        }
    }

    /** {@code count} one-message records from {@code first}, each its own excerpt. */
    private static void messages(JournalWriter w, Channel channel, long first, int count) {
        UnsafeBuffer block = new UnsafeBuffer(new byte[21]);
        block.putShort(0, (short) 19, ByteOrder.BIG_ENDIAN);
        block.putByte(2, (byte) 'D');
        for (int i = 0; i < count; i++) {
            block.putLong(13, first + i, ByteOrder.BIG_ENDIAN);
            w.writeMessages(channel, 0, first + i, 1, block, 0, 21, 1);
            w.commit();
        }
    }
}
