package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Broken Trade / Order Execution message ({@code 'B'}, 19 bytes) in a buffer.
 */
public final class BrokenTradeDecoder extends ItchMessageDecoder
{
    /** Message type byte of Broken Trade / Order Execution. */
    public static final byte TYPE = ItchMessageType.BROKEN_TRADE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 19;

    /** Creates a decoder that must be wrapped before use. */
    public BrokenTradeDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public BrokenTradeDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #matchNumber()} from the start of the message. */
    public static final int MATCH_NUMBER_OFFSET = 11;

    /**
     * Match Number of the execution that was broken.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long matchNumber()
    {
        return buffer.getLong(offset + MATCH_NUMBER_OFFSET, BIG_ENDIAN);
    }
}
