package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Operational Halt message ({@code 'h'}, 21 bytes) in a buffer.
 */
public final class OperationalHaltDecoder extends ItchMessageDecoder
{
    /** Message type byte of Operational Halt. */
    public static final byte TYPE = ItchMessageType.OPERATIONAL_HALT;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 21;

    /** Creates a decoder that must be wrapped before use. */
    public OperationalHaltDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public OperationalHaltDecoder wrap(final DirectBuffer buffer, final int offset)
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

    /** Offset of {@link #marketCode()} from the start of the message. */
    public static final int MARKET_CODE_OFFSET = 19;

    /** Market Code: 'Q' Nasdaq, 'B' BX, 'X' PSX. */
    public char marketCode()
    {
        return (char)(buffer.getByte(offset + MARKET_CODE_OFFSET) & 0xFF);
    }

    /** Offset of {@link #operationalHaltAction()} from the start of the message. */
    public static final int OPERATIONAL_HALT_ACTION_OFFSET = 20;

    /** Operational Halt Action: 'H' operationally halted, 'T' halt lifted. */
    public char operationalHaltAction()
    {
        return (char)(buffer.getByte(offset + OPERATIONAL_HALT_ACTION_OFFSET) & 0xFF);
    }
}
