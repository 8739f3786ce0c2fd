package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.OrderCancelDecoder.CANCELLED_SHARES_OFFSET;
import static io.mdr.itch.OrderCancelDecoder.ORDER_REFERENCE_NUMBER_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Order Cancel message ({@code 'X'}, 23 bytes). The fields, their meaning and
 * offsets are those of {@link OrderCancelDecoder}.
 */
public final class OrderCancelEncoder extends ItchMessageEncoder<OrderCancelEncoder>
{
    /** Message type byte of Order Cancel. */
    public static final byte TYPE = OrderCancelDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = OrderCancelDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public OrderCancelEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code orderReferenceNumber}. */
    public OrderCancelEncoder orderReferenceNumber(final long value)
    {
        buffer.putLong(offset + ORDER_REFERENCE_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code cancelledShares}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public OrderCancelEncoder cancelledShares(final long value)
    {
        buffer.putInt(offset + CANCELLED_SHARES_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }
}
