package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.OrderExecutedDecoder.EXECUTED_SHARES_OFFSET;
import static io.mdr.itch.OrderExecutedDecoder.MATCH_NUMBER_OFFSET;
import static io.mdr.itch.OrderExecutedDecoder.ORDER_REFERENCE_NUMBER_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Order Executed message ({@code 'E'}, 31 bytes). The fields, their meaning and
 * offsets are those of {@link OrderExecutedDecoder}.
 */
public final class OrderExecutedEncoder extends ItchMessageEncoder<OrderExecutedEncoder>
{
    /** Message type byte of Order Executed. */
    public static final byte TYPE = OrderExecutedDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = OrderExecutedDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public OrderExecutedEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code orderReferenceNumber}. */
    public OrderExecutedEncoder orderReferenceNumber(final long value)
    {
        buffer.putLong(offset + ORDER_REFERENCE_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code executedShares}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public OrderExecutedEncoder executedShares(final long value)
    {
        buffer.putInt(offset + EXECUTED_SHARES_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code matchNumber}. */
    public OrderExecutedEncoder matchNumber(final long value)
    {
        buffer.putLong(offset + MATCH_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }
}
