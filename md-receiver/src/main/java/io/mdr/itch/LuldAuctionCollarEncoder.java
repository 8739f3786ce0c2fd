package io.mdr.itch;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static io.mdr.itch.LuldAuctionCollarDecoder.AUCTION_COLLAR_EXTENSION_OFFSET;
import static io.mdr.itch.LuldAuctionCollarDecoder.AUCTION_COLLAR_REFERENCE_PRICE_OFFSET;
import static io.mdr.itch.LuldAuctionCollarDecoder.LOWER_AUCTION_COLLAR_PRICE_OFFSET;
import static io.mdr.itch.LuldAuctionCollarDecoder.STOCK_LENGTH;
import static io.mdr.itch.LuldAuctionCollarDecoder.STOCK_OFFSET;
import static io.mdr.itch.LuldAuctionCollarDecoder.UPPER_AUCTION_COLLAR_PRICE_OFFSET;

/**
 * Flyweight writer of an ITCH 5.0 LULD Auction Collar message ({@code 'J'}, 35 bytes). The fields, their meaning
 * and offsets are those of {@link LuldAuctionCollarDecoder}.
 */
public final class LuldAuctionCollarEncoder extends ItchMessageEncoder<LuldAuctionCollarEncoder>
{
    /** Message type byte of LULD Auction Collar. */
    public static final byte TYPE = LuldAuctionCollarDecoder.TYPE;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = LuldAuctionCollarDecoder.LENGTH;

    /** Creates an encoder that must be wrapped before use. */
    public LuldAuctionCollarEncoder()
    {
        super(TYPE, LENGTH);
    }

    /** Sets {@code stock}, padded with spaces or truncated to 8 characters. */
    public LuldAuctionCollarEncoder stock(final CharSequence value)
    {
        ItchFields.putAlpha(buffer, offset + STOCK_OFFSET, STOCK_LENGTH, value);
        return this;
    }

    /** Sets {@code auctionCollarReferencePrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public LuldAuctionCollarEncoder auctionCollarReferencePrice(final long value)
    {
        buffer.putInt(offset + AUCTION_COLLAR_REFERENCE_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code upperAuctionCollarPrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public LuldAuctionCollarEncoder upperAuctionCollarPrice(final long value)
    {
        buffer.putInt(offset + UPPER_AUCTION_COLLAR_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code lowerAuctionCollarPrice}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public LuldAuctionCollarEncoder lowerAuctionCollarPrice(final long value)
    {
        buffer.putInt(offset + LOWER_AUCTION_COLLAR_PRICE_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }

    /** Sets {@code auctionCollarExtension}, unsigned 32-bit: the low 32 bits of {@code value}. */
    public LuldAuctionCollarEncoder auctionCollarExtension(final long value)
    {
        buffer.putInt(offset + AUCTION_COLLAR_EXTENSION_OFFSET, (int)value, BIG_ENDIAN);
        return this;
    }
}
