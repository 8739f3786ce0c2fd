package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Stock Trading Action message ({@code 'H'}, 25 bytes) in a buffer.
 */
public final class StockTradingActionDecoder extends ItchMessageDecoder
{
    /** Message type byte of Stock Trading Action. */
    public static final byte TYPE = ItchMessageType.STOCK_TRADING_ACTION;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 25;

    /** Creates a decoder that must be wrapped before use. */
    public StockTradingActionDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public StockTradingActionDecoder wrap(final DirectBuffer buffer, final int offset)
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

    /** Offset of {@link #tradingState()} from the start of the message. */
    public static final int TRADING_STATE_OFFSET = 19;

    /** Trading State: 'H' halted, 'P' paused, 'Q' quotation only, 'T' trading. */
    public char tradingState()
    {
        return (char)(buffer.getByte(offset + TRADING_STATE_OFFSET) & 0xFF);
    }

    /** Offset of {@link #reserved()} from the start of the message. */
    public static final int RESERVED_OFFSET = 20;

    /** Reserved byte. */
    public char reserved()
    {
        return (char)(buffer.getByte(offset + RESERVED_OFFSET) & 0xFF);
    }

    /** Offset of {@link #reason()} from the start of the message. */
    public static final int REASON_OFFSET = 21;
    /** Width of {@link #reason()} in bytes. */
    public static final int REASON_LENGTH = 4;

    /** The 4 raw bytes of {@link #reason()} as a big-endian int: a zero-allocation key. */
    public int reasonAsInt()
    {
        return buffer.getInt(offset + REASON_OFFSET, BIG_ENDIAN);
    }

    /** Copies the 4 raw bytes of {@link #reason()}, padding included, into {@code dst}; returns 4. */
    public int getReason(final byte[] dst, final int dstOffset)
    {
        buffer.getBytes(offset + REASON_OFFSET, dst, dstOffset, REASON_LENGTH);
        return REASON_LENGTH;
    }

    /** Appends {@link #reason()} without trailing spaces to {@code sb}; returns the number of chars appended. */
    public int appendReason(final StringBuilder sb)
    {
        return ItchFields.appendAlpha(buffer, offset + REASON_OFFSET, REASON_LENGTH, sb);
    }

    /** Reason: trading action reason code, trailing spaces trimmed (allocates: for tools, not the hot path). */
    public String reason()
    {
        return ItchFields.alphaString(buffer, offset + REASON_OFFSET, REASON_LENGTH);
    }
}
