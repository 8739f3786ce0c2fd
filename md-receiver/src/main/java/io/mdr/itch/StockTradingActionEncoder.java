package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.StockTradingActionDecoder.REASON_LENGTH;
import static io.mdr.itch.StockTradingActionDecoder.REASON_OFFSET;
import static io.mdr.itch.StockTradingActionDecoder.RESERVED_OFFSET;
import static io.mdr.itch.StockTradingActionDecoder.STOCK_LENGTH;
import static io.mdr.itch.StockTradingActionDecoder.STOCK_OFFSET;
import static io.mdr.itch.StockTradingActionDecoder.TRADING_STATE_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Stock Trading Action message ({@code 'H'}, 25 bytes). The fields, their meaning
 * and offsets are those of {@link StockTradingActionDecoder}.
 */
public final class StockTradingActionEncoder extends ItchMessageEncoder<StockTradingActionEncoder>
{
    /** Message type byte of Stock Trading Action. */
    public static final byte TYPE = StockTradingActionDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = StockTradingActionDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public StockTradingActionEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public StockTradingActionEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code tradingState}. */
    public StockTradingActionEncoder tradingState(final char value)
    {
        buffer.putByte(offset + TRADING_STATE_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code reserved}. */
    public StockTradingActionEncoder reserved(final char value)
    {
        buffer.putByte(offset + RESERVED_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code reason}, padded with spaces or truncated to 4 characters. */
    public StockTradingActionEncoder reason(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + REASON_OFFSET, REASON_LENGTH, value);
        return this;
    }
}
