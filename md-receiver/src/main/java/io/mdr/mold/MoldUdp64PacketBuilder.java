package io.mdr.mold;

import io.mdr.net.PacketHeaders;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Packs messages into MoldUDP64 downstream packets:
 * <pre>
 *   session (10 bytes, ASCII, right-padded with spaces)
 *   sequence number of the first message (8 bytes, big-endian)
 *   message count (2 bytes, big-endian; 0 heartbeat, 0xFFFF end of session)
 *   message blocks: length (2 bytes, big-endian) + message
 * </pre>
 *
 * <p>A packet is built in place, in the builder's own buffer or one given to {@link #wrap} (such as a frame
 * buffer at a {@link UdpFrameBuilder}'s {@link UdpFrameBuilder#headerLength()}). Add messages with
 * {@link #tryAdd} until it refuses one, send {@link #length()} bytes from {@link #offset()}, then
 * {@link #clear()} to start the next packet: its first message follows on from the last one sent. Nothing
 * is allocated after construction. Not thread-safe.
 */
public final class MoldUdp64PacketBuilder {
    public static final int SESSION_OFFSET = 0;
    public static final int SESSION_LENGTH = 10;
    public static final int SEQUENCE_OFFSET = 10;
    public static final int COUNT_OFFSET = 18;
    public static final int HEADER_LENGTH = 20;
    public static final int MESSAGE_LENGTH_FIELD = 2;
    public static final int HEARTBEAT_COUNT = 0;
    public static final int END_OF_SESSION_COUNT = 0xFFFF;
    /** The most messages a packet may carry: 0xFFFF means end of session. */
    public static final int MAX_MESSAGE_COUNT = 0xFFFE;
    public static final int MAX_MESSAGE_LENGTH = 0xFFFF;
    public static final int DEFAULT_MTU = 1500;
    /** UDP payload that fits a 1500-byte MTU: 1500 - 20 (IPv4) - 8 (UDP) = 1472. */
    public static final int DEFAULT_MAX_PAYLOAD_LENGTH = maxPayloadForMtu(DEFAULT_MTU);

    private final byte[] session = new byte[SESSION_LENGTH];
    private final int maxPayloadLength;
    private MutableDirectBuffer buffer;
    private int offset;
    /** Sequence number of the first message of the packet being built. */
    private long sequenceNumber;
    private int messageCount;
    private int length;

    /** A builder for a 1500-byte MTU, into its own buffer. */
    public MoldUdp64PacketBuilder(String session, long nextSequence) {
        this(session, nextSequence, DEFAULT_MAX_PAYLOAD_LENGTH);
    }

    /**
     * A builder into its own buffer.
     *
     * @param session          up to 10 ASCII characters
     * @param nextSequence     sequence number of the first message
     * @param maxPayloadLength the largest packet to build (a UDP payload), e.g. {@link #maxPayloadForMtu(int)}
     */
    public MoldUdp64PacketBuilder(String session, long nextSequence, int maxPayloadLength) {
        if (maxPayloadLength < HEADER_LENGTH + MESSAGE_LENGTH_FIELD
                || maxPayloadLength > PacketHeaders.UDP_MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("max payload length " + maxPayloadLength + " outside "
                    + (HEADER_LENGTH + MESSAGE_LENGTH_FIELD) + ".." + PacketHeaders.UDP_MAX_PAYLOAD_LENGTH);
        }
        this.maxPayloadLength = maxPayloadLength;
        session(session);
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(maxPayloadLength));
        this.offset = 0;
        reset(nextSequence);
    }

    /** The UDP payload an IPv4 packet without options carries within {@code mtu}: mtu - 20 - 8. */
    public static int maxPayloadForMtu(int mtu) {
        return mtu - PacketHeaders.IPV4_HEADER_LENGTH - PacketHeaders.UDP_HEADER_LENGTH;
    }

    /**
     * Builds packets into {@code buffer} at {@code offset} from now on, starting a new, empty packet there.
     *
     * @throws IllegalArgumentException if fewer than {@link #maxPayloadLength()} bytes follow {@code offset}
     */
    public MoldUdp64PacketBuilder wrap(MutableDirectBuffer buffer, int offset) {
        if (offset < 0 || (long) offset + maxPayloadLength > buffer.capacity()) {
            throw new IllegalArgumentException("buffer of " + buffer.capacity() + " bytes has no room for "
                    + maxPayloadLength + " at offset " + offset);
        }
        this.buffer = buffer;
        this.offset = offset;
        clear();
        return this;
    }

    /** Changes the session (up to 10 printable ASCII characters) for packets started from now on. */
    public MoldUdp64PacketBuilder session(String session) {
        byte[] ascii = session.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > SESSION_LENGTH || !session.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("MoldUDP64 session must be at most " + SESSION_LENGTH
                    + " printable ASCII characters: '" + session + "'");
        }
        Arrays.fill(this.session, (byte) ' ');
        System.arraycopy(ascii, 0, this.session, 0, ascii.length);
        return this;
    }

    /**
     * Appends a message to the packet.
     *
     * @return false, changing nothing, if the message would take the packet past {@link #maxPayloadLength()}
     * (or past 0xFFFE messages): send this packet, {@link #clear()}, and add the message to the next
     * @throws IllegalArgumentException if the message could not fit even an empty packet
     */
    public boolean tryAdd(DirectBuffer message, int messageOffset, int messageLength) {
        if (messageLength < 0 || messageLength > maxPayloadLength - HEADER_LENGTH - MESSAGE_LENGTH_FIELD) {
            throw new IllegalArgumentException("a message of " + messageLength
                    + " bytes can never fit a MoldUDP64 packet of at most " + maxPayloadLength + " bytes");
        }
        if (length + MESSAGE_LENGTH_FIELD + messageLength > maxPayloadLength || messageCount == MAX_MESSAGE_COUNT) {
            return false;
        }
        if (messageCount == 0) {
            // A heartbeat or end-of-session may have overwritten the header since clear().
            writeHeader(sequenceNumber, 0);
        }
        int at = offset + length;
        buffer.putShort(at, (short) messageLength, ByteOrder.BIG_ENDIAN);
        buffer.putBytes(at + MESSAGE_LENGTH_FIELD, message, messageOffset, messageLength);
        length += MESSAGE_LENGTH_FIELD + messageLength;
        messageCount++;
        buffer.putShort(offset + COUNT_OFFSET, (short) messageCount, ByteOrder.BIG_ENDIAN);
        return true;
    }

    /** Starts a new, empty packet whose first message gets {@link #nextSequence()}. */
    public void clear() {
        sequenceNumber += messageCount;
        messageCount = 0;
        length = HEADER_LENGTH;
        writeHeader(sequenceNumber, 0);
    }

    /** Drops the packet being built and starts a new one whose first message gets {@code nextSequence}. */
    public void reset(long nextSequence) {
        sequenceNumber = nextSequence;
        messageCount = 0;
        clear();
    }

    /** Writes a heartbeat carrying {@link #nextSequence()}; see {@link #heartbeat(long)}. */
    public int heartbeat() {
        return heartbeat(nextSequence());
    }

    /**
     * Writes a heartbeat (message count 0) announcing {@code nextSequence} as the next message's sequence
     * number, in place of the (empty) packet being built; the sequence bookkeeping does not change.
     *
     * @return its length, 20
     * @throws IllegalStateException if the packet being built holds messages
     */
    public int heartbeat(long nextSequence) {
        return writeControlPacket(nextSequence, HEARTBEAT_COUNT);
    }

    /** Writes an end-of-session packet carrying {@link #nextSequence()}; see {@link #endOfSession(long)}. */
    public int endOfSession() {
        return endOfSession(nextSequence());
    }

    /**
     * Writes an end-of-session packet (message count 0xFFFF) with {@code nextSequence}, in place of the
     * (empty) packet being built.
     *
     * @return its length, 20
     * @throws IllegalStateException if the packet being built holds messages
     */
    public int endOfSession(long nextSequence) {
        return writeControlPacket(nextSequence, END_OF_SESSION_COUNT);
    }

    /** Sequence number of the first message of the packet being built. */
    public long sequenceNumber() {
        return sequenceNumber;
    }

    /** Sequence number the next message added will get. */
    public long nextSequence() {
        return sequenceNumber + messageCount;
    }

    public int messageCount() {
        return messageCount;
    }

    public boolean isEmpty() {
        return messageCount == 0;
    }

    /** Bytes of the packet so far, header included. */
    public int length() {
        return length;
    }

    /** Bytes still free before {@link #maxPayloadLength()}; a message takes 2 more than its length. */
    public int remaining() {
        return maxPayloadLength - length;
    }

    public int maxPayloadLength() {
        return maxPayloadLength;
    }

    /** Where packets are built. */
    public MutableDirectBuffer buffer() {
        return buffer;
    }

    /** Offset of the packet in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    public String session() {
        return new String(session, StandardCharsets.US_ASCII);
    }

    private int writeControlPacket(long nextSequence, int count) {
        if (messageCount != 0) {
            throw new IllegalStateException("packet being built holds " + messageCount
                    + " messages: send it and clear() first");
        }
        writeHeader(nextSequence, count);
        return HEADER_LENGTH;
    }

    private void writeHeader(long sequence, int count) {
        buffer.putBytes(offset + SESSION_OFFSET, session);
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + COUNT_OFFSET, (short) count, ByteOrder.BIG_ENDIAN);
    }
}
