package io.mdr.itch;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.mdr.itch.ItchTestSupport.OFFSET;
import static io.mdr.itch.ItchTestSupport.encode;
import static io.mdr.itch.ItchTestSupport.encodeSome;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Header limits, unsigned fields and the zero-allocation alpha accessors. */
class ItchFieldsTest
{
    @Test
    void headerAtItsLimits()
    {
        final UnsafeBuffer buffer = encode(OrderDeleteEncoder.LENGTH, b -> new OrderDeleteEncoder()
            .wrap(b, OFFSET)
            .stockLocate(0xFFFF)
            .trackingNumber(0x8000)
            .timestamp(0xFFFF_FFFF_FFFFL)
            .orderReferenceNumber(Long.MAX_VALUE));
        final OrderDeleteDecoder d = new OrderDeleteDecoder().wrap(buffer, OFFSET);
        assertEquals(65535, d.stockLocate());
        assertEquals(32768, d.trackingNumber());
        assertEquals(0xFFFF_FFFF_FFFFL, d.timestamp());
        assertEquals(Long.MAX_VALUE, d.orderReferenceNumber());
    }

    @Test
    void timestampIsSixBigEndianBytes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BrokenTradeDecoder.LENGTH]);
        new BrokenTradeEncoder().wrap(buffer, 0).timestamp(0x7_0102_0304_0506L);
        final byte[] header = new byte[ItchMessageDecoder.HEADER_LENGTH];
        buffer.getBytes(0, header);
        assertArrayEquals(new byte[]{'B', 0, 0, 0, 0, 1, 2, 3, 4, 5, 6}, header);
        assertEquals(0x0102_0304_0506L, new BrokenTradeDecoder().wrap(buffer, 0).timestamp());
    }

    @Test
    void unsigned32BitFieldsUpToTheirMaximum()
    {
        final UnsafeBuffer buffer = encodeSome(OrderReplaceEncoder.LENGTH, b -> new OrderReplaceEncoder()
            .wrap(b, OFFSET)
            .shares(0xFFFF_FFFFL)
            .price(0x8000_0000L));
        final OrderReplaceDecoder d = new OrderReplaceDecoder().wrap(buffer, OFFSET);
        assertEquals(4_294_967_295L, d.shares());
        assertEquals(2_147_483_648L, d.price());
    }

    @Test
    void stockAccessors()
    {
        final UnsafeBuffer buffer = encodeSome(AddOrderEncoder.LENGTH, b -> new AddOrderEncoder()
            .wrap(b, OFFSET)
            .stock("AAPL"));
        final AddOrderDecoder d = new AddOrderDecoder().wrap(buffer, OFFSET);

        assertEquals(0x4141504C_20202020L, d.stockAsLong());
        final byte[] raw = new byte[10];
        assertEquals(8, d.getStock(raw, 1));
        assertArrayEquals("\0AAPL    \0".getBytes(StandardCharsets.US_ASCII), raw);
        final StringBuilder sb = new StringBuilder("s=");
        assertEquals(4, d.appendStock(sb));
        assertEquals("s=AAPL", sb.toString());
        assertEquals("AAPL", d.stock());
    }

    @Test
    void alphaPaddingTruncationAndInnerSpaces()
    {
        final AddOrderEncoder encoder = new AddOrderEncoder();
        final AddOrderDecoder decoder = new AddOrderDecoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AddOrderEncoder.LENGTH]);

        encoder.wrap(buffer, 0).stock("BRK A");
        assertEquals("BRK A", decoder.wrap(buffer, 0).stock());
        encoder.stock("ABCDEFGH");
        assertEquals("ABCDEFGH", decoder.stock());
        encoder.stock("TOOLONGSYMBOL");
        assertEquals("TOOLONGS", decoder.stock());
        encoder.stock(" X");
        assertEquals(" X", decoder.stock());
        encoder.stock("");
        assertEquals("", decoder.stock());
        assertEquals(0x20202020_20202020L, decoder.stockAsLong());
        encoder.stock("Q");
        encoder.stock(null);
        assertEquals(0, decoder.appendStock(new StringBuilder()));
        encoder.stock(new StringBuilder("\u00e9t\u00e9"));
        assertEquals("\u00e9t\u00e9", decoder.stock());
    }

    @Test
    void fourAndTwoByteAlphaAccessors()
    {
        final UnsafeBuffer buffer = encodeSome(StockDirectoryEncoder.LENGTH, b -> new StockDirectoryEncoder()
            .wrap(b, OFFSET)
            .issueSubType("Z"));
        final StockDirectoryDecoder directory = new StockDirectoryDecoder().wrap(buffer, OFFSET);
        assertEquals("Z", directory.issueSubType());
        final byte[] subType = new byte[2];
        assertEquals(2, directory.getIssueSubType(subType, 0));
        assertArrayEquals(new byte[]{'Z', ' '}, subType);

        final UnsafeBuffer position = encodeSome(MarketParticipantPositionEncoder.LENGTH, b ->
            new MarketParticipantPositionEncoder().wrap(b, OFFSET).mpid("GS").stock("ZVZZT"));
        final MarketParticipantPositionDecoder d = new MarketParticipantPositionDecoder().wrap(position, OFFSET);
        assertEquals(0x47532020, d.mpidAsInt());
        final StringBuilder sb = new StringBuilder();
        assertEquals(2, d.appendMpid(sb));
        assertEquals(5, d.appendStock(sb.append('/')));
        assertEquals("GS/ZVZZT", sb.toString());
    }

    @Test
    void decoderRewrapsWithoutState()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2 * OrderCancelDecoder.LENGTH]);
        final OrderCancelEncoder encoder = new OrderCancelEncoder();
        encoder.wrap(buffer, 0).orderReferenceNumber(1).cancelledShares(10);
        encoder.wrap(buffer, OrderCancelDecoder.LENGTH).orderReferenceNumber(2).cancelledShares(20);

        final OrderCancelDecoder d = new OrderCancelDecoder();
        assertEquals(20L, d.wrap(buffer, OrderCancelDecoder.LENGTH).cancelledShares());
        assertEquals(1L, d.wrap(buffer, 0).orderReferenceNumber());
        assertEquals(10L, d.cancelledShares());
        assertEquals(OrderCancelDecoder.LENGTH, d.offset() + d.length());
        assertEquals(buffer, d.buffer());
    }
}
