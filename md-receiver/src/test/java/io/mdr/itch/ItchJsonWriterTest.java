package io.mdr.itch;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.mdr.itch.ItchTestSupport.OFFSET;
import static io.mdr.itch.ItchTestSupport.encode;
import static io.mdr.itch.ItchTestSupport.hex;
import static io.mdr.itch.ItchTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ItchJsonWriterTest
{
    private static final String ADD_ORDER = "41159800001f1aced85306000000000166b53e420000064049564f4f20202020000d55ac";

    @Test
    void systemEventExact()
    {
        final UnsafeBuffer buffer = encode(SystemEventEncoder.LENGTH, b -> new SystemEventEncoder()
            .wrap(b, OFFSET)
            .stockLocate(0)
            .trackingNumber(7)
            .timestamp(14_400_000_000_000L)
            .eventCode('O'));
        assertEquals(
            "\"type\":\"S\",\"stockLocate\":0,\"trackingNumber\":7,\"timestamp\":14400000000000,\"eventCode\":\"O\"",
            json(buffer, OFFSET, SystemEventEncoder.LENGTH));
    }

    @Test
    void mwcbDeclineLevelExact()
    {
        final UnsafeBuffer buffer = encode(MwcbDeclineLevelEncoder.LENGTH, b -> new MwcbDeclineLevelEncoder()
            .wrap(b, OFFSET)
            .stockLocate(0)
            .trackingNumber(1)
            .timestamp(30_000_000_000_000L)
            .level1(387_123_456_789_000L)
            .level2(358_000_000_000_000L)
            .level3(321_000_000_000_001L));
        assertEquals(
            "\"type\":\"V\",\"stockLocate\":0,\"trackingNumber\":1,\"timestamp\":30000000000000," +
            "\"level1\":387123456789000,\"level2\":358000000000000,\"level3\":321000000000001",
            json(buffer, OFFSET, MwcbDeclineLevelEncoder.LENGTH));
    }

    @Test
    void eightByteIntegersOf2To63AndMoreAreUnsigned()
    {
        final UnsafeBuffer buffer = encode(OrderExecutedEncoder.LENGTH, b -> new OrderExecutedEncoder()
            .wrap(b, OFFSET)
            .stockLocate(65_535)
            .trackingNumber(65_535)
            .timestamp(86_399_999_999_999L)
            .orderReferenceNumber(-1L)
            .executedShares(4_294_967_295L)
            .matchNumber(Long.MIN_VALUE + 5));
        assertEquals(
            "\"type\":\"E\",\"stockLocate\":65535,\"trackingNumber\":65535,\"timestamp\":86399999999999," +
            "\"orderReferenceNumber\":18446744073709551615,\"executedShares\":4294967295," +
            "\"matchNumber\":9223372036854775813",
            json(buffer, OFFSET, OrderExecutedEncoder.LENGTH));
    }

    @Test
    void escapesQuotesBackslashesAndNonPrintableBytes()
    {
        final UnsafeBuffer buffer = encode(StockTradingActionEncoder.LENGTH, b -> new StockTradingActionEncoder()
            .wrap(b, OFFSET)
            .stockLocate(1)
            .trackingNumber(2)
            .timestamp(3)
            .stock("A\"B\\C\u0001\u00e9 ")
            .tradingState('"')
            .reserved('\0')
            .reason("\\"));
        assertEquals(
            "\"type\":\"H\",\"stockLocate\":1,\"trackingNumber\":2,\"timestamp\":3," +
            "\"stock\":\"A\\\"B\\\\C\\u0001\\u00e9\",\"tradingState\":\"\\\"\",\"reserved\":\"\\u0000\"," +
            "\"reason\":\"\\\\\"",
            json(buffer, OFFSET, StockTradingActionEncoder.LENGTH));
    }

    @Test
    void appendsAfterWhatTheCallerWrote()
    {
        final UnsafeBuffer buffer = hex("440dbd00001f1aced85ad80000000001668bd6");
        final StringBuilder out = new StringBuilder("{\"seq\":14757722,");
        new ItchJsonWriter().appendFields(buffer, 0, buffer.capacity(), out);
        out.append('}');
        assertEquals(
            "{\"seq\":14757722,\"type\":\"D\",\"stockLocate\":3517,\"trackingNumber\":0," +
            "\"timestamp\":34199999896280,\"orderReferenceNumber\":23497686}",
            out.toString());
    }

    @Test
    void unknownTypeIsRawHex()
    {
        assertEquals("\"type\":\"Z\",\"raw\":\"5a0102ff\"", json(hex("5a0102ff"), 0, 4));
        assertEquals("\"type\":\"\\u0001\",\"raw\":\"01\"", json(hex("01"), 0, 1));
        assertEquals("\"type\":\"\\\"\",\"raw\":\"2200\"", json(hex("2200"), 0, 2));
        assertEquals("\"type\":\"\\u00ff\",\"raw\":\"ff\"", json(hex("ff"), 0, 1));
    }

    @Test
    void shortMessageIsRawHexAndNothingPastItIsRead()
    {
        // The buffers hold exactly the given bytes: a read past them would throw.
        final String truncated = ADD_ORDER.substring(0, 2 * (AddOrderDecoder.LENGTH - 1));
        assertEquals(
            "\"type\":\"A\",\"raw\":\"" + truncated + "\"", json(hex(truncated), 0, AddOrderDecoder.LENGTH - 1));
        assertEquals("\"type\":\"A\",\"raw\":\"411598\"", json(hex(ADD_ORDER), 0, 3));
        assertEquals("\"type\":\"S\",\"raw\":\"53\"", json(hex("53"), 0, 1));
        assertEquals("\"type\":\"\",\"raw\":\"\"", json(hex(""), 0, 0));
    }

    @Test
    void messageInsideALargerBufferUsesOnlyItsOwnBytes()
    {
        final UnsafeBuffer buffer = hex("ffff" + ADD_ORDER + "4242");
        assertEquals(
            "\"type\":\"A\",\"stockLocate\":5528,\"trackingNumber\":0,\"timestamp\":34199999894278," +
            "\"orderReferenceNumber\":23508286,\"buySellIndicator\":\"B\",\"shares\":1600,\"stock\":\"IVOO\"," +
            "\"price\":873900",
            json(buffer, 2, AddOrderDecoder.LENGTH + 2));
        assertEquals("\"type\":\"B\",\"raw\":\"4242\"", json(buffer, 2 + AddOrderDecoder.LENGTH, 2));
    }
}
