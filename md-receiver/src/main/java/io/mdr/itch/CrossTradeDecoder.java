package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Cross Trade message ({@code 'Q'}, 40 bytes) in a buffer.
 */
public final class CrossTradeDecoder extends ItchMessageDecoder
{
    /** Message type byte of Cross Trade. */
    public static final byte TYPE = ItchMessageType.CROSS_TRADE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 40;

    /** Creates a decoder that must be wrapped before use. */
    public CrossTradeDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public CrossTradeDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #shares()} from the start of the message. */
    public static final int SHARES_OFFSET = 11;

    /**
     * Shares: quantity matched in the cross.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long shares()
    {
        return buffer.getLong(offset + SHARES_OFFSET, BIG_ENDIAN);
    }

    /** Offset of {@link #stock()} from the start of the message. */
    public static final int STOCK_OFFSET = 19;
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

    /** Offset of {@link #crossPrice()} from the start of the message. */
    public static final int CROSS_PRICE_OFFSET = 27;

    /** Cross Price (4 implied decimals). */
    public long crossPrice()
    {
        return buffer.getInt(offset + CROSS_PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #matchNumber()} from the start of the message. */
    public static final int MATCH_NUMBER_OFFSET = 31;

    /**
     * Match Number: day-unique identifier of the cross.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long matchNumber()
    {
        return buffer.getLong(offset + MATCH_NUMBER_OFFSET, BIG_ENDIAN);
    }

    /** Offset of {@link #crossType()} from the start of the message. */
    public static final int CROSS_TYPE_OFFSET = 39;

    /** Cross Type: 'O' opening, 'C' closing, 'H' IPO or halted, 'I' intraday or post-close. */
    public char crossType()
    {
        return (char)(buffer.getByte(offset + CROSS_TYPE_OFFSET) & 0xFF);
    }
}
