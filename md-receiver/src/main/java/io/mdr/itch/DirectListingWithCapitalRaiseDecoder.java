package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Direct Listing with Capital Raise Price Discovery message ({@code 'O'}, 48 bytes) in
 * a buffer.
 */
public final class DirectListingWithCapitalRaiseDecoder extends ItchMessageDecoder
{
    /** Message type byte of Direct Listing with Capital Raise Price Discovery. */
    public static final byte TYPE = ItchMessageType.DIRECT_LISTING_WITH_CAPITAL_RAISE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 48;

    /** Creates a decoder that must be wrapped before use. */
    public DirectListingWithCapitalRaiseDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public DirectListingWithCapitalRaiseDecoder wrap(final DirectBuffer buffer, final int offset)
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

    /** Offset of {@link #openEligibilityStatus()} from the start of the message. */
    public static final int OPEN_ELIGIBILITY_STATUS_OFFSET = 19;

    /** Open Eligibility Status: 'N' not eligible, 'Y' eligible. */
    public char openEligibilityStatus()
    {
        return (char)(buffer.getByte(offset + OPEN_ELIGIBILITY_STATUS_OFFSET) & 0xFF);
    }

    /** Offset of {@link #minimumAllowablePrice()} from the start of the message. */
    public static final int MINIMUM_ALLOWABLE_PRICE_OFFSET = 20;

    /** Minimum Allowable Price (4 implied decimals). */
    public long minimumAllowablePrice()
    {
        return buffer.getInt(offset + MINIMUM_ALLOWABLE_PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #maximumAllowablePrice()} from the start of the message. */
    public static final int MAXIMUM_ALLOWABLE_PRICE_OFFSET = 24;

    /** Maximum Allowable Price (4 implied decimals). */
    public long maximumAllowablePrice()
    {
        return buffer.getInt(offset + MAXIMUM_ALLOWABLE_PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #nearExecutionPrice()} from the start of the message. */
    public static final int NEAR_EXECUTION_PRICE_OFFSET = 28;

    /** Near Execution Price (4 implied decimals). */
    public long nearExecutionPrice()
    {
        return buffer.getInt(offset + NEAR_EXECUTION_PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #nearExecutionTime()} from the start of the message. */
    public static final int NEAR_EXECUTION_TIME_OFFSET = 32;

    /**
     * Near Execution Time: nanoseconds since midnight at which the near execution price was set.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long nearExecutionTime()
    {
        return buffer.getLong(offset + NEAR_EXECUTION_TIME_OFFSET, BIG_ENDIAN);
    }

    /** Offset of {@link #lowerPriceRangeCollar()} from the start of the message. */
    public static final int LOWER_PRICE_RANGE_COLLAR_OFFSET = 40;

    /** Lower Price Range Collar (4 implied decimals). */
    public long lowerPriceRangeCollar()
    {
        return buffer.getInt(offset + LOWER_PRICE_RANGE_COLLAR_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #upperPriceRangeCollar()} from the start of the message. */
    public static final int UPPER_PRICE_RANGE_COLLAR_OFFSET = 44;

    /** Upper Price Range Collar (4 implied decimals). */
    public long upperPriceRangeCollar()
    {
        return buffer.getInt(offset + UPPER_PRICE_RANGE_COLLAR_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }
}
