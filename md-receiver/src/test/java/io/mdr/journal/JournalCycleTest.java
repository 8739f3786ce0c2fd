package io.mdr.journal;

import io.mdr.feed.Channel;
import io.mdr.tools.DumpMain;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every roll-cycle file names its channels: the writer starts each new cycle with the channel records again, so
 * the files retention keeps are readable alone, by name, and a restart resumes from them.
 */
class JournalCycleTest {
    private static final long MINUTE = 60_000;

    @Test
    void aCycleFileReadAloneStillNamesItsChannels(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        SetTimeProvider clock = new SetTimeProvider(1_700_000_000_000L - 1_700_000_000_000L % MINUTE);
        Channel channel = new Channel(0, "itch", 1, "S1");
        try (JournalWriter writer = JournalWriter.open(journal, "MINUTELY", null, clock)) {
            writer.writeChannel(channel);
            messages(writer, channel, 1, 10);
            clock.currentTimeMillis(clock.currentTimeMillis() + MINUTE);
            messages(writer, channel, 11, 10);
            clock.currentTimeMillis(clock.currentTimeMillis() + MINUTE);
            messages(writer, channel, 21, 10);
        }
        List<String> files = cycleFiles(journal);
        assertEquals(3, files.size(), files.toString());
        // What retention does: the oldest file, with the run's first channel record, goes.
        assertTrue(journal.resolve(files.getFirst()).toFile().delete());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = DumpMain.run(new String[] {"--queue", journal.toString(), "--check"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, report);
        assertTrue(report.contains("itch: 20 messages (0 recovered), sequences 11..30, 0 gaps"), report);

        try (JournalWriter writer = JournalWriter.open(journal, "MINUTELY", null, clock)) {
            assertEquals(31, JournalResume.read(writer, null).point("itch").nextSequence());
            assertEquals(31, JournalResume.read(writer, java.util.Set.of("itch")).point("itch").nextSequence());
        }
    }

    /** The lag md-fanout reports: excerpts after a reader's index, within the cycle and across a roll. */
    @Test
    void excerptsBehindCountsTheExcerptsAfterAReaderWithinACycleAndAcrossARoll(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        SetTimeProvider clock = new SetTimeProvider(1_700_000_000_000L - 1_700_000_000_000L % MINUTE);
        Channel channel = new Channel(0, "itch", 1, "S1");
        try (JournalWriter writer = JournalWriter.open(journal, "MINUTELY", null, clock);
             JournalTailer reader = JournalTailer.open(journal).fromStart();
             JournalTailer lag = JournalTailer.open(journal)) {
            writer.writeChannel(channel);
            writer.commit();
            messages(writer, channel, 1, 10);
            long first = reader.nextIndex();
            int inFirstCycle = 0;
            while (reader.pollExcerpts((index, buffer, offset, length) -> true, 1) == 1) {
                inFirstCycle++;
            }
            assertEquals(11, inFirstCycle, "the channel record and ten messages, an excerpt each");
            assertEquals(0, lag.excerptsBehind(reader.nextIndex()), "a reader at the end lags by nothing");

            try (JournalTailer again = JournalTailer.open(journal).fromStart()) {
                for (int read = 0; read <= inFirstCycle; read++) {
                    assertEquals(inFirstCycle - read, lag.excerptsBehind(again.nextIndex()), "after " + read + " excerpts");
                    again.pollExcerpts((index, buffer, offset, length) -> true, 1);
                }
            }
            messages(writer, channel, 11, 5);
            assertEquals(5, lag.excerptsBehind(reader.nextIndex()), "five more in the same cycle");

            clock.currentTimeMillis(clock.currentTimeMillis() + MINUTE);
            messages(writer, channel, 16, 7);
            int after = 0;
            try (JournalTailer count = JournalTailer.open(journal).fromStart()) {
                while (count.nextIndex() != reader.nextIndex() && count.pollExcerpts((index, buffer, offset, length) -> true, 1) == 1) {
                    // to the reader's position
                }
                while (count.pollExcerpts((index, buffer, offset, length) -> true, 1) == 1) {
                    after++;
                }
            }
            assertTrue(after >= 5 + 7, "the new cycle's excerpts (and its channel records): " + after);
            assertEquals(after, lag.excerptsBehind(reader.nextIndex()), "across the roll");
            assertEquals(after + inFirstCycle, lag.excerptsBehind(first), "from the journal's first excerpt");
        }
    }

    private static void messages(JournalWriter writer, Channel channel, long first, int count) {
        UnsafeBuffer block = new UnsafeBuffer(new byte[21]);
        block.putShort(0, (short) 19, ByteOrder.BIG_ENDIAN);
        block.putByte(2, (byte) 'D');
        for (int i = 0; i < count; i++) {
            block.putLong(13, first + i, ByteOrder.BIG_ENDIAN);
            writer.writeMessages(channel, 0, first + i, 1, block, 0, 21, 1);
            writer.commit();
        }
    }

    private static List<String> cycleFiles(Path journal) {
        String[] names = journal.toFile().list((d, n) -> n.endsWith(".cq4"));
        Arrays.sort(names);
        return List.of(names);
    }
}
