package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.RetailPriceImprovementDecoder.INTEREST_FLAG_OFFSET;
import static io.mdr.itch.RetailPriceImprovementDecoder.STOCK_LENGTH;
import static io.mdr.itch.RetailPriceImprovementDecoder.STOCK_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Retail Price Improvement Indicator (RPII) message ({@code 'N'}, 20 bytes). The
 * fields, their meaning and offsets are those of {@link RetailPriceImprovementDecoder}.
 */
public final class RetailPriceImprovementEncoder extends ItchMessageEncoder<RetailPriceImprovementEncoder>
{
    /** Message type byte of Retail Price Improvement Indicator (RPII). */
    public static final byte TYPE = RetailPriceImprovementDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = RetailPriceImprovementDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public RetailPriceImprovementEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public RetailPriceImprovementEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code interestFlag}. */
    public RetailPriceImprovementEncoder interestFlag(final char value)
    {
        buffer.putByte(offset + INTEREST_FLAG_OFFSET, (byte)value);
        return this;
    }
}
