package io.mdr.mold;

import io.mdr.net.DropReason;
import io.mdr.net.FrameReads;
import org.agrona.DirectBuffer;


/**
 * Flyweight over one MoldUDP64 downstream packet: 10-byte session, 8-byte sequence number of the first
 * message, 2-byte message count (0 heartbeat, 0xFFFF end of session), then {@code count} blocks of a 2-byte
 * length and the message.
 */
public final class MoldUdp64Packet {
    public static final int SESSION_OFFSET = 0;
    public static final int SESSION_LENGTH = 10;
    public static final int SEQUENCE_OFFSET = 10;
    public static final int COUNT_OFFSET = 18;
    public static final int HEADER_LENGTH = 20;
    public static final int BLOCK_HEADER_LENGTH = 2;
    public static final int HEARTBEAT_COUNT = 0;
    public static final int END_OF_SESSION_COUNT = 0xFFFF;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    /** The header's fields, read once by {@link #wrap} (0 when the payload is shorter than the header). */
    private long sessionHigh;
    private int sessionLow;
    private long sequence;
    private int count;
    /** The length each message type (a message's first byte) must have, 0 for an unknown type; null: not checked. */
    private final int[] lengthByType;
    /** Messages whose type is unknown or whose length is not their type's; -1 when not checked. */
    private int irregular = -1;

    /** A packet whose messages' types and lengths are not checked ({@link #irregularMessages()} is -1). */
    public MoldUdp64Packet() {
        this.lengthByType = null;
    }

    /**
     * A packet whose {@link #wrap} also checks each message against the length its type must have, at almost no
     * cost (the walk over the blocks is done anyway), so that a consumer of a packet with none amiss need not walk
     * its messages again.
     *
     * @param lengthByType the length of each message type, indexed by a message's first byte (256 entries, 0 for a
     *                     type the protocol does not define); kept, not copied
     */
    public MoldUdp64Packet(int[] lengthByType) {
        if (lengthByType.length != 256) {
            throw new IllegalArgumentException("a length for each of the 256 first bytes, got " + lengthByType.length);
        }
        this.lengthByType = lengthByType;
    }

    /**
     * Wraps the UDP payload and checks it whole: header present, {@code count} blocks of non-zero length
     * that end exactly at the end of the payload. The header's fields are read here, once: a packet rewritten after
     * it was wrapped must be wrapped again.
     *
     * @return null when valid, or why it is not
     */
    public DropReason wrap(DirectBuffer buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        if (length < HEADER_LENGTH || !FrameReads.inside(buffer, offset, length)) {
            sessionHigh = 0;
            sessionLow = 0;
            sequence = 0;
            count = 0;
            irregular = -1;
            return DropReason.MOLD_TRUNCATED;
        }
        // Every read below lies inside [offset, offset + length), checked against the buffer above.
        // The buffer's memory, read once: every read below is one load (see FrameReads).
        Object base = buffer.byteArray();
        long address = buffer.addressOffset();
        sessionHigh = FrameReads.i64(buffer, base, address, offset + SESSION_OFFSET);
        sessionLow = FrameReads.u16(buffer, base, address, offset + SESSION_OFFSET + 8);
        sequence = FrameReads.i64(buffer, base, address, offset + SEQUENCE_OFFSET);
        count = FrameReads.u16(buffer, base, address, offset + COUNT_OFFSET);
        irregular = lengthByType == null ? -1 : 0;
        if (count == HEARTBEAT_COUNT || count == END_OF_SESSION_COUNT) {
            return length == HEADER_LENGTH ? null : DropReason.MOLD_BAD_COUNT;
        }
        int end = offset + length;
        int position = offset + HEADER_LENGTH;
        int amiss = 0;
        int i = 0;
        // The walk is a chain of dependent loads, a block's length giving the next one's place. A block under 256
        // bytes (every ITCH message) has a big-endian length whose first byte is 0: that byte is only compared, and the
        // second alone is on the chain, one byte load and one add a message rather than a load, a byte swap and two
        // extensions. A longer block leaves the rest of the packet to the loop after this one, which reads both.
        long at = address + position;
        long endAt = address + end;
        for (; i < count; i++) {
            if (endAt - at < BLOCK_HEADER_LENGTH) {
                return DropReason.MOLD_BAD_COUNT;
            }
            if (FrameReads.u8At(buffer, base, address, at) != 0) {
                break;
            }
            int blockLength = FrameReads.u8At(buffer, base, address, at + 1);
            at += BLOCK_HEADER_LENGTH;
            if (blockLength == 0 || blockLength > endAt - at) {
                return DropReason.MOLD_BAD_BLOCK;
            }
            if (lengthByType != null && lengthByType[FrameReads.u8At(buffer, base, address, at)] != blockLength) {
                amiss++;
            }
            at += blockLength;
        }
        position = (int) (at - address);
        for (; i < count; i++) {
            if (end - position < BLOCK_HEADER_LENGTH) {
                return DropReason.MOLD_BAD_COUNT;
            }
            int blockLength = FrameReads.u16(buffer, base, address, position);
            position += BLOCK_HEADER_LENGTH;
            if (blockLength == 0 || blockLength > end - position) {
                return DropReason.MOLD_BAD_BLOCK;
            }
            if (lengthByType != null && lengthByType[FrameReads.u8(buffer, base, address, position)] != blockLength) {
                amiss++;
            }
            position += blockLength;
        }
        if (lengthByType != null) {
            irregular = amiss;
        }
        return position == end ? null : DropReason.MOLD_BAD_COUNT;
    }

    public DirectBuffer buffer() {
        return buffer;
    }

    /** Offset of the packet (its session field) in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Sequence number of the first message (of the next expected message for heartbeats). */
    public long sequenceNumber() {
        return sequence;
    }

    /** Message count as sent: 0 heartbeat, 0xFFFF end of session. */
    public int messageCount() {
        return count;
    }

    public boolean isHeartbeat() {
        return messageCount() == HEARTBEAT_COUNT;
    }

    public boolean isEndOfSession() {
        return messageCount() == END_OF_SESSION_COUNT;
    }

    /** Messages carried (0 for heartbeats and end of session). */
    public int messages() {
        int count = messageCount();
        return count == END_OF_SESSION_COUNT ? 0 : count;
    }

    /**
     * Messages of the last {@link #wrap} whose type is unknown or whose length is not their type's (0 for a heartbeat
     * or an end of session), or -1 when this packet does not check them ({@link #MoldUdp64Packet()}).
     */
    public int irregularMessages() {
        return irregular;
    }

    /** First 8 session bytes as a big-endian long, for comparison without a String. */
    public long sessionHigh() {
        return sessionHigh;
    }

    /** Last 2 session bytes. */
    public int sessionLow() {
        return sessionLow;
    }

    /** Offset of the first message block (its 2-byte length). */
    public int firstBlockOffset() {
        return offset + HEADER_LENGTH;
    }

    /** The session as text (tools only). */
    public String session() {
        byte[] bytes = new byte[SESSION_LENGTH];
        buffer.getBytes(offset + SESSION_OFFSET, bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
