package io.mdr.replay.gen;

import io.mdr.net.UdpFrameBuilder;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the A/B feed: frames each MoldUDP64 packet for its group, applies the line's impairments, stamps
 * the frames and hands them to its sink, keeping the figures of the {@link LineReport}.
 *
 * <p>A frame goes out at its pacing slot, or as soon as the previous one has left the wire at 10 Gb/s, whichever
 * is later, so that a line's timestamps never go back. A duplicate follows its original on the wire; a packet held
 * for reordering goes out right behind the next packet the line sends.
 */
final class FeedLine {
    /** Line rate the frames are spaced by when they queue up. */
    static final long LINE_RATE_BITS_PER_SECOND = 10_000_000_000L;
    /** Bytes on the wire besides the frame: preamble and start delimiter 8, inter-frame gap 12. */
    private static final int WIRE_OVERHEAD = 20;
    /** Frame check sequence, absent from captures. */
    private static final int FCS = 4;
    private static final int MIN_FRAME_WITH_FCS = 64;

    private final String name;
    private final UdpEndpoint group;
    private final UdpFrameBuilder frames;
    private final LineImpairer impairer;
    private final FrameSink sink;
    private final UnsafeBuffer frame;
    private final UnsafeBuffer held;
    private int heldLength = -1;
    private long heldSequence;
    private long clock;

    private long framesWritten;
    private long packetsSent;
    private long messagesSent;
    private long packetsDropped;
    private long messagesDropped;
    private long duplicates;
    private long reorders;
    private final LongArrayList lost = new LongArrayList();
    private final LongArrayList duplicated = new LongArrayList();
    private final LongArrayList reordered = new LongArrayList();

    FeedLine(String name, UdpEndpoint group, UdpFrameBuilder frames, LineImpairer impairer, FrameSink sink,
            int maxPayloadLength) {
        this.name = name;
        this.group = group;
        this.frames = frames;
        this.impairer = impairer;
        this.sink = sink;
        this.frame = new UnsafeBuffer(new byte[frames.headerLength() + maxPayloadLength]);
        this.held = new UnsafeBuffer(new byte[frame.capacity()]);
    }

    /**
     * Sends (or not) one data packet.
     *
     * @param slot          pacing slot of the packet on this line
     * @param firstSequence sequence number of the packet's first message
     * @param messageCount  messages in the packet
     * @param lostOnBoth    whether the loss common to both lines hit this packet
     * @return whether the packet was lost on this line
     */
    boolean send(long slot, DirectBuffer payload, int payloadOffset, int payloadLength, long firstSequence,
            int messageCount, boolean lostOnBoth) throws IOException {
        // Built even when lost, so that the IPv4 identification skips as it would on a real line.
        int frameLength = frames.build(frame, payload, payloadOffset, payloadLength);
        if (impairer.lose(lostOnBoth)) {
            packetsDropped++;
            messagesDropped += messageCount;
            addRange(lost, firstSequence, firstSequence + messageCount - 1);
            return true;
        }
        packetsSent++;
        messagesSent += messageCount;
        if (heldLength < 0 && impairer.reorder()) {
            held.putBytes(0, frame, 0, frameLength);
            heldLength = frameLength;
            heldSequence = firstSequence;
            return false;
        }
        emit(slot, frame, frameLength);
        if (impairer.duplicate()) {
            emit(slot, frame, frameLength);
            duplicates++;
            duplicated.addLong(firstSequence);
        }
        if (heldLength >= 0) {
            emit(slot, held, heldLength);
            reorders++;
            reordered.addLong(heldSequence);
            heldLength = -1;
        }
        return false;
    }

    /** Sends a packet still held back (nothing overtook it: not a reorder), then the end-of-session packet. */
    void endOfSession(long slot, DirectBuffer payload, int payloadOffset, int payloadLength) throws IOException {
        if (heldLength >= 0) {
            emit(slot, held, heldLength);
            heldLength = -1;
        }
        int frameLength = frames.build(frame, payload, payloadOffset, payloadLength);
        emit(slot, frame, frameLength);
    }

    /** No frame this line sends from now on, for packets from {@code nextSlot} on, is stamped earlier than this. */
    long watermark(long nextSlot) {
        return Math.max(nextSlot, clock);
    }

    LineReport report() {
        return new LineReport(name, group, framesWritten, packetsSent, messagesSent, packetsDropped, messagesDropped,
                duplicates, reorders, ranges(lost), duplicated.toLongArray(), reordered.toLongArray());
    }

    /** Nanoseconds a frame of {@code length} captured bytes holds a 10 Gb/s wire, rounded up. */
    static long wireNanos(int length) {
        long bits = 8L * (Math.max(length + FCS, MIN_FRAME_WITH_FCS) + WIRE_OVERHEAD);
        return (bits * 1_000_000_000L + LINE_RATE_BITS_PER_SECOND - 1) / LINE_RATE_BITS_PER_SECOND;
    }

    /** Appends {@code [first, last]} to pairs of range ends, merging it into the last range if adjacent. */
    static void addRange(LongArrayList pairs, long first, long last) {
        int size = pairs.size();
        if (size > 0 && pairs.getLong(size - 1) + 1 == first) {
            pairs.setLong(size - 1, last);
        } else {
            pairs.addLong(first);
            pairs.addLong(last);
        }
    }

    static List<SequenceRange> ranges(LongArrayList pairs) {
        List<SequenceRange> ranges = new ArrayList<>(pairs.size() / 2);
        for (int i = 0; i < pairs.size(); i += 2) {
            ranges.add(new SequenceRange(pairs.getLong(i), pairs.getLong(i + 1)));
        }
        return List.copyOf(ranges);
    }

    private void emit(long slot, DirectBuffer source, int length) throws IOException {
        long timestamp = Math.max(slot, clock);
        sink.onFrame(timestamp, source, 0, length);
        framesWritten++;
        clock = timestamp + wireNanos(length);
    }
}
