package io.mdr.feed;

/**
 * How long a hole may wait for the other line (or a late packet) before it is requested from the retransmission
 * server or declared a gap, how much a channel may hold behind holes meanwhile, and what a late join does.
 *
 * @param reorderWindowNanos  once every line has passed a hole, wait this long for a reordered packet
 * @param maxHoleWaitNanos    act on a hole after this long even if a line never passes it (a dead line)
 * @param holdBytes           bytes of packets (with a 40-byte header each) the channel may hold behind holes;
 *                            when a packet does not fit, the oldest hole is given up as a gap so that what waits
 *                            behind it can go
 * @param lateJoinRecover     a session's first packet above sequence 1: true = recover what came before (if the
 *                            channel recovers at all), false = journal a gap from 1
 * @param maxLateJoinMessages with {@code lateJoinRecover}, most messages asked for before the first packet; older
 *                            ones are a gap
 */
public record ArbiterSettings(long reorderWindowNanos, long maxHoleWaitNanos, long holdBytes, boolean lateJoinRecover,
                              long maxLateJoinMessages) {
    /** Default bytes held per channel (8 MiB). */
    public static final long DEFAULT_HOLD_BYTES = 8L << 20;

    public ArbiterSettings {
        if (reorderWindowNanos < 0 || maxHoleWaitNanos < 0) {
            throw new IllegalArgumentException("negative wait");
        }
        if (holdBytes < HoldBuffer.ENTRY_HEADER_LENGTH * 2L || holdBytes > (1L << 30)) {
            throw new IllegalArgumentException("holdBytes out of range: " + holdBytes);
        }
        if (maxLateJoinMessages < 0) {
            throw new IllegalArgumentException("maxLateJoinMessages < 0");
        }
    }

    /** A 50 µs reorder window, 5 ms for a dead line, 8 MiB held, a late join journaled as a gap. */
    public static ArbiterSettings defaults() {
        return new ArbiterSettings(50_000, 5_000_000, DEFAULT_HOLD_BYTES, false, 100_000);
    }

    /** The same with another budget. */
    public ArbiterSettings withHoldBytes(long bytes) {
        return new ArbiterSettings(reorderWindowNanos, maxHoleWaitNanos, bytes, lateJoinRecover, maxLateJoinMessages);
    }

    /** The same with another late-join choice. */
    public ArbiterSettings withLateJoin(boolean recover, long maxMessages) {
        return new ArbiterSettings(reorderWindowNanos, maxHoleWaitNanos, holdBytes, recover, maxMessages);
    }
}
