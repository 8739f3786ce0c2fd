package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Retail Price Improvement Indicator (RPII) message ({@code 'N'}, 20 bytes) in a
 * buffer.
 */
public final class RetailPriceImprovementDecoder extends ItchMessageDecoder
{
    /** Message type byte of Retail Price Improvement Indicator (RPII). */
    public static final byte TYPE = ItchMessageType.RETAIL_PRICE_IMPROVEMENT;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 20;

    /** Creates a decoder that must be wrapped before use. */
    public RetailPriceImprovementDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public RetailPriceImprovementDecoder wrap(final DirectBuffer buffer, final int offset)
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

    /** Offset of {@link #interestFlag()} from the start of the message. */
    public static final int INTEREST_FLAG_OFFSET = 19;

    /** Interest Flag: 'B' buy-side interest, 'S' sell-side, 'A' both, 'N' none. */
    public char interestFlag()
    {
        return (char)(buffer.getByte(offset + INTEREST_FLAG_OFFSET) & 0xFF);
    }
}
