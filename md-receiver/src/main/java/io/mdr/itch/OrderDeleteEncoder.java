package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.OrderDeleteDecoder.ORDER_REFERENCE_NUMBER_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Order Delete message ({@code 'D'}, 19 bytes). The fields, their meaning and
 * offsets are those of {@link OrderDeleteDecoder}.
 */
public final class OrderDeleteEncoder extends ItchMessageEncoder<OrderDeleteEncoder>
{
    /** Message type byte of Order Delete. */
    public static final byte TYPE = OrderDeleteDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = OrderDeleteDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public OrderDeleteEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code orderReferenceNumber}. */
    public OrderDeleteEncoder orderReferenceNumber(final long value)
    {
        buffer.putLong(offset + ORDER_REFERENCE_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }
}
