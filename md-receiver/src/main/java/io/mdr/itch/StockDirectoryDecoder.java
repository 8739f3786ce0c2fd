package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Stock Directory message ({@code 'R'}, 39 bytes) in a buffer.
 */
public final class StockDirectoryDecoder extends ItchMessageDecoder
{
    /** Message type byte of Stock Directory. */
    public static final byte TYPE = ItchMessageType.STOCK_DIRECTORY;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 39;

    /** Creates a decoder that must be wrapped before use. */
    public StockDirectoryDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public StockDirectoryDecoder wrap(final DirectBuffer buffer, final int offset)
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

    /** Offset of {@link #marketCategory()} from the start of the message. */
    public static final int MARKET_CATEGORY_OFFSET = 19;

    /** Market Category: listing market of the issue ('Q', 'G', 'S', 'N', 'A', 'P', 'Z', 'V', ' '). */
    public char marketCategory()
    {
        return (char)(buffer.getByte(offset + MARKET_CATEGORY_OFFSET) & 0xFF);
    }

    /** Offset of {@link #financialStatusIndicator()} from the start of the message. */
    public static final int FINANCIAL_STATUS_INDICATOR_OFFSET = 20;

    /** Financial Status Indicator of a Nasdaq-listed issue ('D', 'E', 'Q', 'S', 'G', 'H', 'J', 'K', 'C', 'N', ' '). */
    public char financialStatusIndicator()
    {
        return (char)(buffer.getByte(offset + FINANCIAL_STATUS_INDICATOR_OFFSET) & 0xFF);
    }

    /** Offset of {@link #roundLotSize()} from the start of the message. */
    public static final int ROUND_LOT_SIZE_OFFSET = 21;

    /** Round Lot Size: number of shares in a round lot. */
    public long roundLotSize()
    {
        return buffer.getInt(offset + ROUND_LOT_SIZE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #roundLotsOnly()} from the start of the message. */
    public static final int ROUND_LOTS_ONLY_OFFSET = 25;

    /** Round Lots Only: 'Y' only round lots accepted, 'N' odd and mixed lots allowed. */
    public char roundLotsOnly()
    {
        return (char)(buffer.getByte(offset + ROUND_LOTS_ONLY_OFFSET) & 0xFF);
    }

    /** Offset of {@link #issueClassification()} from the start of the message. */
    public static final int ISSUE_CLASSIFICATION_OFFSET = 26;

    /** Issue Classification code (for example 'C' common stock, 'Q' exchange traded fund). */
    public char issueClassification()
    {
        return (char)(buffer.getByte(offset + ISSUE_CLASSIFICATION_OFFSET) & 0xFF);
    }

    /** Offset of {@link #issueSubType()} from the start of the message. */
    public static final int ISSUE_SUB_TYPE_OFFSET = 27;
    /** Width of {@link #issueSubType()} in bytes. */
    public static final int ISSUE_SUB_TYPE_LENGTH = 2;

    /** Copies the 2 raw bytes of {@link #issueSubType()}, padding included, into {@code dst}; returns 2. */
    public int getIssueSubType(final byte[] dst, final int dstOffset)
    {
        buffer.getBytes(offset + ISSUE_SUB_TYPE_OFFSET, dst, dstOffset, ISSUE_SUB_TYPE_LENGTH);
        return ISSUE_SUB_TYPE_LENGTH;
    }

    /** Appends {@link #issueSubType()} without trailing spaces to {@code sb}; returns the number of chars appended. */
    public int appendIssueSubType(final StringBuilder sb)
    {
        return ItchFields.appendAlpha(buffer, offset + ISSUE_SUB_TYPE_OFFSET, ISSUE_SUB_TYPE_LENGTH, sb);
    }

    /** Issue Sub-Type code, trailing spaces trimmed (allocates: for tools, not the hot path). */
    public String issueSubType()
    {
        return ItchFields.alphaString(buffer, offset + ISSUE_SUB_TYPE_OFFSET, ISSUE_SUB_TYPE_LENGTH);
    }

    /** Offset of {@link #authenticity()} from the start of the message. */
    public static final int AUTHENTICITY_OFFSET = 29;

    /** Authenticity: 'P' live/production, 'T' test. */
    public char authenticity()
    {
        return (char)(buffer.getByte(offset + AUTHENTICITY_OFFSET) & 0xFF);
    }

    /** Offset of {@link #shortSaleThresholdIndicator()} from the start of the message. */
    public static final int SHORT_SALE_THRESHOLD_INDICATOR_OFFSET = 30;

    /** Short Sale Threshold Indicator: 'Y' restricted, 'N' not restricted, ' ' not available. */
    public char shortSaleThresholdIndicator()
    {
        return (char)(buffer.getByte(offset + SHORT_SALE_THRESHOLD_INDICATOR_OFFSET) & 0xFF);
    }

    /** Offset of {@link #ipoFlag()} from the start of the message. */
    public static final int IPO_FLAG_OFFSET = 31;

    /** IPO Flag: 'Y' new IPO security, 'N' not, ' ' not available. */
    public char ipoFlag()
    {
        return (char)(buffer.getByte(offset + IPO_FLAG_OFFSET) & 0xFF);
    }

    /** Offset of {@link #luldReferencePriceTier()} from the start of the message. */
    public static final int LULD_REFERENCE_PRICE_TIER_OFFSET = 32;

    /** LULD Reference Price Tier: '1' tier 1, '2' tier 2, ' ' not available. */
    public char luldReferencePriceTier()
    {
        return (char)(buffer.getByte(offset + LULD_REFERENCE_PRICE_TIER_OFFSET) & 0xFF);
    }

    /** Offset of {@link #etpFlag()} from the start of the message. */
    public static final int ETP_FLAG_OFFSET = 33;

    /** ETP Flag: 'Y' exchange traded product, 'N' not, ' ' not available. */
    public char etpFlag()
    {
        return (char)(buffer.getByte(offset + ETP_FLAG_OFFSET) & 0xFF);
    }

    /** Offset of {@link #etpLeverageFactor()} from the start of the message. */
    public static final int ETP_LEVERAGE_FACTOR_OFFSET = 34;

    /** ETP Leverage Factor: integral leverage ratio of the exchange traded product. */
    public long etpLeverageFactor()
    {
        return buffer.getInt(offset + ETP_LEVERAGE_FACTOR_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #inverseIndicator()} from the start of the message. */
    public static final int INVERSE_INDICATOR_OFFSET = 38;

    /** Inverse Indicator: 'Y' inverse exchange traded product, 'N' not. */
    public char inverseIndicator()
    {
        return (char)(buffer.getByte(offset + INVERSE_INDICATOR_OFFSET) & 0xFF);
    }
}
