package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.StockDirectoryDecoder.AUTHENTICITY_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.ETP_FLAG_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.ETP_LEVERAGE_FACTOR_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.FINANCIAL_STATUS_INDICATOR_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.INVERSE_INDICATOR_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.IPO_FLAG_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.ISSUE_CLASSIFICATION_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.ISSUE_SUB_TYPE_LENGTH;
import static io.mdr.itch.StockDirectoryDecoder.ISSUE_SUB_TYPE_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.LULD_REFERENCE_PRICE_TIER_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.MARKET_CATEGORY_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.ROUND_LOTS_ONLY_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.ROUND_LOT_SIZE_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.SHORT_SALE_THRESHOLD_INDICATOR_OFFSET;
import static io.mdr.itch.StockDirectoryDecoder.STOCK_LENGTH;
import static io.mdr.itch.StockDirectoryDecoder.STOCK_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Stock Directory message ({@code 'R'}, 39 bytes). The fields, their meaning and
 * offsets are those of {@link StockDirectoryDecoder}.
 */
public final class StockDirectoryEncoder extends ItchMessageEncoder<StockDirectoryEncoder>
{
    /** Message type byte of Stock Directory. */
    public static final byte TYPE = StockDirectoryDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = StockDirectoryDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public StockDirectoryEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public StockDirectoryEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code marketCategory}. */
    public StockDirectoryEncoder marketCategory(final char value)
    {
        buffer.putByte(offset + MARKET_CATEGORY_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code financialStatusIndicator}. */
    public StockDirectoryEncoder financialStatusIndicator(final char value)
    {
        buffer.putByte(offset + FINANCIAL_STATUS_INDICATOR_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code roundLotSize}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public StockDirectoryEncoder roundLotSize(final long value)
    {
        buffer.putInt(offset + ROUND_LOT_SIZE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code roundLotsOnly}. */
    public StockDirectoryEncoder roundLotsOnly(final char value)
    {
        buffer.putByte(offset + ROUND_LOTS_ONLY_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code issueClassification}. */
    public StockDirectoryEncoder issueClassification(final char value)
    {
        buffer.putByte(offset + ISSUE_CLASSIFICATION_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code issueSubType}, padded with spaces or truncated to 2 characters. */
    public StockDirectoryEncoder issueSubType(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + ISSUE_SUB_TYPE_OFFSET, ISSUE_SUB_TYPE_LENGTH, value);
        return this;
    }

    /** Sets {@code authenticity}. */
    public StockDirectoryEncoder authenticity(final char value)
    {
        buffer.putByte(offset + AUTHENTICITY_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code shortSaleThresholdIndicator}. */
    public StockDirectoryEncoder shortSaleThresholdIndicator(final char value)
    {
        buffer.putByte(offset + SHORT_SALE_THRESHOLD_INDICATOR_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code ipoFlag}. */
    public StockDirectoryEncoder ipoFlag(final char value)
    {
        buffer.putByte(offset + IPO_FLAG_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code luldReferencePriceTier}. */
    public StockDirectoryEncoder luldReferencePriceTier(final char value)
    {
        buffer.putByte(offset + LULD_REFERENCE_PRICE_TIER_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code etpFlag}. */
    public StockDirectoryEncoder etpFlag(final char value)
    {
        buffer.putByte(offset + ETP_FLAG_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code etpLeverageFactor}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public StockDirectoryEncoder etpLeverageFactor(final long value)
    {
        buffer.putInt(offset + ETP_LEVERAGE_FACTOR_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code inverseIndicator}. */
    public StockDirectoryEncoder inverseIndicator(final char value)
    {
        buffer.putByte(offset + INVERSE_INDICATOR_OFFSET, (byte)value);
        return this;
    }
}
