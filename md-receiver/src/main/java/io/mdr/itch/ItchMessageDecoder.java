package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Base of the ITCH 5.0 flyweight decoders: the buffer and offset it is wrapped over, and the header every message
 * starts with (type, stock locate, tracking number, timestamp). A decoder allocates nothing and checks nothing:
 * the caller makes sure {@link #length()} bytes are readable at the offset before reading fields, as the receiver
 * does with the MoldUDP64 message block length.
 */
public abstract class ItchMessageDecoder
{
    /** Offset of {@link #messageType()}. */
    public static final int MESSAGE_TYPE_OFFSET = 0;
    /** Offset of {@link #stockLocate()}. */
    public static final int STOCK_LOCATE_OFFSET = 1;
    /** Offset of {@link #trackingNumber()}. */
    public static final int TRACKING_NUMBER_OFFSET = 3;
    /** Offset of {@link #timestamp()}. */
    public static final int TIMESTAMP_OFFSET = 5;
    /** Length of the common header; the first message-specific field starts here. */
    public static final int HEADER_LENGTH = 11;

    /** Buffer the decoder is wrapped over. */
    protected DirectBuffer buffer;
    /** Offset of the message's type byte in {@link #buffer}. */
    protected int offset;

    private final byte expectedType;
    private final int length;

    ItchMessageDecoder(final byte expectedType, final int length)
    {
        this.expectedType = expectedType;
        this.length = length;
    }

    /** Points this decoder at the message whose type byte is at {@code offset} in {@code buffer}; returns this. */
    public ItchMessageDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** Buffer the decoder is wrapped over. */
    public final DirectBuffer buffer()
    {
        return buffer;
    }

    /** Offset of the message in {@link #buffer()}. */
    public final int offset()
    {
        return offset;
    }

    /** Type byte of the messages this decoder reads (compare with {@link #messageType()}). */
    public final byte expectedType()
    {
        return expectedType;
    }

    /** Length in bytes of the messages this decoder reads, type byte included. */
    public final int length()
    {
        return length;
    }

    /** Message Type: the type byte of the wrapped message. */
    public final byte messageType()
    {
        return buffer.getByte(offset + MESSAGE_TYPE_OFFSET);
    }

    /** Stock Locate: locate code of the security (0 for messages not about one security), unsigned 16-bit. */
    public final int stockLocate()
    {
        return buffer.getShort(offset + STOCK_LOCATE_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /** Tracking Number: Nasdaq internal tracking number, unsigned 16-bit. */
    public final int trackingNumber()
    {
        return buffer.getShort(offset + TRACKING_NUMBER_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /** Timestamp: nanoseconds since midnight, unsigned 48-bit. */
    public final long timestamp()
    {
        return ItchFields.uint48(buffer, offset + TIMESTAMP_OFFSET);
    }
}
