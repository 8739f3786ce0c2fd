package io.mdr.mold;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Flyweight over a MoldUDP64 request packet, sent by a receiver to the request (retransmission) server: the
 * 10-byte session, the sequence number of the first message wanted and the number of messages wanted (big-endian),
 * 20 bytes in all. The server answers with an ordinary downstream packet ({@link MoldUdp64Packet}) from that
 * sequence on, possibly with fewer messages than asked for, or not at all when it lacks them.
 */
public final class MoldUdp64Request {
    public static final int SESSION_OFFSET = 0;
    public static final int SEQUENCE_OFFSET = 10;
    public static final int COUNT_OFFSET = 18;
    public static final int LENGTH = 20;
    /** Most messages one request may ask for: 0xFFFF is the end-of-session count of a downstream packet. */
    public static final int MAX_COUNT = 0xFFFE;

    private DirectBuffer buffer;
    private int offset;

    /** Wraps a request at {@code offset}; reading needs {@link #LENGTH} bytes there. */
    public MoldUdp64Request wrap(DirectBuffer buffer, int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * Writes a request for {@code count} messages from {@code sequence} of the session given as its first 8 bytes
     * ({@code sessionHigh}, big-endian) and last 2 ({@code sessionLow}).
     *
     * @return {@link #LENGTH}
     */
    public static int encode(MutableDirectBuffer buffer, int offset, long sessionHigh, int sessionLow, long sequence,
                             int count) {
        buffer.putLong(offset + SESSION_OFFSET, sessionHigh, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + SESSION_OFFSET + 8, (short) sessionLow, ByteOrder.BIG_ENDIAN);
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + COUNT_OFFSET, (short) count, ByteOrder.BIG_ENDIAN);
        return LENGTH;
    }

    /** First 8 session bytes as a big-endian long. */
    public long sessionHigh() {
        return buffer.getLong(offset + SESSION_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /** Last 2 session bytes. */
    public int sessionLow() {
        return buffer.getShort(offset + SESSION_OFFSET + 8, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /** Sequence number of the first message wanted. */
    public long sequenceNumber() {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /** Messages wanted. */
    public int messageCount() {
        return buffer.getShort(offset + COUNT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /** The session as its 10 ASCII characters (tools only). */
    public String session() {
        byte[] bytes = new byte[MoldUdp64Packet.SESSION_LENGTH];
        buffer.getBytes(offset + SESSION_OFFSET, bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
