package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.MarketParticipantPositionDecoder.MARKET_MAKER_MODE_OFFSET;
import static io.mdr.itch.MarketParticipantPositionDecoder.MARKET_PARTICIPANT_STATE_OFFSET;
import static io.mdr.itch.MarketParticipantPositionDecoder.MPID_LENGTH;
import static io.mdr.itch.MarketParticipantPositionDecoder.MPID_OFFSET;
import static io.mdr.itch.MarketParticipantPositionDecoder.PRIMARY_MARKET_MAKER_OFFSET;
import static io.mdr.itch.MarketParticipantPositionDecoder.STOCK_LENGTH;
import static io.mdr.itch.MarketParticipantPositionDecoder.STOCK_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 Market Participant Position message ({@code 'L'}, 26 bytes). The fields, their
 * meaning and offsets are those of {@link MarketParticipantPositionDecoder}.
 */
public final class MarketParticipantPositionEncoder extends ItchMessageEncoder<MarketParticipantPositionEncoder>
{
    /** Message type byte of Market Participant Position. */
    public static final byte TYPE = MarketParticipantPositionDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = MarketParticipantPositionDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public MarketParticipantPositionEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code mpid}, padded with spaces or truncated to 4 characters. */
    public MarketParticipantPositionEncoder mpid(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + MPID_OFFSET, MPID_LENGTH, value);
        return this;
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public MarketParticipantPositionEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code primaryMarketMaker}. */
    public MarketParticipantPositionEncoder primaryMarketMaker(final char value)
    {
        buffer.putByte(offset + PRIMARY_MARKET_MAKER_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code marketMakerMode}. */
    public MarketParticipantPositionEncoder marketMakerMode(final char value)
    {
        buffer.putByte(offset + MARKET_MAKER_MODE_OFFSET, (byte)value);
        return this;
    }

    /** Sets {@code marketParticipantState}. */
    public MarketParticipantPositionEncoder marketParticipantState(final char value)
    {
        buffer.putByte(offset + MARKET_PARTICIPANT_STATE_OFFSET, (byte)value);
        return this;
    }
}
