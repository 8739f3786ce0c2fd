package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.OrderReplaceDecoder.NEW_ORDER_REFERENCE_NUMBER_OFFSET;
import static io.mdr.itch.OrderReplaceDecoder.ORIGINAL_ORDER_REFERENCE_NUMBER_OFFSET;
import static io.mdr.itch.OrderReplaceDecoder.PRICE_OFFSET;
import static io.mdr.itch.OrderReplaceDecoder.SHARES_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Order Replace message ({@code 'U'}, 35 bytes). The fields, their meaning and
 * offsets are those of {@link OrderReplaceDecoder}.
 */
public final class OrderReplaceEncoder extends ItchMessageEncoder<OrderReplaceEncoder>
{
    /** Message type byte of Order Replace. */
    public static final byte TYPE = OrderReplaceDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = OrderReplaceDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public OrderReplaceEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code originalOrderReferenceNumber}. */
    public OrderReplaceEncoder originalOrderReferenceNumber(final long value)
    {
        buffer.putLong(offset + ORIGINAL_ORDER_REFERENCE_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code newOrderReferenceNumber}. */
    public OrderReplaceEncoder newOrderReferenceNumber(final long value)
    {
        buffer.putLong(offset + NEW_ORDER_REFERENCE_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code shares}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public OrderReplaceEncoder shares(final long value)
    {
        buffer.putInt(offset + SHARES_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code price}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public OrderReplaceEncoder price(final long value)
    {
        buffer.putInt(offset + PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }
}
