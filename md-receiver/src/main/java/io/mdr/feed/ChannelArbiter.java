package io.mdr.feed;

import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.DropReason;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Arbitrates one channel's lines into a single in-order stream.
 *
 * <p>{@code expected} is the next sequence number to deliver. A packet covering it is delivered from it
 * on (the part before is a duplicate); a packet wholly before it is a duplicate; a packet after it opens a
 * hole and waits in the {@link ReorderBuffer}. A hole becomes a gap when every line has delivered past it
 * and {@link ArbiterSettings#reorderWindowNanos()} has passed, or when it outlives
 * {@link ArbiterSettings#maxHoleWaitNanos()}, or when the buffer is full. Single-threaded: the polling
 * thread owns it.
 */
public final class ChannelArbiter {
    private final Channel channel;
    private final ArbiterSettings settings;
    private final FeedListener listener;
    private final ReceiverCounters counters;
    private final ReorderBuffer pending;
    private final MoldUdp64Packet replay = new MoldUdp64Packet();
    private final long[] lineNext = new long[Line.COUNT];

    private long expected = -1;
    private long holeOpenedNanos = -1;
    private boolean sessionEnded;
    /** Where the journal left this channel ({@link #resume}); -1 when there is nothing to resume. */
    private long resumeNext = -1;
    private long resumeSessionHigh;
    private int resumeSessionLow;
    private boolean resumeEnded;

    public ChannelArbiter(Channel channel, ArbiterSettings settings, FeedListener listener, ReceiverCounters counters) {
        this.channel = channel;
        this.settings = settings;
        this.listener = listener;
        this.counters = counters;
        this.pending = new ReorderBuffer(settings.reorderSlots(), settings.slotBytes());
    }

    public Channel channel() {
        return channel;
    }

    /** Next sequence number to deliver; -1 before the first packet. */
    public long expectedSequence() {
        return expected;
    }

    /**
     * Continues a journal: when the channel's first session is {@code sessionHigh/sessionLow}, delivery starts at
     * {@code nextSequence} instead of at the first packet. What arrives below it is then a counted duplicate, and
     * a first packet above it opens an ordinary hole ({@code nextSequence} up to that packet), which becomes a gap
     * with exact bounds like any other. A different first session starts fresh. Call before the first packet.
     *
     * @param sessionEnded whether the journal holds the session's end (its end-of-session packet is then a repeat)
     */
    public void resume(long sessionHigh, int sessionLow, long nextSequence, boolean sessionEnded) {
        if (expected >= 0) {
            throw new IllegalStateException(channel + " has already started at " + expected);
        }
        resumeSessionHigh = sessionHigh;
        resumeSessionLow = sessionLow;
        resumeNext = nextSequence;
        resumeEnded = sessionEnded;
    }

    /** True while messages wait behind a hole. */
    public boolean hasHole() {
        return holeOpenedNanos >= 0;
    }

    /** Takes one validated packet from {@code line}. */
    public void onPacket(int line, MoldUdp64Packet packet, long nowNanos) {
        long high = packet.sessionHigh();
        int low = packet.sessionLow();
        if (!channel.isSession(high, low)) {
            if (channel.sessionFixed()) {
                counters.drop(DropReason.WRONG_SESSION);
                return;
            }
            startSession(high, low, packet.sequenceNumber(), nowNanos);
        } else if (expected < 0) {
            beginAt(packet.sequenceNumber(), nowNanos);
            listener.onSession(channel, nowNanos);
        }

        long first = packet.sequenceNumber();
        int messages = packet.messages();
        long end = first + messages;
        if (end > lineNext[line]) {
            lineNext[line] = end;
        }
        if (packet.isHeartbeat()) {
            counters.heartbeats.incrementRelease();
        } else if (packet.isEndOfSession()) {
            if (!sessionEnded) {
                sessionEnded = true;
                counters.endOfSession.incrementRelease();
                listener.onEndOfSession(channel, first, nowNanos);
            }
        } else if (end <= expected) {
            counters.duplicatePackets.incrementRelease();
            counters.duplicateMessages.getAndAddRelease(messages);
        } else if (first <= expected) {
            deliver(line, packet, nowNanos);
            drainPending(nowNanos);
        } else {
            counters.reorderedPackets.incrementRelease();
            if (!pending.add(packet.buffer(), packet.offset(), packet.length(), first, messages, line, nowNanos)) {
                // Full: the oldest hole becomes a gap so that what waits can go; this packet goes too if it now fits.
                declareGap(nowNanos);
                drainPending(nowNanos);
                if (first <= expected && end > expected) {
                    deliver(line, packet, nowNanos);
                    drainPending(nowNanos);
                } else if (first > expected) {
                    counters.drop(DropReason.REORDER_OVERFLOW);
                }
            }
        }
        updateHole(nowNanos);
        checkHole(nowNanos);
    }

    /** Declares a timed-out hole a gap; call when idle too, so a gap is not held until the next packet. */
    public void poll(long nowNanos) {
        if (holeOpenedNanos >= 0) {
            checkHole(nowNanos);
        }
    }

    /** End of input or shutdown: every hole becomes a gap and everything waiting is delivered. */
    public void flush(long nowNanos) {
        while (hasAhead()) {
            declareGap(nowNanos);
            drainPending(nowNanos);
        }
        holeOpenedNanos = -1;
    }

    private void startSession(long high, int low, long firstSequence, long nowNanos) {
        if (channel.sessionKnown()) {
            flush(nowNanos);
            counters.sessionChanges.incrementRelease();
        }
        channel.setSession(high, low);
        pending.clear();
        java.util.Arrays.fill(lineNext, 0);
        sessionEnded = false;
        beginAt(firstSequence, nowNanos);
        listener.onSession(channel, nowNanos);
    }

    private void beginAt(long firstSequence, long nowNanos) {
        expected = firstSequence;
        if (resumeNext >= 0) {
            // Only the first session met can continue the journal; any later one starts fresh.
            if (channel.isSession(resumeSessionHigh, resumeSessionLow)) {
                expected = resumeNext;
                sessionEnded = resumeEnded;
            }
            resumeNext = -1;
        }
        holeOpenedNanos = -1;
    }

    /** Delivers the part of {@code packet} from {@code expected} on; the part before is a duplicate. */
    private void deliver(int line, MoldUdp64Packet packet, long rxNanos) {
        long first = packet.sequenceNumber();
        int skip = (int) (expected - first);
        int messages = packet.messages();
        DirectBuffer buffer = packet.buffer();
        int position = packet.firstBlockOffset();
        for (int i = 0; i < skip; i++) {
            position += MoldUdp64Packet.BLOCK_HEADER_LENGTH + (buffer.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF);
        }
        if (skip > 0) {
            counters.duplicateMessages.getAndAddRelease(skip);
        }
        int count = messages - skip;
        listener.onMessages(channel, line, expected, count, buffer, position,
                packet.offset() + packet.length() - position, rxNanos);
        expected += count;
    }

    private void drainPending(long nowNanos) {
        while (!pending.isEmpty()) {
            pending.discardBefore(expected);
            int slot = pending.find(expected);
            if (slot < 0) {
                return;
            }
            replay.wrap(pending.memory(), pending.offset(slot), pending.length(slot));
            int line = pending.line(slot);
            long rx = pending.rxNanos(slot);
            deliver(line, replay, rx);
            pending.release(slot);
        }
    }

    /** True when some line has seen messages beyond {@code expected}. */
    private boolean hasAhead() {
        if (!pending.isEmpty()) {
            return true;
        }
        for (int l = 0; l < channel.lineCount(); l++) {
            if (lineNext[l] > expected) {
                return true;
            }
        }
        return false;
    }

    private void updateHole(long nowNanos) {
        if (hasAhead()) {
            if (holeOpenedNanos < 0) {
                holeOpenedNanos = nowNanos;
            }
        } else {
            holeOpenedNanos = -1;
        }
    }

    private void checkHole(long nowNanos) {
        while (holeOpenedNanos >= 0) {
            long age = nowNanos - holeOpenedNanos;
            boolean everyLinePast = true;
            for (int l = 0; l < channel.lineCount(); l++) {
                if (lineNext[l] <= expected) {
                    everyLinePast = false;
                    break;
                }
            }
            if ((everyLinePast && age >= settings.reorderWindowNanos()) || age >= settings.maxHoleWaitNanos()) {
                declareGap(nowNanos);
                drainPending(nowNanos);
                holeOpenedNanos = -1;
                updateHole(nowNanos);
            } else {
                return;
            }
        }
    }

    /** The hole from {@code expected} to the next sequence anything holds becomes a gap. */
    private void declareGap(long nowNanos) {
        long next = pending.lowestSequence();
        if (next == Long.MAX_VALUE) {
            // Only heartbeats or a line's packets we could not keep said the hole exists: it ends where they are.
            next = Long.MAX_VALUE;
            for (int l = 0; l < channel.lineCount(); l++) {
                if (lineNext[l] > expected && lineNext[l] < next) {
                    next = lineNext[l];
                }
            }
            if (next == Long.MAX_VALUE) {
                return;
            }
        }
        if (next > expected) {
            counters.gaps.incrementRelease();
            counters.gapMessages.getAndAddRelease(next - expected);
            listener.onGap(channel, expected, next - 1, nowNanos);
            expected = next;
        }
    }
}
