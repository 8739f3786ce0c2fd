package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Reg SHO Short Sale Price Test Restricted Indicator message ({@code 'Y'}, 20 bytes) in
 * a buffer.
 */
public final class RegShoRestrictionDecoder extends ItchMessageDecoder
{
    /** Message type byte of Reg SHO Short Sale Price Test Restricted Indicator. */
    public static final byte TYPE = ItchMessageType.REG_SHO_RESTRICTION;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 20;

    /** Creates a decoder that must be wrapped before use. */
    public RegShoRestrictionDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public RegShoRestrictionDecoder wrap(final DirectBuffer buffer, final int offset)
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

    /** Offset of {@link #regShoAction()} from the start of the message. */
    public static final int REG_SHO_ACTION_OFFSET = 19;

    /** Reg SHO Action: '0' no price test, '1' restriction in effect (intra-day drop), '2' restriction remains. */
    public char regShoAction()
    {
        return (char)(buffer.getByte(offset + REG_SHO_ACTION_OFFSET) & 0xFF);
    }
}
