package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 Market Participant Position message ({@code 'L'}, 26 bytes) in a buffer.
 */
public final class MarketParticipantPositionDecoder extends ItchMessageDecoder
{
    /** Message type byte of Market Participant Position. */
    public static final byte TYPE = ItchMessageType.MARKET_PARTICIPANT_POSITION;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 26;

    /** Creates a decoder that must be wrapped before use. */
    public MarketParticipantPositionDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public MarketParticipantPositionDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #mpid()} from the start of the message. */
    public static final int MPID_OFFSET = 11;
    /** Width of {@link #mpid()} in bytes. */
    public static final int MPID_LENGTH = 4;

    /** The 4 raw bytes of {@link #mpid()} as a big-endian int: a zero-allocation key. */
    public int mpidAsInt()
    {
        return buffer.getInt(offset + MPID_OFFSET, BIG_ENDIAN);
    }

    /** Copies the 4 raw bytes of {@link #mpid()}, padding included, into {@code dst}; returns 4. */
    public int getMpid(final byte[] dst, final int dstOffset)
    {
        buffer.getBytes(offset + MPID_OFFSET, dst, dstOffset, MPID_LENGTH);
        return MPID_LENGTH;
    }

    /** Appends {@link #mpid()} without trailing spaces to {@code sb}; returns the number of chars appended. */
    public int appendMpid(final StringBuilder sb)
    {
        return ItchFields.appendAlpha(buffer, offset + MPID_OFFSET, MPID_LENGTH, sb);
    }

    /** MPID: market participant identifier, trailing spaces trimmed (allocates: for tools, not the hot path). */
    public String mpid()
    {
        return ItchFields.alphaString(buffer, offset + MPID_OFFSET, MPID_LENGTH);
    }

    /** Offset of {@link #stock()} from the start of the message. */
    public static final int STOCK_OFFSET = 15;
    /** Width of {@link #stock()} in bytes. */
    public static final int STOCK_LENGTH = 8;

    /** The 8 raw bytes of {@link #stock()} as a big-endian long: a zero-allocation key. */
    public long stockAsLong()
    {
        return buffer.getLong(offset + STOCK_OFFSET, BIG_ENDIAN);
    }

    /** Copies the 8 raw bytes of {@link #stock()}, padding included, into {@code dst}; returns 8. */
    public int getStock(final byte[] dst, final int dstOffset)
    {
        buffer.getBytes(offset + STOCK_OFFSET, dst, dstOffset, STOCK_LENGTH);
        return STOCK_LENGTH;
    }

    /** Appends {@link #stock()} without trailing spaces to {@code sb}; returns the number of chars appended. */
    public int appendStock(final StringBuilder sb)
    {
        return ItchFields.appendAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, sb);
    }

    /** Stock: security symbol, trailing spaces trimmed (allocates: for tools, not the hot path). */
    public String stock()
    {
        return ItchFields.alphaString(buffer, offset + STOCK_OFFSET, STOCK_LENGTH);
    }

    /** Offset of {@link #primaryMarketMaker()} from the start of the message. */
    public static final int PRIMARY_MARKET_MAKER_OFFSET = 23;

    /** Primary Market Maker: 'Y' primary market maker, 'N' not. */
    public char primaryMarketMaker()
    {
        return (char)(buffer.getByte(offset + PRIMARY_MARKET_MAKER_OFFSET) & 0xFF);
    }

    /** Offset of {@link #marketMakerMode()} from the start of the message. */
    public static final int MARKET_MAKER_MODE_OFFSET = 24;

    /** Market Maker Mode: 'N' normal, 'P' passive, 'S' syndicate, 'R' pre-syndicate, 'L' penalty. */
    public char marketMakerMode()
    {
        return (char)(buffer.getByte(offset + MARKET_MAKER_MODE_OFFSET) & 0xFF);
    }

    /** Offset of {@link #marketParticipantState()} from the start of the message. */
    public static final int MARKET_PARTICIPANT_STATE_OFFSET = 25;

    /** Market Participant State: 'A' active, 'E' excused, 'W' withdrawn, 'S' suspended, 'D' deleted. */
    public char marketParticipantState()
    {
        return (char)(buffer.getByte(offset + MARKET_PARTICIPANT_STATE_OFFSET) & 0xFF);
    }
}
