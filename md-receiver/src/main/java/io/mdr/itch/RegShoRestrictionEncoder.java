package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.RegShoRestrictionDecoder.REG_SHO_ACTION_OFFSET;
import static io.mdr.itch.RegShoRestrictionDecoder.STOCK_LENGTH;
import static io.mdr.itch.RegShoRestrictionDecoder.STOCK_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Reg SHO Short Sale Price Test Restricted Indicator message ({@code 'Y'}, 20
 * bytes). The fields, their meaning and offsets are those of {@link RegShoRestrictionDecoder}.
 */
public final class RegShoRestrictionEncoder extends ItchMessageEncoder<RegShoRestrictionEncoder>
{
    /** Message type byte of Reg SHO Short Sale Price Test Restricted Indicator. */
    public static final byte TYPE = RegShoRestrictionDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = RegShoRestrictionDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public RegShoRestrictionEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public RegShoRestrictionEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code regShoAction}. */
    public RegShoRestrictionEncoder regShoAction(final char value)
    {
        buffer.putByte(offset + REG_SHO_ACTION_OFFSET, (byte)value);
        return this;
    }
}
