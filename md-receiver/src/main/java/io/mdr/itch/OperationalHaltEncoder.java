package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.OperationalHaltDecoder.MARKET_CODE_OFFSET;
import static io.mdr.itch.OperationalHaltDecoder.OPERATIONAL_HALT_ACTION_OFFSET;
import static io.mdr.itch.OperationalHaltDecoder.STOCK_LENGTH;
import static io.mdr.itch.OperationalHaltDecoder.STOCK_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Operational Halt message ({@code 'h'}, 21 bytes). The fields, their meaning and
 * offsets are those of {@link OperationalHaltDecoder}.
 */
public final class OperationalHaltEncoder extends ItchMessageEncoder<OperationalHaltEncoder>
{
    /** Message type byte of Operational Halt. */
    public static final byte TYPE = OperationalHaltDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = OperationalHaltDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public OperationalHaltEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public OperationalHaltEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code marketCode}. */
    public OperationalHaltEncoder marketCode(final char value)
    {
        buffer.putByte(offset + MARKET_CODE_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code operationalHaltAction}. */
    public OperationalHaltEncoder operationalHaltAction(final char value)
    {
        buffer.putByte(offset + OPERATIONAL_HALT_ACTION_OFFSET, (byte)value);
        return this;
    }
}
