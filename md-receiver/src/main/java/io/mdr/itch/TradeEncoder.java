package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.TradeDecoder.BUY_SELL_INDICATOR_OFFSET;
import static io.mdr.itch.TradeDecoder.MATCH_NUMBER_OFFSET;
import static io.mdr.itch.TradeDecoder.ORDER_REFERENCE_NUMBER_OFFSET;
import static io.mdr.itch.TradeDecoder.PRICE_OFFSET;
import static io.mdr.itch.TradeDecoder.SHARES_OFFSET;
import static io.mdr.itch.TradeDecoder.STOCK_LENGTH;
import static io.mdr.itch.TradeDecoder.STOCK_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Trade (Non-Cross) message ({@code 'P'}, 44 bytes). The fields, their meaning and
 * offsets are those of {@link TradeDecoder}.
 */
public final class TradeEncoder extends ItchMessageEncoder<TradeEncoder>
{
    /** Message type byte of Trade (Non-Cross). */
    public static final byte TYPE = TradeDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = TradeDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public TradeEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code orderReferenceNumber}. */
    public TradeEncoder orderReferenceNumber(final long value)
    {
        buffer.putLong(offset + ORDER_REFERENCE_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code buySellIndicator}. */
    public TradeEncoder buySellIndicator(final char value)
    {
        buffer.putByte(offset + BUY_SELL_INDICATOR_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code shares}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public TradeEncoder shares(final long value)
    {
        buffer.putInt(offset + SHARES_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public TradeEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code price}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public TradeEncoder price(final long value)
    {
        buffer.putInt(offset + PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code matchNumber}. */
    public TradeEncoder matchNumber(final long value)
    {
        buffer.putLong(offset + MATCH_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }
}
