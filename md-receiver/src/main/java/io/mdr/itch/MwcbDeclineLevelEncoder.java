package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.MwcbDeclineLevelDecoder.LEVEL_1_OFFSET;
import static io.mdr.itch.MwcbDeclineLevelDecoder.LEVEL_2_OFFSET;
import static io.mdr.itch.MwcbDeclineLevelDecoder.LEVEL_3_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 MWCB Decline Level message ({@code 'V'}, 35 bytes). The fields, their meaning
 * and offsets are those of {@link MwcbDeclineLevelDecoder}.
 */
public final class MwcbDeclineLevelEncoder extends ItchMessageEncoder<MwcbDeclineLevelEncoder>
{
    /** Message type byte of MWCB Decline Level. */
    public static final byte TYPE = MwcbDeclineLevelDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = MwcbDeclineLevelDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public MwcbDeclineLevelEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code level1}. */
    public MwcbDeclineLevelEncoder level1(final long value)
    {
        buffer.putLong(offset + LEVEL_1_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code level2}. */
    public MwcbDeclineLevelEncoder level2(final long value)
    {
        buffer.putLong(offset + LEVEL_2_OFFSET, value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code level3}. */
    public MwcbDeclineLevelEncoder level3(final long value)
    {
        buffer.putLong(offset + LEVEL_3_OFFSET, value, BIG_ENDIAN);
        return this;
    }
}
