package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 IPO Quoting Period Update message ({@code 'K'}, 28 bytes) in a buffer.
 */
public final class IpoQuotingPeriodUpdateDecoder extends ItchMessageDecoder
{
    /** Message type byte of IPO Quoting Period Update. */
    public static final byte TYPE = ItchMessageType.IPO_QUOTING_PERIOD_UPDATE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 28;

    /** Creates a decoder that must be wrapped before use. */
    public IpoQuotingPeriodUpdateDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public IpoQuotingPeriodUpdateDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #stock()} from the start of the message. */
    public static final int STOCK_OFFSET = 11;
    /** Width of {@link #stock()} in bytes. */
    public static final int STOCK_LENGTH = 8;

    /** The 8 raw bytes of {@link #stock()} as a big-endian long: a zero-allocation key. */
    public long stockAsLong()
    {
        return buffer.getLong(offset + STOCK_OFFSET, BIG_ENDIAN);
    }

    /** Copies the 8 raw bytes of {@link #stock()}, padding included, into {@code dst}; returns 8. */
    public int getStock(final byte[] dst, final int dstOffset)
    {
        buffer.getBytes(offset + STOCK_OFFSET, dst, dstOffset, STOCK_LENGTH);
        return STOCK_LENGTH;
    }

    /** Appends {@link #stock()} without trailing spaces to {@code sb}; returns the number of chars appended. */
    public int appendStock(final StringBuilder sb)
    {
        return ItchFields.appendAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, sb);
    }

    /** Stock: security symbol, trailing spaces trimmed (allocates: for tools, not the hot path). */
    public String stock()
    {
        return ItchFields.alphaString(buffer, offset + STOCK_OFFSET, STOCK_LENGTH);
    }

    /** Offset of {@link #ipoQuotationReleaseTime()} from the start of the message. */
    public static final int IPO_QUOTATION_RELEASE_TIME_OFFSET = 19;

    /** IPO Quotation Release Time: seconds since midnight. */
    public long ipoQuotationReleaseTime()
    {
        return buffer.getInt(offset + IPO_QUOTATION_RELEASE_TIME_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #ipoQuotationReleaseQualifier()} from the start of the message. */
    public static final int IPO_QUOTATION_RELEASE_QUALIFIER_OFFSET = 23;

    /** IPO Quotation Release Qualifier: 'A' anticipated release time, 'C' release canceled or postponed. */
    public char ipoQuotationReleaseQualifier()
    {
        return (char)(buffer.getByte(offset + IPO_QUOTATION_RELEASE_QUALIFIER_OFFSET) & 0xFF);
    }

    /** Offset of {@link #ipoPrice()} from the start of the message. */
    public static final int IPO_PRICE_OFFSET = 24;

    /** IPO Price (4 implied decimals). */
    public long ipoPrice()
    {
        return buffer.getInt(offset + IPO_PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }
}
