package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.CrossTradeDecoder.CROSS_PRICE_OFFSET;
import static io.mdr.itch.CrossTradeDecoder.CROSS_TYPE_OFFSET;
import static io.mdr.itch.CrossTradeDecoder.MATCH_NUMBER_OFFSET;
import static io.mdr.itch.CrossTradeDecoder.SHARES_OFFSET;
import static io.mdr.itch.CrossTradeDecoder.STOCK_LENGTH;
import static io.mdr.itch.CrossTradeDecoder.STOCK_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Cross Trade message ({@code 'Q'}, 40 bytes). The fields, their meaning and
 * offsets are those of {@link CrossTradeDecoder}.
 */
public final class CrossTradeEncoder extends ItchMessageEncoder<CrossTradeEncoder>
{
    /** Message type byte of Cross Trade. */
    public static final byte TYPE = CrossTradeDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = CrossTradeDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public CrossTradeEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code shares}. */
    public CrossTradeEncoder shares(final long value)
    {
        buffer.putLong(offset + SHARES_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public CrossTradeEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code crossPrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public CrossTradeEncoder crossPrice(final long value)
    {
        buffer.putInt(offset + CROSS_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code matchNumber}. */
    public CrossTradeEncoder matchNumber(final long value)
    {
        buffer.putLong(offset + MATCH_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code crossType}. */
    public CrossTradeEncoder crossType(final char value)
    {
        buffer.putByte(offset + CROSS_TYPE_OFFSET, (byte)value);
        return this;
    }
}
