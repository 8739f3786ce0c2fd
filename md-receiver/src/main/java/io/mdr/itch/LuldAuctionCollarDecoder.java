package io.mdr.itch;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight over an ITCH 5.0 LULD Auction Collar message ({@code 'J'}, 35 bytes) in a buffer.
 */
public final class LuldAuctionCollarDecoder extends ItchMessageDecoder
{
    /** Message type byte of LULD Auction Collar. */
    public static final byte TYPE = ItchMessageType.LULD_AUCTION_COLLAR;
    /** Length of the message in bytes, type byte included. */
    public static final int LENGTH = 35;

    /** Creates a decoder that must be wrapped before use. */
    public LuldAuctionCollarDecoder()
    {
        super(TYPE, LENGTH);
    }

    /** {@inheritDoc} */
    @Override
    public LuldAuctionCollarDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        super.wrap(buffer, offset);
        return this;
    }

    /** Offset of {@link #stock()} from the start of the message. */
    public static final int STOCK_OFFSET = 11;
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

    /** Offset of {@link #auctionCollarReferencePrice()} from the start of the message. */
    public static final int AUCTION_COLLAR_REFERENCE_PRICE_OFFSET = 19;

    /** Auction Collar Reference Price (4 implied decimals). */
    public long auctionCollarReferencePrice()
    {
        return buffer.getInt(offset + AUCTION_COLLAR_REFERENCE_PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #upperAuctionCollarPrice()} from the start of the message. */
    public static final int UPPER_AUCTION_COLLAR_PRICE_OFFSET = 23;

    /** Upper Auction Collar Price (4 implied decimals). */
    public long upperAuctionCollarPrice()
    {
        return buffer.getInt(offset + UPPER_AUCTION_COLLAR_PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #lowerAuctionCollarPrice()} from the start of the message. */
    public static final int LOWER_AUCTION_COLLAR_PRICE_OFFSET = 27;

    /** Lower Auction Collar Price (4 implied decimals). */
    public long lowerAuctionCollarPrice()
    {
        return buffer.getInt(offset + LOWER_AUCTION_COLLAR_PRICE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** Offset of {@link #auctionCollarExtension()} from the start of the message. */
    public static final int AUCTION_COLLAR_EXTENSION_OFFSET = 31;

    /** Auction Collar Extension: number of extensions to the reopening auction. */
    public long auctionCollarExtension()
    {
        return buffer.getInt(offset + AUCTION_COLLAR_EXTENSION_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }
}
