package io.mdr.replay.tx;

import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.UdpFrame;
import io.mdr.replay.capture.CaptureFormatException;
import io.mdr.replay.capture.CaptureReader;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * {@code md-replay --loop N --continue-sequence}: moves a MoldUDP64 frame's sequence number on by a fixed amount, in
 * place, so that each loop of a capture continues the stream where the previous loop ended instead of repeating it
 * (a receiver would take a repeat for duplicates). Frames that are not MoldUDP64 are left alone.
 */
public final class SequenceShifter {
    private static final int SEQUENCE_OFFSET = 10;

    private final UdpFrame udp = new UdpFrame();
    private final MoldUdp64Packet mold = new MoldUdp64Packet();

    /** What {@link #shift} found. */
    public enum Kind { NOT_MOLD, MESSAGES, HEARTBEAT, END_OF_SESSION }

    /** Adds {@code delta} to the sequence number of the MoldUDP64 packet in the frame; says what the frame was. */
    public Kind shift(MutableDirectBuffer frame, int offset, int length, long delta) {
        if (udp.parse(frame, offset, length) != null || mold.wrap(frame, udp.payloadOffset(), udp.payloadLength()) != null) {
            return Kind.NOT_MOLD;
        }
        int at = udp.payloadOffset() + SEQUENCE_OFFSET;
        frame.putLong(at, frame.getLong(at, ByteOrder.BIG_ENDIAN) + delta, ByteOrder.BIG_ENDIAN);
        return mold.isEndOfSession() ? Kind.END_OF_SESSION : mold.isHeartbeat() ? Kind.HEARTBEAT : Kind.MESSAGES;
    }

    /**
     * The sequence span of a capture's MoldUDP64 packets: the next sequence after its last message minus the first
     * sequence. Looping with this step makes loop {@code k} carry the sequences {@code k * span} after loop 0's.
     */
    public long span(CaptureReader reader) throws CaptureFormatException {
        long first = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        UnsafeBuffer frame = new UnsafeBuffer(0, 0);
        reader.rewind();
        while (reader.next()) {
            frame.wrap(reader.segment().address() + reader.packetOffset(), reader.capturedLength());
            if (udp.parse(frame, 0, reader.capturedLength()) != null
                    || mold.wrap(frame, udp.payloadOffset(), udp.payloadLength()) != null || mold.isEndOfSession()) {
                continue;
            }
            long sequence = mold.sequenceNumber();
            first = Math.min(first, sequence);
            end = Math.max(end, sequence + mold.messages());
        }
        reader.rewind();
        return first == Long.MAX_VALUE ? 0 : end - first;
    }
}
