package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 System Event message ({@code 'S'}, 12 bytes) in a buffer.
 */
public final class SystemEventDecoder extends ItchMessageDecoder
{
    /** Message type byte of System Event. */
    public static final byte TYPE = ItchMessageType.SYSTEM_EVENT;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 12;

    /** Creates a decoder that must be wrapped before use. */
    public SystemEventDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public SystemEventDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #eventCode()} from the start of the message. */
    public static final int EVENT_CODE_OFFSET = 11;

    /** Event Code: 'O'/'C' start/end of messages, 'S'/'E' of system hours, 'Q'/'M' of market hours. */
    public char eventCode()
    {
        return (char)(buffer.getByte(offset + EVENT_CODE_OFFSET) & 0xFF);
    }
}
