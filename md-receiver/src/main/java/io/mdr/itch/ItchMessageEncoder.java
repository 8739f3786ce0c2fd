package io.mdr.itch;

import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Base of the ITCH 5.0 flyweight encoders: {@link #wrap} writes the type byte, the fluent setters write the common
 * header. Offsets come from the matching decoder. Nothing is allocated and nothing is checked: the caller provides
 * {@link #length()} writable bytes at the offset. A field that is never set keeps whatever the buffer held.
 *
 * @param <E> the concrete encoder, returned by the fluent setters.
 */
public abstract class ItchMessageEncoder<E extends ItchMessageEncoder<E>>
{
    /** Buffer the encoder is wrapped over. */
    protected MutableDirectBuffer buffer;
    /** Offset of the message's type byte in {@link #buffer}. */
    protected int offset;

    private final byte type;
    private final int length;

    ItchMessageEncoder(final byte type, final int length)
    {
        this.type = type;
        this.length = length;
    }

    /** Points this encoder at {@code offset} in {@code buffer} and writes the message type byte there; returns this. */
    public final E wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        buffer.putByte(offset + ItchMessageDecoder.MESSAGE_TYPE_OFFSET, type);
        return self();
    }

    /** Buffer the encoder is wrapped over. */
    public final MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /** Offset of the message in {@link #buffer()}. */
    public final int offset()
    {
        return offset;
    }

    /** Type byte this encoder writes. */
    public final byte messageType()
    {
        return type;
    }

    /** Length in bytes of the message this encoder writes, type byte included. */
    public final int length()
    {
        return length;
    }

    /** Sets the Stock Locate (unsigned 16-bit: the low 16 bits of {@code value}). */
    public final E stockLocate(final int value)
    {
        buffer.putShort(offset + ItchMessageDecoder.STOCK_LOCATE_OFFSET, (short)value, BIG_ENDIAN);
        return self();
    }

    /** Sets the Tracking Number (unsigned 16-bit: the low 16 bits of {@code value}). */
    public final E trackingNumber(final int value)
    {
        buffer.putShort(offset + ItchMessageDecoder.TRACKING_NUMBER_OFFSET, (short)value, BIG_ENDIAN);
        return self();
    }

    /** Sets the Timestamp, nanoseconds since midnight (unsigned 48-bit: the low 48 bits of {@code value}). */
    public final E timestamp(final long value)
    {
        ItchFields.putUint48(buffer, offset + ItchMessageDecoder.TIMESTAMP_OFFSET, value);
        return self();
    }

    @SuppressWarnings("unchecked")
    private E self()
    {
        return (E)this;
    }
}
