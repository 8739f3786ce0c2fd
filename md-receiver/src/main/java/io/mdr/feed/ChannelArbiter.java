package io.mdr.feed;

import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.DropReason;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Arbitrates one channel's lines into a single in-order stream, and heals what neither line delivered.
 *
 * <p>{@code expected} is the next sequence number to deliver; {@code highest} is one past the highest sequence any
 * line has shown (a message, or the next sequence of a heartbeat or end of session). A packet covering
 * {@code expected} is delivered from it on (the part before is a duplicate); a packet wholly before it is a
 * duplicate. A packet after it is held in the {@link HoldBuffer}, if it brings anything missing. Whatever is
 * missing between {@code expected} and {@code highest} is a list of holes, each with the time it opened; a packet
 * that lands in a hole trims or splits it.
 *
 * <p>A hole is acted on once the other line has had its chance: when every line has sent past it and
 * {@link ArbiterSettings#reorderWindowNanos()} has passed, or when it outlives
 * {@link ArbiterSettings#maxHoleWaitNanos()} (a dead line). With request servers, its exact range is then asked of
 * the recovery thread through {@link RecoveryRequests}; every hole is asked for as soon as it is ready, so holes are
 * recovered side by side. Recovered packets are delivered (line {@link Line#RECOVERY}) when they continue the stream
 * and held otherwise; what waits behind drains as each hole fills. A hole becomes a gap record with the exact bounds
 * of what is missing when it is not recovered (the recovery thread gives up: attempts exhausted), when the channel
 * has no server, or when the budget of held bytes overflows (the oldest hole goes first, so that what waits behind
 * it can be delivered). The journal thus gets every message once, in sequence order, or a gap in its place.
 *
 * <p>A hole is generic: it opens wherever the stream jumps ahead of {@code highest}, whether {@code expected} was
 * set by the first packet, by a late join ({@code lateJoinRecover}: the hole from the first sequence wanted to the
 * first packet), or by {@link #resume} (the journal's next sequence at start-up, applied when the first packet shows
 * the journal's session). Single-threaded: the polling
 * thread owns it; nothing here allocates, blocks or makes a system call.
 */
public final class ChannelArbiter {
    /** Most holes a channel tracks at once; beyond, the oldest is given up. */
    static final int MAX_HOLES = 4096;
    private static final byte WAITING = 0;
    private static final byte REQUESTED = 1;
    private static final byte GIVEN_UP = 2;

    private final Channel channel;
    private final ArbiterSettings settings;
    private final FeedListener listener;
    private final ReceiverCounters counters;
    private final RecoveryRequests recovery;
    private final boolean recovers;
    private final HoldBuffer held;
    private final MoldUdp64Packet replay = new MoldUdp64Packet();
    private final long[] lineNext = new long[Line.COUNT];

    // Holes, sorted and disjoint: [holeFrom, holeTo), when opened, state, and whether it was split off another.
    private final long[] holeFrom = new long[MAX_HOLES];
    private final long[] holeTo = new long[MAX_HOLES];
    private final long[] holeOpened = new long[MAX_HOLES];
    private final byte[] holeState = new byte[MAX_HOLES];
    private final boolean[] holeSplit = new boolean[MAX_HOLES];
    private int holes;

    private long expected = -1;
    private long highest = -1;
    private boolean sessionEnded;
    private long endOfSessionAt = -1;
    private boolean endOfSessionReported;
    /** Where the journal left this channel ({@link #resume}); -1 when there is nothing to resume. */
    private long resumeNext = -1;
    private long resumeSessionHigh;
    private int resumeSessionLow;
    private boolean resumeEnded;

    public ChannelArbiter(Channel channel, ArbiterSettings settings, FeedListener listener, ReceiverCounters counters) {
        this(channel, settings, listener, counters, RecoveryRequests.NONE);
    }

    public ChannelArbiter(Channel channel, ArbiterSettings settings, FeedListener listener, ReceiverCounters counters,
                          RecoveryRequests recovery) {
        this.channel = channel;
        this.settings = settings;
        this.listener = listener;
        this.counters = counters;
        this.recovery = recovery;
        this.recovers = recovery.recovers(channel.id());
        this.held = new HoldBuffer(settings.holdBytes());
    }

    public Channel channel() {
        return channel;
    }

    /** Whether holes are asked of request servers (else they become gaps). */
    public boolean recovers() {
        return recovers;
    }

    /** Next sequence number to deliver; -1 before the first packet. */
    public long expectedSequence() {
        return expected;
    }

    /** True while something between the expected sequence and the highest seen is missing. */
    public boolean hasHole() {
        return holes > 0;
    }

    /** Holes open now (waiting for the other line, or asked of the request server). */
    public int openHoles() {
        return holes;
    }

    /** Packets held behind holes. */
    public int heldPackets() {
        return held.size();
    }

    /**
     * Continues a journal: when the channel's first session is {@code sessionHigh/sessionLow}, delivery starts at
     * {@code nextSequence} instead of at the first packet. What arrives below it is then a counted duplicate, and a
     * first packet above it opens an ordinary hole ({@code nextSequence} up to that packet), asked of the request
     * servers like any other, or a gap with exact bounds without them. It is no late join: the journal holds the
     * messages before. A different first session starts fresh. Call before the first packet.
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

    /**
     * Takes one validated packet from {@code line}. The common case comes first, in a method small enough for the JIT
     * to inline into the per-packet path: the session's next messages, with no hole open and nothing held. It does
     * exactly what {@link #onAnyPacket} does for such a packet (the stream's end then moves to the packet's end, no
     * hole opens or closes, nothing drains), without its checks; every other packet goes there.
     */
    public void onPacket(int line, MoldUdp64Packet packet, long nowNanos) {
        long first = packet.sequenceNumber();
        int count = packet.messageCount();
        if (first == expected && first == highest && expected >= 0 && holes == 0
                && count != MoldUdp64Packet.HEARTBEAT_COUNT && count != MoldUdp64Packet.END_OF_SESSION_COUNT && held.isEmpty()
                && channel.isSession(packet.sessionHigh(), packet.sessionLow())) {
            long end = first + count;
            if (end > lineNext[line]) {
                lineNext[line] = end;
            }
            highest = end;
            deliver(line, packet, nowNanos);
            if (endOfSessionAt >= 0) {
                reportEndOfSession(nowNanos);
            }
            return;
        }
        onAnyPacket(line, packet, nowNanos);
    }

    /** Any validated packet: a new or repeated session, a heartbeat, the end of a session, a gap, a repeat, a fill. */
    private void onAnyPacket(int line, MoldUdp64Packet packet, long nowNanos) {
        long high = packet.sessionHigh();
        int low = packet.sessionLow();
        if (!channel.isSession(high, low)) {
            if (channel.sessionFixed()) {
                counters.drop(DropReason.WRONG_SESSION);
                return;
            }
            startSession(high, low, packet.sequenceNumber(), nowNanos);
        } else if (expected < 0) {
            listener.onSession(channel, nowNanos);
            begin(packet.sequenceNumber(), nowNanos);
        }

        long first = packet.sequenceNumber();
        int messages = packet.messages();
        long end = first + messages;
        if (end > lineNext[line]) {
            lineNext[line] = end;
        }
        if (packet.isHeartbeat()) {
            counters.heartbeats.incrementRelease();
            see(first, first, nowNanos);
        } else if (packet.isEndOfSession()) {
            if (!sessionEnded) {
                sessionEnded = true;
                endOfSessionAt = first;
                counters.endOfSession.incrementRelease();
            }
            see(first, first, nowNanos);
        } else if (end <= expected) {
            counters.duplicatePackets.incrementRelease();
            counters.duplicateMessages.getAndAddRelease(messages);
        } else {
            boolean missing = end > highest || overlapsHole(first, end);
            see(first, end, nowNanos);
            if (first <= expected) {
                deliver(line, packet, nowNanos);
                fill(first, end, line, nowNanos);
            } else if (missing) {
                counters.reorderedPackets.incrementRelease();
                hold(line, packet, nowNanos, nowNanos);
            } else {
                counters.duplicatePackets.incrementRelease();
                counters.duplicateMessages.getAndAddRelease(messages);
            }
        }
        resolve(nowNanos);
        checkHoles(nowNanos);
    }

    /** Acts on holes whose wait is over; call when idle too, so a hole is not held until the next packet. */
    public void poll(long nowNanos) {
        if (holes > 0) {
            checkHoles(nowNanos);
        }
    }

    /**
     * A packet from the retransmission server (validated, its session the one asked for): delivered as
     * {@link Line#RECOVERY} when it continues the stream, held when it fills a later hole, counted as unused when
     * nothing of it is missing any more (a line or an earlier answer brought it, or the hole was given up).
     */
    public void onRecovered(MoldUdp64Packet packet, long rxNanos, long nowNanos) {
        if (!channel.isSession(packet.sessionHigh(), packet.sessionLow()) || expected < 0 || packet.messages() == 0) {
            counters.recoveryUnusedAnswers.incrementRelease();
            return;
        }
        long first = packet.sequenceNumber();
        long end = first + packet.messages();
        if (end <= expected || first > highest || !(end > highest || overlapsHole(first, end))) {
            counters.recoveryUnusedAnswers.incrementRelease();
            return;
        }
        if (end > highest) {
            highest = end;
        }
        if (first <= expected) {
            deliver(Line.RECOVERY, packet, rxNanos);
            fill(first, end, Line.RECOVERY, nowNanos);
        } else {
            hold(Line.RECOVERY, packet, rxNanos, nowNanos);
        }
        resolve(nowNanos);
        checkHoles(nowNanos);
    }

    /**
     * The recovery thread gave up on {@code [from, to)} of the given session (attempts exhausted, no server answered):
     * exactly that part of the requested holes becomes a gap as soon as the stream reaches it. The rest of a hole
     * (asked for in other requests) is still waited for.
     */
    public void onRecoveryFailed(long sessionHigh, int sessionLow, long from, long to, long nowNanos) {
        if (!channel.isSession(sessionHigh, sessionLow)) {
            return;
        }
        for (int i = 0; i < holes && holeFrom[i] < to; i++) {
            if (holeTo[i] <= from || holeState[i] != REQUESTED) {
                continue;
            }
            if (holeFrom[i] < from && splitAt(i, from)) {
                // The part before is still asked for: it stays, the part split off is looked at next.
                continue;
            }
            // The part after, if any, is still asked for (split off); what is given up keeps the hole's identity.
            splitAt(i, to);
            holeState[i] = GIVEN_UP;
            if (!holeSplit[i]) {
                counters.recoveryHolesGivenUp.incrementRelease();
            }
        }
        resolve(nowNanos);
    }

    /** End of input or shutdown: every hole becomes a gap and everything held is delivered. */
    public void flush(long nowNanos) {
        if (hasRequested()) {
            recovery.cancel(channel, 0, Long.MAX_VALUE);
        }
        while (holes > 0) {
            if (holeState[0] == REQUESTED && !holeSplit[0]) {
                counters.recoveryHolesGivenUp.incrementRelease();
            }
            gapFirstHole(nowNanos);
            drain();
        }
        drain();
        reportEndOfSession(nowNanos);
    }

    // ------------------------------------------------------------------------------------------ session

    private void startSession(long high, int low, long firstSequence, long nowNanos) {
        if (channel.sessionKnown()) {
            flush(nowNanos);
            counters.sessionChanges.incrementRelease();
        }
        channel.setSession(high, low);
        listener.onSession(channel, nowNanos);
        begin(firstSequence, nowNanos);
    }

    /**
     * The first packet of a session: a late join (first above 1) is a gap from 1, or, when recovering it, a hole from
     * the first sequence wanted, which the packet itself then opens.
     */
    private void begin(long firstSequence, long nowNanos) {
        reset();
        if (resumeNext >= 0) {
            long next = resumeNext;
            resumeNext = -1;
            // Only the first session met can continue the journal; any later one starts fresh.
            if (channel.isSession(resumeSessionHigh, resumeSessionLow)) {
                expected = next;
                highest = next;
                sessionEnded = resumeEnded;
                endOfSessionReported = resumeEnded;
                return;
            }
        }
        long start = firstSequence;
        if (firstSequence > 1) {
            if (recovers && settings.lateJoinRecover()) {
                start = Math.max(1, firstSequence - settings.maxLateJoinMessages());
            }
            if (start > 1) {
                counters.gaps.incrementRelease();
                counters.gapMessages.getAndAddRelease(start - 1);
                listener.onGap(channel, 1, start - 1, nowNanos);
            }
        }
        expected = start;
        highest = start;
    }

    private void reset() {
        if (hasRequested()) {
            recovery.cancel(channel, 0, Long.MAX_VALUE);
        }
        held.clear();
        counters.holesOpen.getAndAddRelease(-holes);
        holes = 0;
        java.util.Arrays.fill(lineNext, 0);
        sessionEnded = false;
        endOfSessionAt = -1;
        endOfSessionReported = false;
    }

    // ------------------------------------------------------------------------------------------ delivery

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
                packet.offset() + packet.length() - position, packet.irregularMessages() == 0, rxNanos);
        if (line == Line.RECOVERY) {
            counters.recoveredMessages.getAndAddRelease(count);
        }
        expected += count;
    }

    /** Delivers what is held from {@code expected} on, as far as it continues the stream. */
    private void drain() {
        while (!held.isEmpty()) {
            int entry = held.first();
            long first = held.firstSequence(entry);
            if (first > expected) {
                return;
            }
            if (first + held.count(entry) > expected) {
                replay.wrap(held.memory(), held.packetOffset(entry), held.packetLength(entry));
                deliver(held.line(entry), replay, held.rxNanos(entry));
            }
            held.removeFirst();
        }
    }

    /**
     * Holds a packet ahead of {@code expected}. When the budget has no room, the oldest hole is given up as a gap
     * (so that what waits behind it drains) until the packet fits or continues the stream.
     */
    private void hold(int line, MoldUdp64Packet packet, long rxNanos, long nowNanos) {
        long first = packet.sequenceNumber();
        long end = first + packet.messages();
        while (!held.add(packet.buffer(), packet.offset(), packet.length(), first, packet.messages(), line, rxNanos)) {
            if (holes == 0 || holeFrom[0] >= end) {
                counters.drop(DropReason.REORDER_OVERFLOW);
                return;
            }
            giveUpFirstHole(nowNanos);
            if (end <= expected) {
                return;
            }
            if (first <= expected) {
                deliver(line, packet, rxNanos);
                fill(first, end, line, nowNanos);
                return;
            }
        }
        fill(first, end, line, nowNanos);
    }

    // ------------------------------------------------------------------------------------------ holes

    /** A line showed sequences up to {@code end}: a jump past {@code highest} opens a hole. */
    private void see(long first, long end, long nowNanos) {
        if (first > highest) {
            openHole(highest, first, nowNanos);
        }
        if (end > highest) {
            highest = end;
        }
    }

    private void openHole(long from, long to, long nowNanos) {
        while (holes == MAX_HOLES) {
            giveUpFirstHole(nowNanos);
        }
        holeFrom[holes] = from;
        holeTo[holes] = to;
        holeOpened[holes] = nowNanos;
        holeState[holes] = WAITING;
        holeSplit[holes] = false;
        holes++;
        counters.holesOpen.incrementRelease();
    }

    private boolean overlapsHole(long first, long end) {
        if (holes == 0 || first >= holeTo[holes - 1]) {
            return false;
        }
        for (int i = 0; i < holes; i++) {
            if (holeFrom[i] >= end) {
                return false;
            }
            if (holeTo[i] > first) {
                return true;
            }
        }
        return false;
    }

    /** Sequences {@code [first, end)} arrived (delivered or held): holes there shrink, split or close. */
    private void fill(long first, long end, int line, long nowNanos) {
        if (holes == 0 || first >= holeTo[holes - 1]) {
            return;
        }
        for (int i = 0; i < holes && holeFrom[i] < end; ) {
            long from = holeFrom[i];
            long to = holeTo[i];
            if (to <= first) {
                i++;
                continue;
            }
            if (line != Line.RECOVERY && holeState[i] == REQUESTED) {
                // A line brought (part of) what was asked for: the rest is asked for again if still missing.
                recovery.cancel(channel, Math.max(from, first), Math.min(to, end));
            }
            if (first <= from && end >= to) {
                closeHole(i, nowNanos);
            } else if (first <= from) {
                holeFrom[i] = end;
                i++;
            } else if (end >= to) {
                holeTo[i] = first;
                i++;
            } else {
                splitHole(i, first, end);
                i += 2;
            }
        }
    }

    /** Hole {@code i} was filled entirely. */
    private void closeHole(int i, long nowNanos) {
        if (holeState[i] == REQUESTED && !holeSplit[i]) {
            counters.recoveryHolesHealed.incrementRelease();
            listener.onHoleHealed(channel, holeFrom[i], holeTo[i], holeOpened[i], nowNanos);
        }
        removeHole(i);
    }

    private void splitHole(int i, long first, long end) {
        if (holes == MAX_HOLES) {
            // No room to split: keep the hole whole; the part that arrived stays held and is skipped when drained.
            return;
        }
        System.arraycopy(holeFrom, i + 1, holeFrom, i + 2, holes - i - 1);
        System.arraycopy(holeTo, i + 1, holeTo, i + 2, holes - i - 1);
        System.arraycopy(holeOpened, i + 1, holeOpened, i + 2, holes - i - 1);
        System.arraycopy(holeState, i + 1, holeState, i + 2, holes - i - 1);
        System.arraycopy(holeSplit, i + 1, holeSplit, i + 2, holes - i - 1);
        holeFrom[i + 1] = end;
        holeTo[i + 1] = holeTo[i];
        holeOpened[i + 1] = holeOpened[i];
        holeState[i + 1] = holeState[i];
        holeSplit[i + 1] = true;
        holeTo[i] = first;
        holes++;
        counters.holesOpen.incrementRelease();
    }

    /**
     * Splits hole {@code i} at {@code point}: {@code [from, point)} stays at {@code i}, {@code [point, to)} follows as
     * a part split off (same state and opening time).
     *
     * @return false when there is no room for another hole (the hole then stays whole)
     */
    private boolean splitAt(int i, long point) {
        if (holes == MAX_HOLES || point <= holeFrom[i] || point >= holeTo[i]) {
            return false;
        }
        System.arraycopy(holeFrom, i + 1, holeFrom, i + 2, holes - i - 1);
        System.arraycopy(holeTo, i + 1, holeTo, i + 2, holes - i - 1);
        System.arraycopy(holeOpened, i + 1, holeOpened, i + 2, holes - i - 1);
        System.arraycopy(holeState, i + 1, holeState, i + 2, holes - i - 1);
        System.arraycopy(holeSplit, i + 1, holeSplit, i + 2, holes - i - 1);
        holeFrom[i + 1] = point;
        holeTo[i + 1] = holeTo[i];
        holeOpened[i + 1] = holeOpened[i];
        holeState[i + 1] = holeState[i];
        holeSplit[i + 1] = true;
        holeTo[i] = point;
        holes++;
        counters.holesOpen.incrementRelease();
        return true;
    }

    private void removeHole(int i) {
        int after = holes - i - 1;
        if (after > 0) {
            System.arraycopy(holeFrom, i + 1, holeFrom, i, after);
            System.arraycopy(holeTo, i + 1, holeTo, i, after);
            System.arraycopy(holeOpened, i + 1, holeOpened, i, after);
            System.arraycopy(holeState, i + 1, holeState, i, after);
            System.arraycopy(holeSplit, i + 1, holeSplit, i, after);
        }
        holes--;
        counters.holesOpen.decrementRelease();
    }

    private boolean hasRequested() {
        for (int i = 0; i < holes; i++) {
            if (holeState[i] != WAITING) {
                return true;
            }
        }
        return false;
    }

    /**
     * Delivers what continues the stream, and turns the first hole into a gap while it was given up; then reports
     * the end of session once the stream has reached it.
     */
    private void resolve(long nowNanos) {
        drain();
        while (holes > 0 && holeState[0] == GIVEN_UP && holeFrom[0] <= expected) {
            gapFirstHole(nowNanos);
            drain();
        }
        reportEndOfSession(nowNanos);
    }

    private void reportEndOfSession(long nowNanos) {
        if (endOfSessionAt >= 0 && !endOfSessionReported && expected >= endOfSessionAt
                && (holes == 0 || holeFrom[0] >= endOfSessionAt)) {
            endOfSessionReported = true;
            listener.onEndOfSession(channel, endOfSessionAt, nowNanos);
        }
    }

    /** Asks for (or, without servers, gives up) every hole whose wait is over, oldest first. */
    private void checkHoles(long nowNanos) {
        int i = holes;
        while (i > 0 && holeState[i - 1] == WAITING) {
            i--;
        }
        while (i < holes) {
            if (!waitOver(i, nowNanos)) {
                return;
            }
            if (recovers) {
                if (!recovery.request(channel, holeFrom[i], holeTo[i])) {
                    return;
                }
                holeState[i] = REQUESTED;
                counters.recoveryHolesRequested.incrementRelease();
                i++;
            } else if (i == 0) {
                gapFirstHole(nowNanos);
                drain();
            } else {
                return;
            }
        }
        reportEndOfSession(nowNanos);
    }

    private boolean waitOver(int i, long nowNanos) {
        long age = nowNanos - holeOpened[i];
        if (age >= settings.maxHoleWaitNanos()) {
            return true;
        }
        if (age < settings.reorderWindowNanos()) {
            return false;
        }
        for (int l = 0; l < channel.lineCount(); l++) {
            if (lineNext[l] < holeTo[i]) {
                return false;
            }
        }
        return true;
    }

    /** The oldest hole is given up for the budget: whatever recovery had of it stops. */
    private void giveUpFirstHole(long nowNanos) {
        if (holeState[0] == REQUESTED) {
            recovery.cancel(channel, holeFrom[0], holeTo[0]);
            if (!holeSplit[0]) {
                counters.recoveryHolesGivenUp.incrementRelease();
            }
        }
        gapFirstHole(nowNanos);
        drain();
    }

    /** The first hole becomes a gap record with its exact bounds; the stream goes on after it. */
    private void gapFirstHole(long nowNanos) {
        // Everything before the first hole is delivered or held: after the drain, the stream stands at the hole.
        drain();
        long from = expected;
        long to = holeTo[0];
        // Parts of one hole given up apiece (it was asked for in several requests) make one gap.
        while (holeState[0] == GIVEN_UP && holes > 1 && holeFrom[1] == to && holeState[1] == GIVEN_UP) {
            to = holeTo[1];
            removeHole(1);
        }
        if (to > from) {
            counters.gaps.incrementRelease();
            counters.gapMessages.getAndAddRelease(to - from);
            listener.onGap(channel, from, to - 1, nowNanos);
        }
        if (to > expected) {
            expected = to;
        }
        removeHole(0);
    }
}
