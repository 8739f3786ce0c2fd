package io.mdr.fanout.bench;

import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.journal.JournalTailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's journal writer: what it writes, and when, against the clock it is given. */
class PacedJournalWriterTest {
    private static final long START = 1_000_000_000L;

    @Test
    void pacedRecordsAreWrittenWhenDueAndLateOnesAtOnce(@TempDir Path dir) {
        // 100,000 messages/s in records of 20: a record every 200 us
        try (PacedJournalWriter writer = PacedJournalWriter.open(dir.resolve("q"), 200, 20, 100_000)) {
            writer.start(START);
            assertEquals(1, writer.writeDue(START), "the first record is due at the start");
            assertEquals(0, writer.writeDue(START + 199_000), "the second is due 200 us later");
            assertEquals(1_000, writer.nanosUntilDue(START + 199_000));
            assertEquals(1, writer.writeDue(START + 200_000));
            assertEquals(5, writer.writeDue(START + 1_200_000), "a writer 1 ms late writes the five it owes at once");
            assertFalse(writer.done());
            assertEquals(3, writer.writeDue(START + 60_000_000), "never more than the messages asked for");
            assertTrue(writer.done());
            assertEquals(0, writer.writeDue(START + 70_000_000));
            writer.endSession(START + 70_000_000);
            assertTrue(writer.summary().startsWith("write: 200 messages in 10 records of 20, 4 excerpts, in 0.060 s"), writer.summary());
        }
        Read read = read(dir.resolve("q"));
        assertEquals(200, read.sequences.size());
        assertEquals(1, read.sequences.getFirst());
        assertEquals(200, read.sequences.getLast());
        assertEquals(201, read.endOfSession, "the end of session names the next sequence");
    }

    @Test
    void atTopSpeedAllIsWrittenInBurstsAndASecondRunAppendsAfterTheFirst(@TempDir Path dir) {
        Path queue = dir.resolve("q");
        for (int run = 0; run < 2; run++) {
            try (PacedJournalWriter writer = PacedJournalWriter.open(queue, 1_010, 20, 0)) {
                writer.start(START);
                int bursts = 0;
                while (!writer.done()) {
                    assertTrue(writer.writeDue(START) <= 32, "a burst is 32 records at most");
                    bursts++;
                }
                assertEquals(2, bursts, "51 records (the last of 10 messages) in bursts of 32");
            }
        }
        Read read = read(queue);
        assertEquals(2_020, read.sequences.size());
        for (int i = 0; i < read.sequences.size(); i++) {
            assertEquals(i + 1, read.sequences.get(i), "in sequence across both runs");
        }
    }

    private record Read(List<Long> sequences, long endOfSession) {
    }

    private static Read read(Path queue) {
        List<Long> sequences = new ArrayList<>();
        long[] end = {-1};
        try (JournalTailer tailer = JournalTailer.open(queue).fromStart()) {
            JournalListener listener = new JournalListener() {
                @Override
                public void onMessage(JournalMessage message) {
                    sequences.add(message.sequence());
                }

                @Override
                public void onEndOfSession(int channelId, String channelName, long nextSequence, long nanos) {
                    end[0] = nextSequence;
                }
            };
            while (tailer.poll(listener, 1024) > 0) {
                // to the end
            }
        }
        return new Read(sequences, end[0]);
    }
}
