package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.SystemEventDecoder.EVENT_CODE_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 System Event message ({@code 'S'}, 12 bytes). The fields, their meaning and
 * offsets are those of {@link SystemEventDecoder}.
 */
public final class SystemEventEncoder extends ItchMessageEncoder<SystemEventEncoder>
{
    /** Message type byte of System Event. */
    public static final byte TYPE = SystemEventDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = SystemEventDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public SystemEventEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code eventCode}. */
    public SystemEventEncoder eventCode(final char value)
    {
        buffer.putByte(offset + EVENT_CODE_OFFSET, (byte)value);
        return this;
    }
}
