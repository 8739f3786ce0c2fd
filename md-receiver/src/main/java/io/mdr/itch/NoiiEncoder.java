package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.NoiiDecoder.CROSS_TYPE_OFFSET;
import static io.mdr.itch.NoiiDecoder.CURRENT_REFERENCE_PRICE_OFFSET;
import static io.mdr.itch.NoiiDecoder.FAR_PRICE_OFFSET;
import static io.mdr.itch.NoiiDecoder.IMBALANCE_DIRECTION_OFFSET;
import static io.mdr.itch.NoiiDecoder.IMBALANCE_SHARES_OFFSET;
import static io.mdr.itch.NoiiDecoder.NEAR_PRICE_OFFSET;
import static io.mdr.itch.NoiiDecoder.PAIRED_SHARES_OFFSET;
import static io.mdr.itch.NoiiDecoder.PRICE_VARIATION_INDICATOR_OFFSET;
import static io.mdr.itch.NoiiDecoder.STOCK_LENGTH;
import static io.mdr.itch.NoiiDecoder.STOCK_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Net Order Imbalance Indicator (NOII) message ({@code 'I'}, 50 bytes). The
 * fields, their meaning and offsets are those of {@link NoiiDecoder}.
 */
public final class NoiiEncoder extends ItchMessageEncoder<NoiiEncoder>
{
    /** Message type byte of Net Order Imbalance Indicator (NOII). */
    public static final byte TYPE = NoiiDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = NoiiDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public NoiiEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code pairedShares}. */
    public NoiiEncoder pairedShares(final long value)
    {
        buffer.putLong(offset + PAIRED_SHARES_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code imbalanceShares}. */
    public NoiiEncoder imbalanceShares(final long value)
    {
        buffer.putLong(offset + IMBALANCE_SHARES_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code imbalanceDirection}. */
    public NoiiEncoder imbalanceDirection(final char value)
    {
        buffer.putByte(offset + IMBALANCE_DIRECTION_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public NoiiEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code farPrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public NoiiEncoder farPrice(final long value)
    {
        buffer.putInt(offset + FAR_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code nearPrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public NoiiEncoder nearPrice(final long value)
    {
        buffer.putInt(offset + NEAR_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code currentReferencePrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public NoiiEncoder currentReferencePrice(final long value)
    {
        buffer.putInt(offset + CURRENT_REFERENCE_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code crossType}. */
    public NoiiEncoder crossType(final char value)
    {
        buffer.putByte(offset + CROSS_TYPE_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code priceVariationIndicator}. */
    public NoiiEncoder priceVariationIndicator(final char value)
    {
        buffer.putByte(offset + PRICE_VARIATION_INDICATOR_OFFSET, (byte)value);
        return this;
    }
}
