package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Order Executed message ({@code 'E'}, 31 bytes) in a buffer.
 */
public final class OrderExecutedDecoder extends ItchMessageDecoder
{
    /** Message type byte of Order Executed. */
    public static final byte TYPE = ItchMessageType.ORDER_EXECUTED;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 31;

    /** Creates a decoder that must be wrapped before use. */
    public OrderExecutedDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public OrderExecutedDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #orderReferenceNumber()} from the start of the message. */
    public static final int ORDER_REFERENCE_NUMBER_OFFSET = 11;

    /**
     * Order Reference Number of the executed order.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long orderReferenceNumber()
    {
        return buffer.getLong(offset + ORDER_REFERENCE_NUMBER_OFFSET, BIG_ENDIAN);
    }

    /** Offset of {@link #executedShares()} from the start of the message. */
    public static final int EXECUTED_SHARES_OFFSET = 19;

    /** Executed Shares: quantity executed. */
    public long executedShares()
    {
        return buffer.getInt(offset + EXECUTED_SHARES_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #matchNumber()} from the start of the message. */
    public static final int MATCH_NUMBER_OFFSET = 23;

    /**
     * Match Number: day-unique identifier of the execution.
     * <p>Unsigned 64-bit: a value of 2^63 or more is negative here; read it with
     * {@link Long#toUnsignedString(long)}, {@link Long#compareUnsigned}, {@link Long#divideUnsigned}.
     */
    public long matchNumber()
    {
        return buffer.getLong(offset + MATCH_NUMBER_OFFSET, BIG_ENDIAN);
    }
}
