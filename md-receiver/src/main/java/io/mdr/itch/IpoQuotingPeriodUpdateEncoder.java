package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.IpoQuotingPeriodUpdateDecoder.IPO_PRICE_OFFSET;
import static io.mdr.itch.IpoQuotingPeriodUpdateDecoder.IPO_QUOTATION_RELEASE_QUALIFIER_OFFSET;
import static io.mdr.itch.IpoQuotingPeriodUpdateDecoder.IPO_QUOTATION_RELEASE_TIME_OFFSET;
import static io.mdr.itch.IpoQuotingPeriodUpdateDecoder.STOCK_LENGTH;
import static io.mdr.itch.IpoQuotingPeriodUpdateDecoder.STOCK_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 IPO Quoting Period Update message ({@code 'K'}, 28 bytes). The fields, their
 * meaning and offsets are those of {@link IpoQuotingPeriodUpdateDecoder}.
 */
public final class IpoQuotingPeriodUpdateEncoder extends ItchMessageEncoder<IpoQuotingPeriodUpdateEncoder>
{
    /** Message type byte of IPO Quoting Period Update. */
    public static final byte TYPE = IpoQuotingPeriodUpdateDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = IpoQuotingPeriodUpdateDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public IpoQuotingPeriodUpdateEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public IpoQuotingPeriodUpdateEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code ipoQuotationReleaseTime}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public IpoQuotingPeriodUpdateEncoder ipoQuotationReleaseTime(final long value)
    {
        buffer.putInt(offset + IPO_QUOTATION_RELEASE_TIME_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code ipoQuotationReleaseQualifier}. */
    public IpoQuotingPeriodUpdateEncoder ipoQuotationReleaseQualifier(final char value)
    {
        buffer.putByte(offset + IPO_QUOTATION_RELEASE_QUALIFIER_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code ipoPrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public IpoQuotingPeriodUpdateEncoder ipoPrice(final long value)
    {
        buffer.putInt(offset + IPO_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }
}
