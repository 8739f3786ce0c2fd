package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Add Order with MPID Attribution message ({@code 'F'}, 40 bytes) in a buffer.
 */
public final class AddOrderMpidDecoder extends ItchMessageDecoder
{
    /** Message type byte of Add Order with MPID Attribution. */
    public static final byte TYPE = ItchMessageType.ADD_ORDER_MPID;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 40;

    /** Creates a decoder that must be wrapped before use. */
    public AddOrderMpidDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public AddOrderMpidDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #orderReferenceNumber()} from the start of the message. */
    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 11;

    /**
     * Order Reference Number: day-unique reference of the new order.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long orderReferenceNumber()
    {
        return buffer.getLong(offset + ORDER_REFERENCE_NUMBER_OFFSET, BIG_ENDIAN);
    }

    /** Offset of {@link #buySellIndicator()} from the start of the message. */
    public static final int BUY_SELL_INDICATOR_OFFSET = 19;

    /** Buy/Sell Indicator: 'B' buy, 'S' sell. */
    public char buySellIndicator()
    {
        return (char)(buffer.getByte(offset + BUY_SELL_INDICATOR_OFFSET) & 0xFF);
    }

    /** Offset of {@link #shares()} from the start of the message. */
    public static final int SHARES_OFFSET = 20;

    /** Shares: displayed quantity of the new order. */
    public long shares()
    {
        return buffer.getInt(offset + SHARES_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #stock()} from the start of the message. */
    public static final int STOCK_OFFSET = 24;
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

    /** Offset of {@link #price()} from the start of the message. */
    public static final int PRICE_OFFSET = 32;

    /** Price: limit price of the new order (4 implied decimals). */
    public long price()
    {
        return buffer.getInt(offset + PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #attribution()} from the start of the message. */
    public static final int ATTRIBUTION_OFFSET = 36;
    /** Width of {@link #attribution()} in bytes. */
    public static final int ATTRIBUTION_LENGTH = 4;

    /** The 4 raw bytes of {@link #attribution()} as a big-endian int: a zero-allocation key. */
    public int attributionAsInt()
    {
        return buffer.getInt(offset + ATTRIBUTION_OFFSET, BIG_ENDIAN);
    }

    /** Copies the 4 raw bytes of {@link #attribution()}, padding included, into {@code dst}; returns 4. */
    public int getAttribution(final byte[] dst, final int dstOffset)
    {
        buffer.getBytes(offset + ATTRIBUTION_OFFSET, dst, dstOffset, ATTRIBUTION_LENGTH);
        return ATTRIBUTION_LENGTH;
    }

    /** Appends {@link #attribution()} without trailing spaces to {@code sb}; returns the number of chars appended. */
    public int appendAttribution(final StringBuilder sb)
    {
        return ItchFields.appendAlpha(buffer, offset + ATTRIBUTION_OFFSET, ATTRIBUTION_LENGTH, sb);
    }

    /** Attribution: MPID of the entering firm, trailing spaces trimmed (allocates: for tools, not the hot path). */
    public String attribution()
    {
        return ItchFields.alphaString(buffer, offset + ATTRIBUTION_OFFSET, ATTRIBUTION_LENGTH);
    }
}
