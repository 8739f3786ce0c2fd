package io.mdr.feed;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Packets held behind a hole (from a line, ahead of the expected sequence, or from the retransmission server for a
 * later hole), copied off the mbuf so the mbuf goes back to its pool at once. Within a byte budget allocated up
 * front, so that holding costs no allocation and never grows.
 *
 * <p>The memory is a circular log: each packet is appended with a header at the tail; freeing marks it, and the
 * head moves past freed entries. Packets leave in sequence order, which is nearly their arrival order, so the log
 * rarely holds freed space behind a live entry. An index of entry offsets sorted by first sequence number finds the
 * packet that continues the stream (always the first in the index) and where a late packet goes.
 *
 * <pre>
 * entry: length u32 (aligned, header included) | state u32 | first u64 | count u32 | line u32 | rxNanos u64
 *        | packetLength u32 | pad u32 | packet[packetLength] | pad to 8
 * </pre>
 */
final class HoldBuffer {
    static final int ENTRY_HEADER_LENGTH = 40;
    private static final int LENGTH_OFFSET = 0;
    private static final int STATE_OFFSET = 4;
    private static final int FIRST_OFFSET = 8;
    private static final int COUNT_OFFSET = 16;
    private static final int LINE_OFFSET = 20;
    private static final int RX_NANOS_OFFSET = 24;
    private static final int PACKET_LENGTH_OFFSET = 32;
    private static final int LIVE = 0;
    private static final int FREE = 1;
    /** The smallest entry: a header and a one-message MoldUDP64 packet, aligned. */
    private static final int MIN_ENTRY = 64;

    private final UnsafeBuffer memory;
    private final int capacity;
    /** Offsets of live entries, sorted by first sequence, in {@code [indexStart, indexEnd)}. */
    private final int[] index;
    private int indexStart;
    private int indexEnd;
    private long head;
    private long tail;

    HoldBuffer(long budgetBytes) {
        this.capacity = (int) (budgetBytes & ~7L);
        this.memory = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, 64));
        this.index = new int[capacity / MIN_ENTRY + 16];
    }

    int size() {
        return indexEnd - indexStart;
    }

    boolean isEmpty() {
        return indexEnd == indexStart;
    }

    /** Bytes of the budget in use, freed entries not yet passed by the head included. */
    long bytesUsed() {
        return tail - head;
    }

    long capacity() {
        return capacity;
    }

    /**
     * Keeps a copy of a validated MoldUDP64 packet.
     *
     * @return false when the budget (or the index) has no room for it
     */
    boolean add(DirectBuffer packet, int offset, int packetLength, long first, int messages, int fromLine, long rxNanos) {
        if (indexEnd - indexStart == index.length) {
            return false;
        }
        int entryLength = align(ENTRY_HEADER_LENGTH + packetLength);
        int position = allocate(entryLength);
        if (position < 0) {
            return false;
        }
        memory.putInt(position + LENGTH_OFFSET, entryLength);
        memory.putInt(position + STATE_OFFSET, LIVE);
        memory.putLong(position + FIRST_OFFSET, first);
        memory.putInt(position + COUNT_OFFSET, messages);
        memory.putInt(position + LINE_OFFSET, fromLine);
        memory.putLong(position + RX_NANOS_OFFSET, rxNanos);
        memory.putInt(position + PACKET_LENGTH_OFFSET, packetLength);
        memory.putBytes(position + ENTRY_HEADER_LENGTH, packet, offset, packetLength);
        insert(position, first);
        return true;
    }

    /** The entry with the lowest first sequence (only when not empty). */
    int first() {
        return index[indexStart];
    }

    /** Frees {@link #first()}. */
    void removeFirst() {
        free(index[indexStart++]);
        if (indexStart == indexEnd) {
            indexStart = 0;
            indexEnd = 0;
        }
    }

    /** The lowest first sequence number held, or {@code Long.MAX_VALUE} when empty. */
    long lowestSequence() {
        return isEmpty() ? Long.MAX_VALUE : firstSequence(index[indexStart]);
    }

    void clear() {
        indexStart = 0;
        indexEnd = 0;
        head = 0;
        tail = 0;
    }

    DirectBuffer memory() {
        return memory;
    }

    long firstSequence(int entry) {
        return memory.getLong(entry + FIRST_OFFSET);
    }

    int count(int entry) {
        return memory.getInt(entry + COUNT_OFFSET);
    }

    int line(int entry) {
        return memory.getInt(entry + LINE_OFFSET);
    }

    long rxNanos(int entry) {
        return memory.getLong(entry + RX_NANOS_OFFSET);
    }

    int packetOffset(int entry) {
        return entry + ENTRY_HEADER_LENGTH;
    }

    int packetLength(int entry) {
        return memory.getInt(entry + PACKET_LENGTH_OFFSET);
    }

    /** Room for {@code length} bytes at the tail, wrapping to the start (with a free filler) when the end is near. */
    private int allocate(int length) {
        if (length > capacity) {
            return -1;
        }
        int position = (int) (tail % capacity);
        if (position + length > capacity) {
            int filler = capacity - position;
            if (tail + filler + length - head > capacity) {
                return -1;
            }
            memory.putInt(position + LENGTH_OFFSET, filler);
            memory.putInt(position + STATE_OFFSET, FREE);
            tail += filler;
            position = 0;
        } else if (tail + length - head > capacity) {
            return -1;
        }
        tail += length;
        return position;
    }

    private void free(int entry) {
        memory.putInt(entry + STATE_OFFSET, FREE);
        while (head < tail) {
            int position = (int) (head % capacity);
            if (memory.getInt(position + STATE_OFFSET) != FREE) {
                return;
            }
            head += memory.getInt(position + LENGTH_OFFSET);
        }
        // Empty: start again at offset 0, so the next packets need no filler at the end.
        head = 0;
        tail = 0;
    }

    /** Inserts after every entry whose first sequence is lower or equal (arrival order among equals). */
    private void insert(int entry, long first) {
        int low = indexStart;
        int high = indexEnd;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (firstSequence(index[middle]) <= first) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        if (indexEnd == index.length) {
            // Compact to the front: indexStart > 0 here, since the index is not full.
            int shift = indexStart;
            System.arraycopy(index, indexStart, index, 0, indexEnd - indexStart);
            indexStart = 0;
            indexEnd -= shift;
            low -= shift;
        }
        if (low < indexEnd) {
            System.arraycopy(index, low, index, low + 1, indexEnd - low);
        }
        index[low] = entry;
        indexEnd++;
    }

    private static int align(int length) {
        return (length + 7) & ~7;
    }
}
