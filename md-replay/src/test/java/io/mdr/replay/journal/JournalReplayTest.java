package io.mdr.replay.journal;

import io.mdr.feed.Channel;
import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalReplayTest {
    private static final int MESSAGES = 21;
    /** 1 s recorded: top speed, queue opening included, stays well under half of it even on a busy host. */
    private static final long SPACING_NANOS = 50_000_000;

    @Test
    void recordedPaceIsKeptAndFasterSpeedsShortenIt(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        write(journal);

        List<Long> atRecordedPace = new ArrayList<>();
        JournalReplay.Result paced = JournalReplay.replay(journal, collector(atRecordedPace), 1.0, () -> false);
        assertEquals(MESSAGES, paced.messages());
        assertEquals((MESSAGES - 1) * SPACING_NANOS, paced.recordedSpanNanos());
        assertTrue(paced.elapsedNanos() >= paced.recordedSpanNanos(), "took at least the recorded second");

        List<Long> fast = new ArrayList<>();
        JournalReplay.Result top = JournalReplay.replay(journal, collector(fast), Double.POSITIVE_INFINITY, () -> false);
        assertTrue(top.elapsedNanos() < paced.recordedSpanNanos() / 2, "top speed is not paced: " + top.elapsedNanos());
        assertEquals(atRecordedPace, fast);
        assertEquals(MESSAGES, fast.size());
        for (int i = 0; i < MESSAGES; i++) {
            assertEquals(100 + i, fast.get(i));
        }
    }

    private static JournalListener collector(List<Long> sequences) {
        return new JournalListener() {
            @Override
            public void onMessage(JournalMessage message) {
                sequences.add(message.sequence());
            }
        };
    }

    private static void write(Path journal) {
        Channel channel = new Channel(0, "test", 1, "S1");
        UnsafeBuffer block = new UnsafeBuffer(new byte[2 + 19]);
        block.putShort(0, (short) 19, ByteOrder.BIG_ENDIAN);
        block.putByte(2, (byte) 'D');
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            writer.writeChannel(channel);
            for (int i = 0; i < MESSAGES; i++) {
                writer.writeMessages(channel, 0, 100 + i, 1, block, 0, block.capacity(), 1_000_000_000L + i * SPACING_NANOS);
            }
        }
    }
}
