package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 MWCB Status message ({@code 'W'}, 12 bytes) in a buffer.
 */
public final class MwcbStatusDecoder extends ItchMessageDecoder
{
    /** Message type byte of MWCB Status. */
    public static final byte TYPE = ItchMessageType.MWCB_STATUS;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 12;

    /** Creates a decoder that must be wrapped before use. */
    public MwcbStatusDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public MwcbStatusDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #breachedLevel()} from the start of the message. */
    public static final int BREACHED_LEVEL_OFFSET = 11;

    /** Breached Level: '1', '2' or '3'. */
    public char breachedLevel()
    {
        return (char)(buffer.getByte(offset + BREACHED_LEVEL_OFFSET) & 0xFF);
    }
}
