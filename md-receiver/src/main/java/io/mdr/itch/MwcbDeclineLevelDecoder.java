package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 MWCB Decline Level message ({@code 'V'}, 35 bytes) in a buffer.
 */
public final class MwcbDeclineLevelDecoder extends ItchMessageDecoder
{
    /** Message type byte of MWCB Decline Level. */
    public static final byte TYPE = ItchMessageType.MWCB_DECLINE_LEVEL;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 35;

    /** Creates a decoder that must be wrapped before use. */
    public MwcbDeclineLevelDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public MwcbDeclineLevelDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #level1()} from the start of the message. */
    public static final int LEVEL_1_OFFSET = 11;

    /**
     * Level 1: market-wide circuit breaker decline level 1 (8 implied decimals).
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long level1()
    {
        return buffer.getLong(offset + LEVEL_1_OFFSET, BIG_ENDIAN);
    }

    /** Offset of {@link #level2()} from the start of the message. */
    public static final int LEVEL_2_OFFSET = 19;

    /**
     * Level 2: market-wide circuit breaker decline level 2 (8 implied decimals).
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long level2()
    {
        return buffer.getLong(offset + LEVEL_2_OFFSET, BIG_ENDIAN);
    }

    /** Offset of {@link #level3()} from the start of the message. */
    public static final int LEVEL_3_OFFSET = 27;

    /**
     * Level 3: market-wide circuit breaker decline level 3 (8 implied decimals).
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long level3()
    {
        return buffer.getLong(offset + LEVEL_3_OFFSET, BIG_ENDIAN);
    }
}
