package io.mdr.feed;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Packets that arrived ahead of a hole, copied off the mbuf so the mbuf can go back to its pool at once.
 * A fixed number of fixed-size slots, allocated up front; only used while a hole is open.
 */
final class ReorderBuffer {
    private final int slotSize;
    private final UnsafeBuffer memory;
    private final long[] firstSequence;
    private final int[] count;
    private final int[] line;
    private final int[] length;
    private final long[] rxNanos;
    private final boolean[] used;
    private int size;

    ReorderBuffer(int slots, int slotSize) {
        this.slotSize = slotSize;
        this.memory = new UnsafeBuffer(BufferUtil.allocateDirectAligned(slots * slotSize, 64));
        this.firstSequence = new long[slots];
        this.count = new int[slots];
        this.line = new int[slots];
        this.length = new int[slots];
        this.rxNanos = new long[slots];
        this.used = new boolean[slots];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Keeps a copy of a validated MoldUDP64 packet. False when full or the packet is too big for a slot. */
    boolean add(DirectBuffer packet, int offset, int packetLength, long first, int messages, int fromLine, long rx) {
        if (packetLength > slotSize) {
            return false;
        }
        for (int slot = 0; slot < used.length; slot++) {
            if (!used[slot]) {
                memory.putBytes(slot * slotSize, packet, offset, packetLength);
                firstSequence[slot] = first;
                count[slot] = messages;
                line[slot] = fromLine;
                length[slot] = packetLength;
                rxNanos[slot] = rx;
                used[slot] = true;
                size++;
                return true;
            }
        }
        return false;
    }

    /** The slot whose packet holds {@code sequence}, or -1. */
    int find(long sequence) {
        for (int slot = 0; slot < used.length; slot++) {
            if (used[slot] && firstSequence[slot] <= sequence && sequence < firstSequence[slot] + count[slot]) {
                return slot;
            }
        }
        return -1;
    }

    /** Frees every slot whose packet ends at or before {@code sequence}; returns how many. */
    int discardBefore(long sequence) {
        int discarded = 0;
        for (int slot = 0; slot < used.length; slot++) {
            if (used[slot] && firstSequence[slot] + count[slot] <= sequence) {
                release(slot);
                discarded++;
            }
        }
        return discarded;
    }

    /** The lowest first sequence number held, or {@code Long.MAX_VALUE} when empty. */
    long lowestSequence() {
        long lowest = Long.MAX_VALUE;
        for (int slot = 0; slot < used.length; slot++) {
            if (used[slot] && firstSequence[slot] < lowest) {
                lowest = firstSequence[slot];
            }
        }
        return lowest;
    }

    void release(int slot) {
        used[slot] = false;
        size--;
    }

    void clear() {
        java.util.Arrays.fill(used, false);
        size = 0;
    }

    DirectBuffer memory() {
        return memory;
    }

    int offset(int slot) {
        return slot * slotSize;
    }

    int length(int slot) {
        return length[slot];
    }

    long firstSequence(int slot) {
        return firstSequence[slot];
    }

    int count(int slot) {
        return count[slot];
    }

    int line(int slot) {
        return line[slot];
    }

    long rxNanos(int slot) {
        return rxNanos[slot];
    }
}
