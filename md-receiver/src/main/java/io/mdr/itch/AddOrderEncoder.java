package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.AddOrderDecoder.BUY_SELL_INDICATOR_OFFSET;
import static io.mdr.itch.AddOrderDecoder.ORDER_REFERENCE_NUMBER_OFFSET;
import static io.mdr.itch.AddOrderDecoder.PRICE_OFFSET;
import static io.mdr.itch.AddOrderDecoder.SHARES_OFFSET;
import static io.mdr.itch.AddOrderDecoder.STOCK_LENGTH;
import static io.mdr.itch.AddOrderDecoder.STOCK_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Add Order - No MPID Attribution message ({@code 'A'}, 36 bytes). The fields,
 * their meaning and offsets are those of {@link AddOrderDecoder}.
 */
public final class AddOrderEncoder extends ItchMessageEncoder<AddOrderEncoder>
{
    /** Message type byte of Add Order - No MPID Attribution. */
    public static final byte TYPE = AddOrderDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = AddOrderDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public AddOrderEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code orderReferenceNumber}. */
    public AddOrderEncoder orderReferenceNumber(final long value)
    {
        buffer.putLong(offset + ORDER_REFERENCE_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code buySellIndicator}. */
    public AddOrderEncoder buySellIndicator(final char value)
    {
        buffer.putByte(offset + BUY_SELL_INDICATOR_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code shares}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public AddOrderEncoder shares(final long value)
    {
        buffer.putInt(offset + SHARES_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public AddOrderEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code price}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public AddOrderEncoder price(final long value)
    {
        buffer.putInt(offset + PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }
}
