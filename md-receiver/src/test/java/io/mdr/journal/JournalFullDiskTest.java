package io.mdr.journal;

import io.mdr.feed.Channel;
import io.mdr.testing.Tmpfs;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full file system under the journal is a clean error, never a fault: on a small tmpfs the test mounts, the writer
 * alone runs into a {@link JournalSpaceException} from a failed madvise (not an InternalError from SIGBUS), and the
 * pretoucher, far ahead of it, reports the full file system before the writer gets near it. Everything committed
 * before stays readable, in order.
 */
class JournalFullDiskTest {
    private static final int BLOCK = 2 + 19;

    @Test
    void theWriterStopsWithAnErrorNamingThePathAndTheKeyInsteadOfFaulting(@TempDir Path dir) throws Exception {
        try (Tmpfs tmpfs = Tmpfs.mount(dir.resolve("small"), 12)) {
            Path journal = tmpfs.path().resolve("journal");
            JournalSpace space = JournalSpace.of(journal, 1, "journal.minFreeMb");
            Channel channel = new Channel(0, "full", 1, "FULLDISK");
            UnsafeBuffer blocks = blocks(20);
            JournalSpaceException failure;
            try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY", space)) {
                writer.writeChannel(channel);
                failure = assertThrows(JournalSpaceException.class, () -> {
                    for (long first = 1; ; first += 20) {
                        writer.writeMessages(channel, 0, first, 20, sequenced(blocks, first), 0, blocks.capacity(), 1);
                        writer.commit();
                    }
                });
            }
            String message = failure.getMessage();
            assertTrue(message.startsWith("journal " + journal + ": the file system cannot back the journal's next pages"), message);
            assertTrue(message.contains("madvise(MADV_POPULATE_WRITE)") || message.contains("a roll"), message);
            assertTrue(message.contains("MB free (journal.minFreeMb=1)"), message);
            assertTrue(space.isExhausted());

            long[] read = readBack(journal);
            assertTrue(read[0] > 100_000, "most of the 12 MB holds messages: " + read[0]);
            assertEquals(read[0], read[1], "every committed message is readable, in order from 1");
            assertEquals(0, read[0] % 20, "whole excerpts only: " + read[0]);
        }
    }

    @Test
    void thePretoucherSeesTheFullFileSystemFirstWhileTheWriterStillHasRoom(@TempDir Path dir) throws Exception {
        try (Tmpfs tmpfs = Tmpfs.mount(dir.resolve("small"), 16)) {
            Path journal = tmpfs.path().resolve("journal");
            JournalSpace space = JournalSpace.of(journal, 1, "journal.minFreeMb");
            Channel channel = new Channel(0, "early", 1, "EARLY");
            UnsafeBuffer blocks = blocks(20);
            try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY", space);
                 JournalPretoucher pretoucher = new JournalPretoucher(writer).start()) {
                writer.writeChannel(channel);
                writer.writeMessages(channel, 0, 1, 20, sequenced(blocks, 1), 0, blocks.capacity(), 1);
                writer.commit();
                // Its 32 MB look-ahead cannot fit in 16 MB: it fails there, long before the writer's position.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!space.isExhausted() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                String reason = space.exhaustedReason();
                assertNotNull(reason, pretoucher.describe());
                assertTrue(reason.contains("madvise(MADV_POPULATE_WRITE) of ") && reason.contains("failed: EFAULT (Bad address)"), reason);
                assertTrue(pretoucher.describe().contains("stopped: madvise"), pretoucher.describe());
                // The writer goes on within what was populated for it.
                for (long first = 21; first < 2_000; first += 20) {
                    writer.writeMessages(channel, 0, first, 20, sequenced(blocks, first), 0, blocks.capacity(), 1);
                    writer.commit();
                }
            }
            long[] read = readBack(journal);
            assertEquals(2_000, read[0], "all written");
            assertEquals(read[0], read[1]);
        }
    }

    private static UnsafeBuffer blocks(int count) {
        UnsafeBuffer blocks = new UnsafeBuffer(new byte[count * BLOCK]);
        for (int i = 0; i < count; i++) {
            blocks.putShort(i * BLOCK, (short) 19, ByteOrder.BIG_ENDIAN);
            blocks.putByte(i * BLOCK + 2, (byte) 'D');
        }
        return blocks;
    }

    private static UnsafeBuffer sequenced(UnsafeBuffer blocks, long first) {
        for (int i = 0; i * BLOCK < blocks.capacity(); i++) {
            blocks.putLong(i * BLOCK + 2 + 11, first + i, ByteOrder.BIG_ENDIAN);
        }
        return blocks;
    }

    /** {messages read, the last sequence read while every one was the one after the one before}. */
    private static long[] readBack(Path journal) {
        long[] state = {0, 0};
        try (JournalTailer tailer = JournalTailer.open(journal).fromStart()) {
            while (tailer.poll(message -> {
                state[0]++;
                if (message.sequence() == state[1] + 1) {
                    state[1] = message.sequence();
                }
            }, 1024) > 0) {
                // to the end
            }
        }
        return state;
    }
}
