package io.mdr.replay.gen;

import io.mdr.book.OrderBooks;
import io.mdr.itch.ItchMessageType;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OrderBooks} allocates nothing in the steady state: after half a million md-gen messages of warm-up, a million
 * more (every book-changing type, new levels and levels gone, listeners called) leave the thread's allocated-bytes
 * counter where it was.
 */
class BookAllocationTest {
    private static final int WARMUP = 500_000;
    private static final int MEASURED = 1_000_000;

    @Test
    void applyingMessagesAllocatesNothingAfterWarmUp() {
        UnsafeBuffer stream = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64 * (WARMUP + MEASURED), 64));
        ItchSessionGenerator generator = new ItchSessionGenerator(GeneratorSettings.defaults().withSeed(11)
                .withMessageCount(WARMUP + MEASURED));
        int end = 0;
        int length;
        while ((length = generator.next(stream, end + 2)) > 0) {
            stream.putShort(end, (short) length, ByteOrder.BIG_ENDIAN);
            end += 2 + length;
        }
        OrderBooks books = new OrderBooks(1 << 20, 1 << 16);
        long[] calls = new long[2];
        books.topOfBookListener((locate, bidPrice, bidShares, askPrice, askShares, stale) -> calls[0] += bidShares);
        books.levelListener((locate, side, price, shares, orders, stale) -> calls[1] += shares);

        int split = apply(books, stream, 0, end, WARMUP, 1);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        apply(books, stream, split, end, Integer.MAX_VALUE, WARMUP + 1);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "bytes allocated over " + MEASURED + " messages");
        assertTrue(books.orderCount() > 10_000 && calls[0] > 0 && calls[1] > 0);
        assertTrue(ItchMessageType.MAX_LENGTH + 2 < 64);
    }

    /** Applies up to {@code count} messages from {@code position}; returns the position after the last. */
    private static int apply(OrderBooks books, UnsafeBuffer stream, int position, int end, int count, long sequence) {
        for (int n = 0; n < count && position < end; n++) {
            int length = stream.getShort(position, ByteOrder.BIG_ENDIAN);
            books.apply(stream, position + 2, length, sequence++);
            position += 2 + length;
        }
        return position;
    }
}
