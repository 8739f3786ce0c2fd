package io.mdr.itch;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Reads and writes of the ITCH field kinds that the buffer does not provide directly: the 6-byte timestamp and
 * space-padded alpha fields. Alpha bytes map to chars one to one (ISO-8859-1), so nothing is lost either way.
 */
final class ItchFields
{
    private static final byte SPACE = ' ';

    private ItchFields()
    {
    }

    static long uint48(final DirectBuffer buffer, final int index)
    {
        return ((long)(buffer.getShort(index, BIG_ENDIAN) & 0xFFFF) << 32) |
            (buffer.getInt(index + 2, BIG_ENDIAN) & 0xFFFF_FFFFL);
    }

    static void putUint48(final MutableDirectBuffer buffer, final int index, final long value)
    {
        buffer.putShort(index, (short)(value >>> 32), BIG_ENDIAN);
        buffer.putInt(index + 2, (int)value, BIG_ENDIAN);
    }

    /** Width of the alpha field at {@code index} once its trailing spaces are dropped. */
    static int trimmedLength(final DirectBuffer buffer, final int index, final int width)
    {
        int length = width;
        while (length > 0 && SPACE == buffer.getByte(index + length - 1))
        {
            length--;
        }
        return length;
    }

    static int appendAlpha(final DirectBuffer buffer, final int index, final int width, final StringBuilder sb)
    {
        final int length = trimmedLength(buffer, index, width);
        for (int i = 0; i < length; i++)
        {
            sb.append((char)(buffer.getByte(index + i) & 0xFF));
        }
        return length;
    }

    static String alphaString(final DirectBuffer buffer, final int index, final int width)
    {
        final StringBuilder sb = new StringBuilder(width);
        appendAlpha(buffer, index, width, sb);
        return sb.toString();
    }

    /** Writes {@code value} (null as empty) into {@code width} bytes: the low byte of each char, then spaces. */
    static void putAlpha(final MutableDirectBuffer buffer, final int index, final int width, final CharSequence value)
    {
        final int length = null == value ? 0 : Math.min(width, value.length());
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(index + i, (byte)value.charAt(i));
        }
        for (int i = length; i < width; i++)
        {
            buffer.putByte(index + i, SPACE);
        }
    }
}
