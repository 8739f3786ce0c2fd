package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Order Delete message ({@code 'D'}, 19 bytes) in a buffer.
 */
public final class OrderDeleteDecoder extends ItchMessageDecoder
{
    /** Message type byte of Order Delete. */
    public static final byte TYPE = ItchMessageType.ORDER_DELETE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 19;

    /** Creates a decoder that must be wrapped before use. */
    public OrderDeleteDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public OrderDeleteDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #orderReferenceNumber()} from the start of the message. */
    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 11;

    /**
     * Order Reference Number of the deleted order.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long orderReferenceNumber()
    {
        return buffer.getLong(offset + ORDER_REFERENCE_NUMBER_OFFSET, BIG_ENDIAN);
    }
}
