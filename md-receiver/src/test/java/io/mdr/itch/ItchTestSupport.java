package io.mdr.itch;

import java.util.HexFormat;
import java.util.function.Consumer;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Helpers shared by the ITCH tests. */
final class ItchTestSupport
{
    /** Odd, unaligned offset of the message in test buffers, so that offset mistakes show. */
    static final int OFFSET = 13;

    private ItchTestSupport()
    {
    }

    /**
     * Runs {@code encoder} at {@link #OFFSET} over a buffer of zeros and over a buffer of 0xFF bytes, checks that
     * it wrote exactly {@code length} bytes there (the two results agree on every byte of the message and nothing
     * around it changed) and returns the zero-filled buffer.
     */
    static UnsafeBuffer encode(final int length, final Consumer<MutableDirectBuffer> encoder)
    {
        final UnsafeBuffer zeros = new UnsafeBuffer(new byte[OFFSET + length + OFFSET]);
        final UnsafeBuffer ones = new UnsafeBuffer(new byte[OFFSET + length + OFFSET]);
        ones.setMemory(0, ones.capacity(), (byte)0xFF);
        encoder.accept(zeros);
        encoder.accept(ones);

        for (int i = 0; i < zeros.capacity(); i++)
        {
            if (i < OFFSET || i >= OFFSET + length)
            {
                assertEquals(0, zeros.getByte(i), "byte outside the message written at " + i);
                assertEquals((byte)0xFF, ones.getByte(i), "byte outside the message written at " + i);
            }
            else
            {
                assertEquals(zeros.getByte(i), ones.getByte(i), "message byte not written at offset " + (i - OFFSET));
            }
        }
        return zeros;
    }

    /** Runs {@code encoder} at {@link #OFFSET} over a zero-filled buffer, for messages with only some fields set. */
    static UnsafeBuffer encodeSome(final int length, final Consumer<MutableDirectBuffer> encoder)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + length + OFFSET]);
        encoder.accept(buffer);
        return buffer;
    }

    /** The JSON members {@link ItchJsonWriter} writes for the message of {@code length} bytes at {@code offset}. */
    static String json(final UnsafeBuffer buffer, final int offset, final int length)
    {
        final StringBuilder out = new StringBuilder();
        new ItchJsonWriter().appendFields(buffer, offset, length, out);
        return out.toString();
    }

    /** A buffer holding exactly the bytes of {@code hex}, so that any read past them fails. */
    static UnsafeBuffer hex(final String hex)
    {
        return new UnsafeBuffer(HexFormat.of().parseHex(hex));
    }
}
