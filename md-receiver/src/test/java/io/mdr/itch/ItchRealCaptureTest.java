package io.mdr.itch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.mdr.itch.ItchTestSupport.hex;
import static io.mdr.itch.ItchTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Messages from real NASDAQ captures (shared/data/itch50, MoldUDP64 session 000010059B). Each hex string is the
 * message of a MoldUDP64 message block, without its 2-byte block length. In the single-packet captures the
 * message starts at file offset 108 = 24 (pcap global header) + 16 (record header) + 14 (Ethernet) + 4 (802.1Q)
 * + 20 (IPv4) + 8 (UDP) + 20 (MoldUDP64 header) + 2 (block length), read with {@code xxd}. The expected values
 * were decoded by hand from those bytes: big-endian integers (stock locate 0x1598 = 5528, timestamp
 * 0x1F1ACED85306 = 34199999894278 ns, about 09:29:59.9999 ET, order reference 0x0166B53E = 23508286, shares
 * 0x640 = 1600, price 0x000D55AC = 873900, that is $87.39) and ASCII alpha fields ("IVOO    " = 49 56 4F 4F
 * 20 20 20 20), and agree with the message types and sequence numbers listed in the captures' README.
 */
class ItchRealCaptureTest
{
    /** AddOrderNoMpidAttributionMessage.pcap, sequence 14757721. */
    private static final String ADD_ORDER = "41159800001f1aced85306000000000166b53e420000064049564f4f20202020000d55ac";
    /** Multiple.Packets.pcap, sequence 19009117 + 3 (fourth block of the second packet). */
    private static final String ADD_ORDER_MPID =
        "46197200001f23e0981ae1000000000094d0a742000000054d45544120202020000c394c55425353";
    /** MarketParticipantPositionMessage.pcap, sequence 17861990. */
    private static final String MARKET_PARTICIPANT_POSITION = "4c0e9300001f2082daf82d4d41584d46474d4320202020594e41";
    /** OrderDeleteMessage.pcap, sequence 14757722. */
    private static final String ORDER_DELETE = "440dbd00001f1aced85ad80000000001668bd6";
    /** OrderExecutedMessage.pcap, sequence 14757745. */
    private static final String ORDER_EXECUTED = "45092900021f1aced8f061000000000166929a00000019000000000003e63b";
    /** OrderReplaceMessage.pcap, sequence 14757701. */
    private static final String ORDER_REPLACE =
        "551db300001f1aced771e90000000000e6897f000000000145f2c700000064001036c8";
    /** StockTradingActionMessage.pcap, sequence 34147961. */
    private static final String STOCK_TRADING_ACTION = "4801d000001f9df77c9e20414d432020202020542020202020";
    /** NetOrderImbalanceIndicatorMessage.pcap, sequence 14757919. */
    private static final String NOII =
        "49193e00001f1acede0ab2000000000000000100000000000000004e4d444320202020200007161000071610000716104f4c";

    @Test
    void addOrder()
    {
        final UnsafeBuffer buffer = hex(ADD_ORDER);
        assertEquals(AddOrderDecoder.LENGTH, buffer.capacity());
        final AddOrderDecoder d = assertInstanceOf(AddOrderDecoder.class, new ItchDecoders().wrap(buffer, 0));
        assertEquals('A', d.messageType());
        assertEquals(5528, d.stockLocate());
        assertEquals(0, d.trackingNumber());
        assertEquals(34_199_999_894_278L, d.timestamp());
        assertEquals(23_508_286L, d.orderReferenceNumber());
        assertEquals('B', d.buySellIndicator());
        assertEquals(1600L, d.shares());
        assertEquals("IVOO", d.stock());
        assertEquals(0x49564F4F_20202020L, d.stockAsLong());
        assertEquals(873_900L, d.price());
        assertEquals(
            "\"type\":\"A\",\"stockLocate\":5528,\"trackingNumber\":0,\"timestamp\":34199999894278," +
            "\"orderReferenceNumber\":23508286,\"buySellIndicator\":\"B\",\"shares\":1600,\"stock\":\"IVOO\"," +
            "\"price\":873900",
            json(buffer, 0, buffer.capacity()));
    }

    @Test
    void addOrderMpid()
    {
        final UnsafeBuffer buffer = hex(ADD_ORDER_MPID);
        final AddOrderMpidDecoder d = new AddOrderMpidDecoder().wrap(buffer, 0);
        assertEquals(6514, d.stockLocate());
        assertEquals(0, d.trackingNumber());
        assertEquals(34_238_952_381_153L, d.timestamp());
        assertEquals(9_752_743L, d.orderReferenceNumber());
        assertEquals('B', d.buySellIndicator());
        assertEquals(5L, d.shares());
        assertEquals("META", d.stock());
        assertEquals(801_100L, d.price());
        assertEquals("UBSS", d.attribution());
        assertEquals(
            "\"type\":\"F\",\"stockLocate\":6514,\"trackingNumber\":0,\"timestamp\":34238952381153," +
            "\"orderReferenceNumber\":9752743,\"buySellIndicator\":\"B\",\"shares\":5,\"stock\":\"META\"," +
            "\"price\":801100,\"attribution\":\"UBSS\"",
            json(buffer, 0, buffer.capacity()));
    }

