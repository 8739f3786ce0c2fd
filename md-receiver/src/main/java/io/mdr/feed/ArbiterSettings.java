package io.mdr.feed;

/**
 * How long a hole may wait for the other line (or a late packet) before it is declared a gap.
 *
 * @param reorderWindowNanos once every line has passed a hole, wait this long for a reordered packet
 * @param maxHoleWaitNanos   declare a gap after this long even if a line never passes the hole (a dead line)
 * @param reorderSlots       packets that can wait behind a hole; when full, the oldest hole becomes a gap
 * @param slotBytes          largest MoldUDP64 packet a slot holds (an mbuf's 2 KiB data room bounds it)
 */
public record ArbiterSettings(long reorderWindowNanos, long maxHoleWaitNanos, int reorderSlots, int slotBytes) {
    public static ArbiterSettings defaults() {
        return new ArbiterSettings(50_000, 5_000_000, 256, 2_048);
    }
}
