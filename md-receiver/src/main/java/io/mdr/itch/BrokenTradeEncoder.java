package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.BrokenTradeDecoder.MATCH_NUMBER_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Broken Trade / Order Execution message ({@code 'B'}, 19 bytes). The fields,
 * their meaning and offsets are those of {@link BrokenTradeDecoder}.
 */
public final class BrokenTradeEncoder extends ItchMessageEncoder<BrokenTradeEncoder>
{
    /** Message type byte of Broken Trade / Order Execution. */
    public static final byte TYPE = BrokenTradeDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = BrokenTradeDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public BrokenTradeEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code matchNumber}. */
    public BrokenTradeEncoder matchNumber(final long value)
    {
        buffer.putLong(offset + MATCH_NUMBER_OFFSET, value, BIG_ENDIAN);
        return this;
    }
}
