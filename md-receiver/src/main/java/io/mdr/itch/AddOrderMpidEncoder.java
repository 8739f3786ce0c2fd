package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.AddOrderMpidDecoder.ATTRIBUTION_LENGTH;
import static io.mdr.itch.AddOrderMpidDecoder.ATTRIBUTION_OFFSET;
import static io.mdr.itch.AddOrderMpidDecoder.BUY_SELL_INDICATOR_OFFSET;
import static io.mdr.itch.AddOrderMpidDecoder.ORDER_REFERENCE_NUMBER_OFFSET;
import static io.mdr.itch.AddOrderMpidDecoder.PRICE_OFFSET;
import static io.mdr.itch.AddOrderMpidDecoder.SHARES_OFFSET;
import static io.mdr.itch.AddOrderMpidDecoder.STOCK_LENGTH;
import static io.mdr.itch.AddOrderMpidDecoder.STOCK_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Add Order with MPID Attribution message ({@code 'F'}, 40 bytes). The fields,
 * their meaning and offsets are those of {@link AddOrderMpidDecoder}.
 */
public final class AddOrderMpidEncoder extends ItchMessageEncoder<AddOrderMpidEncoder>
{
    /** Message type byte of Add Order with MPID Attribution. */
    public static final byte TYPE = AddOrderMpidDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = AddOrderMpidDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public AddOrderMpidEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code orderReferenceNumber}. */
    public AddOrderMpidEncoder orderReferenceNumber(final long value)
    {
        buffer.putLong(offset + ORDER_REFERENCE_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code buySellIndicator}. */
    public AddOrderMpidEncoder buySellIndicator(final char value)
    {
        buffer.putByte(offset + BUY_SELL_INDICATOR_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code shares}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public AddOrderMpidEncoder shares(final long value)
    {
        buffer.putInt(offset + SHARES_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public AddOrderMpidEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code price}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public AddOrderMpidEncoder price(final long value)
    {
        buffer.putInt(offset + PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code attribution}, padded with spaces or truncated to 4 characters. */
    public AddOrderMpidEncoder attribution(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + ATTRIBUTION_OFFSET, ATTRIBUTION_LENGTH, value);
        return this;
    }
}
