package io.mdr.journal;

import io.mdr.memory.Prefault;
import io.mdr.feed.Channel;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pretoucher follows the writer and prepares the pages ahead of it with madvise(MADV_POPULATE_WRITE), and
 * the system call itself refuses what it must.
 */
class JournalPretoucherTest {
    @Test
    void preparesTheQueueFileAheadOfTheWriter(@TempDir Path dir) throws Exception {
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY");
             JournalPretoucher pretoucher = new JournalPretoucher(writer).start()) {
            Channel channel = new Channel(0, "itch", 1, "PRE");
            UnsafeBuffer block = new UnsafeBuffer(new byte[21]);
            block.putShort(0, (short) 19, ByteOrder.BIG_ENDIAN);
            block.putByte(2, (byte) 'D');
            writer.writeChannel(channel);
            writer.writeMessages(channel, 0, 1, 1, block, 0, block.capacity(), 1);
            writer.commit();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long expected = JournalPretoucher.LOOKAHEAD_BYTES - (1 << 20);
            while (pretoucher.bytesPrepared() < expected && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(pretoucher.bytesPrepared() >= expected, pretoucher.describe());
            assertTrue(pretoucher.populateCalls() > 0, "this kernel has MADV_POPULATE_WRITE: " + pretoucher.describe());
        }
    }

    @Test
    void populateNeedsAPageAlignedMappedRangeAndSaysWhyItFailed() {
        Prefault prefault = new Prefault();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pages = arena.allocate(4 * Prefault.PAGE, Prefault.PAGE);
            assertEquals(0, prefault.populateWrite(pages.address(), 4 * Prefault.PAGE), "anonymous memory of this process");
            assertThrows(IllegalArgumentException.class, () -> prefault.populateWrite(pages.address() + 8, Prefault.PAGE));
        }
        int errno = prefault.populateWrite(0, Prefault.PAGE);
        assertEquals(Prefault.ENOMEM, errno, "address 0 is not mapped: " + Prefault.errnoName(errno));
    }
}