    @Test
    void marketParticipantPosition()
    {
        final MarketParticipantPositionDecoder d = new MarketParticipantPositionDecoder()
            .wrap(hex(MARKET_PARTICIPANT_POSITION), 0);
        assertEquals(3731, d.stockLocate());
        assertEquals(34_224_494_802_989L, d.timestamp());
        assertEquals("MAXM", d.mpid());
        assertEquals("FGMC", d.stock());
        assertEquals('Y', d.primaryMarketMaker());
        assertEquals('N', d.marketMakerMode());
        assertEquals('A', d.marketParticipantState());
    }

    @Test
    void orderDelete()
    {
        final OrderDeleteDecoder d = new OrderDeleteDecoder().wrap(hex(ORDER_DELETE), 0);
        assertEquals(3517, d.stockLocate());
        assertEquals(34_199_999_896_280L, d.timestamp());
        assertEquals(23_497_686L, d.orderReferenceNumber());
    }

    @Test
    void orderExecuted()
    {
        final OrderExecutedDecoder d = new OrderExecutedDecoder().wrap(hex(ORDER_EXECUTED), 0);
        assertEquals(2345, d.stockLocate());
        assertEquals(2, d.trackingNumber());
        assertEquals(34_199_999_934_561L, d.timestamp());
        assertEquals(23_499_418L, d.orderReferenceNumber());
        assertEquals(25L, d.executedShares());
        assertEquals(255_547L, d.matchNumber());
    }

    @Test
    void orderReplace()
    {
        final OrderReplaceDecoder d = new OrderReplaceDecoder().wrap(hex(ORDER_REPLACE), 0);
        assertEquals(7603, d.stockLocate());
        assertEquals(34_199_999_836_649L, d.timestamp());
        assertEquals(15_108_479L, d.originalOrderReferenceNumber());
        assertEquals(21_361_351L, d.newOrderReferenceNumber());
        assertEquals(100L, d.shares());
        assertEquals(1_062_600L, d.price());
    }

    @Test
    void stockTradingAction()
    {
        final UnsafeBuffer buffer = hex(STOCK_TRADING_ACTION);
        final StockTradingActionDecoder d = new StockTradingActionDecoder().wrap(buffer, 0);
        assertEquals(464, d.stockLocate());
        assertEquals(34_763_322_465_824L, d.timestamp());
        assertEquals("AMC", d.stock());
        assertEquals('T', d.tradingState());
        assertEquals(' ', d.reserved());
        assertEquals("", d.reason());
        assertEquals(
            "\"type\":\"H\",\"stockLocate\":464,\"trackingNumber\":0,\"timestamp\":34763322465824," +
            "\"stock\":\"AMC\",\"tradingState\":\"T\",\"reserved\":\" \",\"reason\":\"\"",
            json(buffer, 0, buffer.capacity()));
    }

    @Test
    void noii()
    {
        final NoiiDecoder d = new NoiiDecoder().wrap(hex(NOII), 0);
        assertEquals(6462, d.stockLocate());
        assertEquals(34_200_000_268_978L, d.timestamp());
        assertEquals(1L, d.pairedShares());
        assertEquals(0L, d.imbalanceShares());
        assertEquals('N', d.imbalanceDirection());
        assertEquals("MDC", d.stock());
        assertEquals(464_400L, d.farPrice());
        assertEquals(464_400L, d.nearPrice());
        assertEquals(464_400L, d.currentReferencePrice());
        assertEquals('O', d.crossType());
        assertEquals('L', d.priceVariationIndicator());
    }

    /** Where the shared captures are present, the hex strings above are the bytes at file offset 108. */
    @Test
    void hexMatchesTheCapturesWhenPresent() throws IOException
    {
        final Path dir = Path.of(System.getProperty("md.project.root", "."), "..", "shared", "data", "itch50");
        assumeTrue(Files.isDirectory(dir), "no shared captures at " + dir);
        final Map<String, String> messages = Map.of(
            "AddOrderNoMpidAttributionMessage.pcap", ADD_ORDER,
            "MarketParticipantPositionMessage.pcap", MARKET_PARTICIPANT_POSITION,
            "OrderDeleteMessage.pcap", ORDER_DELETE,
            "OrderExecutedMessage.pcap", ORDER_EXECUTED,
            "OrderReplaceMessage.pcap", ORDER_REPLACE,
            "StockTradingActionMessage.pcap", STOCK_TRADING_ACTION,
            "NetOrderImbalanceIndicatorMessage.pcap", NOII);
        for (final Map.Entry<String, String> e : messages.entrySet())
        {
            final ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(e.getKey())));
            final int blockLength = file.order(ByteOrder.BIG_ENDIAN).getShort(106) & 0xFFFF;
            final byte[] message = new byte[blockLength];
            file.get(108, message);
            assertEquals(e.getValue(), HexFormat.of().formatHex(message), e.getKey());
        }
    }
}
