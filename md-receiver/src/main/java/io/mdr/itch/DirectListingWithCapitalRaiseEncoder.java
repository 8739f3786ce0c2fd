package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.DirectListingWithCapitalRaiseDecoder.LOWER_PRICE_RANGE_COLLAR_OFFSET;
import static io.mdr.itch.DirectListingWithCapitalRaiseDecoder.MAXIMUM_ALLOWABLE_PRICE_OFFSET;
import static io.mdr.itch.DirectListingWithCapitalRaiseDecoder.MINIMUM_ALLOWABLE_PRICE_OFFSET;
import static io.mdr.itch.DirectListingWithCapitalRaiseDecoder.NEAR_EXECUTION_PRICE_OFFSET;
import static io.mdr.itch.DirectListingWithCapitalRaiseDecoder.NEAR_EXECUTION_TIME_OFFSET;
import static io.mdr.itch.DirectListingWithCapitalRaiseDecoder.OPEN_ELIGIBILITY_STATUS_OFFSET;
import static io.mdr.itch.DirectListingWithCapitalRaiseDecoder.STOCK_LENGTH;
import static io.mdr.itch.DirectListingWithCapitalRaiseDecoder.STOCK_OFFSET;
import static io.mdr.itch.DirectListingWithCapitalRaiseDecoder.UPPER_PRICE_RANGE_COLLAR_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Direct Listing with Capital Raise Price Discovery message ({@code 'O'}, 48
 * bytes). The fields, their meaning and offsets are those of {@link DirectListingWithCapitalRaiseDecoder}.
 */
public final class DirectListingWithCapitalRaiseEncoder extends ItchMessageEncoder<DirectListingWithCapitalRaiseEncoder>
{
    /** Message type byte of Direct Listing with Capital Raise Price Discovery. */
    public static final byte TYPE = DirectListingWithCapitalRaiseDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = DirectListingWithCapitalRaiseDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public DirectListingWithCapitalRaiseEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public DirectListingWithCapitalRaiseEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code openEligibilityStatus}. */
    public DirectListingWithCapitalRaiseEncoder openEligibilityStatus(final char value)
    {
        buffer.putByte(offset + OPEN_ELIGIBILITY_STATUS_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code minimumAllowablePrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public DirectListingWithCapitalRaiseEncoder minimumAllowablePrice(final long value)
    {
        buffer.putInt(offset + MINIMUM_ALLOWABLE_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code maximumAllowablePrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public DirectListingWithCapitalRaiseEncoder maximumAllowablePrice(final long value)
    {
        buffer.putInt(offset + MAXIMUM_ALLOWABLE_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code nearExecutionPrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public DirectListingWithCapitalRaiseEncoder nearExecutionPrice(final long value)
    {
        buffer.putInt(offset + NEAR_EXECUTION_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code nearExecutionTime}. */
    public DirectListingWithCapitalRaiseEncoder nearExecutionTime(final long value)
    {
        buffer.putLong(offset + NEAR_EXECUTION_TIME_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code lowerPriceRangeCollar}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public DirectListingWithCapitalRaiseEncoder lowerPriceRangeCollar(final long value)
    {
        buffer.putInt(offset + LOWER_PRICE_RANGE_COLLAR_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code upperPriceRangeCollar}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public DirectListingWithCapitalRaiseEncoder upperPriceRangeCollar(final long value)
    {
        buffer.putInt(offset + UPPER_PRICE_RANGE_COLLAR_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }
}
