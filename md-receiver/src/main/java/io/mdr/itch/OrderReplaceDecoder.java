package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Order Replace message ({@code 'U'}, 35 bytes) in a buffer.
 */
public final class OrderReplaceDecoder extends ItchMessageDecoder
{
    /** Message type byte of Order Replace. */
    public static final byte TYPE = ItchMessageType.ORDER_REPLACE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 35;

    /** Creates a decoder that must be wrapped before use. */
    public OrderReplaceDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public OrderReplaceDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #originalOrderReferenceNumber()} from the start of the message. */
    public static final int ORIGINAL_ORDER_REFERENCE_NUMBER_OFFSET = 11;

    /**
     * Original Order Reference Number: the order being replaced.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long originalOrderReferenceNumber()
    {
        return buffer.getLong(offset + ORIGINAL_ORDER_REFERENCE_NUMBER_OFFSET, BIG_ENDIAN);
    }

    /** Offset of {@link #newOrderReferenceNumber()} from the start of the message. */
    public static final int NEW_ORDER_REFERENCE_NUMBER_OFFSET = 19;

    /**
     * New Order Reference Number: the order replacing it.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long newOrderReferenceNumber()
    {
        return buffer.getLong(offset + NEW_ORDER_REFERENCE_NUMBER_OFFSET, BIG_ENDIAN);
    }

    /** Offset of {@link #shares()} from the start of the message. */
    public static final int SHARES_OFFSET = 27;

    /** Shares: displayed quantity of the new order. */
    public long shares()
    {
        return buffer.getInt(offset + SHARES_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #price()} from the start of the message. */
    public static final int PRICE_OFFSET = 31;

    /** Price: limit price of the new order (4 implied decimals). */
    public long price()
    {
        return buffer.getInt(offset + PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }
}
