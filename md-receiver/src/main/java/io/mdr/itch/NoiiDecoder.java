package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Net Order Imbalance Indicator (NOII) message ({@code 'I'}, 50 bytes) in a buffer.
 */
public final class NoiiDecoder extends ItchMessageDecoder
{
    /** Message type byte of Net Order Imbalance Indicator (NOII). */
    public static final byte TYPE = ItchMessageType.NOII;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 50;

    /** Creates a decoder that must be wrapped before use. */
    public NoiiDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public NoiiDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #pairedShares()} from the start of the message. */
    public static final int PAIRED_SHARES_OFFSET = 11;

    /**
     * Paired Shares: quantity matched at the current reference price.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long pairedShares()
    {
        return buffer.getLong(offset + PAIRED_SHARES_OFFSET, BIG_ENDIAN);
    }

    /** Offset of {@link #imbalanceShares()} from the start of the message. */
    public static final int IMBALANCE_SHARES_OFFSET = 19;

    /**
     * Imbalance Shares: quantity not paired at the current reference price.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long imbalanceShares()
    {
        return buffer.getLong(offset + IMBALANCE_SHARES_OFFSET, BIG_ENDIAN);
    }

    /** Offset of {@link #imbalanceDirection()} from the start of the message. */
    public static final int IMBALANCE_DIRECTION_OFFSET = 27;

    /** Imbalance Direction: 'B' buy, 'S' sell, 'N' none, 'O' insufficient orders. */
    public char imbalanceDirection()
    {
        return (char)(buffer.getByte(offset + IMBALANCE_DIRECTION_OFFSET) & 0xFF);
    }

    /** Offset of {@link #stock()} from the start of the message. */
    public static final int STOCK_OFFSET = 28;
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

    /** Offset of {@link #farPrice()} from the start of the message. */
    public static final int FAR_PRICE_OFFSET = 36;

    /** Far Price: clearing price for cross orders only (4 implied decimals). */
    public long farPrice()
    {
        return buffer.getInt(offset + FAR_PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #nearPrice()} from the start of the message. */
    public static final int NEAR_PRICE_OFFSET = 40;

    /** Near Price: clearing price for cross and continuous orders (4 implied decimals). */
    public long nearPrice()
    {
        return buffer.getInt(offset + NEAR_PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #currentReferencePrice()} from the start of the message. */
    public static final int CURRENT_REFERENCE_PRICE_OFFSET = 44;

    /** Current Reference Price: price that maximises paired shares (4 implied decimals). */
    public long currentReferencePrice()
    {
        return buffer.getInt(offset + CURRENT_REFERENCE_PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #crossType()} from the start of the message. */
    public static final int CROSS_TYPE_OFFSET = 48;

    /** Cross Type: 'O' opening, 'C' closing, 'H' IPO or halted, 'A' extended trading close. */
    public char crossType()
    {
        return (char)(buffer.getByte(offset + CROSS_TYPE_OFFSET) & 0xFF);
    }

    /** Offset of {@link #priceVariationIndicator()} from the start of the message. */
    public static final int PRICE_VARIATION_INDICATOR_OFFSET = 49;

    /** Price Variation Indicator: deviation band of near from reference price ('L', '1'-'9', 'A'-'C', ' '). */
    public char priceVariationIndicator()
    {
        return (char)(buffer.getByte(offset + PRICE_VARIATION_INDICATOR_OFFSET) & 0xFF);
    }
}
