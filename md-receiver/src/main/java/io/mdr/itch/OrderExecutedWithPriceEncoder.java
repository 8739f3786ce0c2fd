package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.OrderExecutedWithPriceDecoder.EXECUTED_SHARES_OFFSET;
import static io.mdr.itch.OrderExecutedWithPriceDecoder.EXECUTION_PRICE_OFFSET;
import static io.mdr.itch.OrderExecutedWithPriceDecoder.MATCH_NUMBER_OFFSET;
import static io.mdr.itch.OrderExecutedWithPriceDecoder.ORDER_REFERENCE_NUMBER_OFFSET;
import static io.mdr.itch.OrderExecutedWithPriceDecoder.PRINTABLE_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Order Executed With Price message ({@code 'C'}, 36 bytes). The fields, their
 * meaning and offsets are those of {@link OrderExecutedWithPriceDecoder}.
 */
public final class OrderExecutedWithPriceEncoder extends ItchMessageEncoder<OrderExecutedWithPriceEncoder>
{
    /** Message type byte of Order Executed With Price. */
    public static final byte TYPE = OrderExecutedWithPriceDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = OrderExecutedWithPriceDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public OrderExecutedWithPriceEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code orderReferenceNumber}. */
    public OrderExecutedWithPriceEncoder orderReferenceNumber(final long value)
    {
        buffer.putLong(offset + ORDER_REFERENCE_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code executedShares}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public OrderExecutedWithPriceEncoder executedShares(final long value)
    {
        buffer.putInt(offset + EXECUTED_SHARES_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code matchNumber}. */
    public OrderExecutedWithPriceEncoder matchNumber(final long value)
    {
        buffer.putLong(offset + MATCH_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code printable}. */
    public OrderExecutedWithPriceEncoder printable(final char value)
    {
        buffer.putByte(offset + PRINTABLE_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code executionPrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public OrderExecutedWithPriceEncoder executionPrice(final long value)
    {
        buffer.putInt(offset + EXECUTION_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }
}
