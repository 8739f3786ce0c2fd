package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.MwcbStatusDecoder.BREACHED_LEVEL_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 MWCB Status message ({@code 'W'}, 12 bytes). The fields, their meaning and
 * offsets are those of {@link MwcbStatusDecoder}.
 */
public final class MwcbStatusEncoder extends ItchMessageEncoder<MwcbStatusEncoder>
{
    /** Message type byte of MWCB Status. */
    public static final byte TYPE = MwcbStatusDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = MwcbStatusDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public MwcbStatusEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code breachedLevel}. */
    public MwcbStatusEncoder breachedLevel(final char value)
    {
        buffer.putByte(offset + BREACHED_LEVEL_OFFSET, (byte)value);
        return this;
    }
}
