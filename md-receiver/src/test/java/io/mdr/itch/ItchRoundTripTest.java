package io.mdr.itch;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.mdr.itch.ItchTestSupport.OFFSET;
import static io.mdr.itch.ItchTestSupport.encode;
import static io.mdr.itch.ItchTestSupport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Every message type: encode distinct values (u32 fields above 2^31, timestamps above 2^40) at an unaligned
 * offset, check that the encoder wrote exactly the message's bytes, then decode each field and the JSON form.
 */
class ItchRoundTripTest
{
    @Test
    void systemEvent()
    {
        final SystemEventEncoder encoder = new SystemEventEncoder();
        final UnsafeBuffer buffer = encode(SystemEventEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(32769)
            .trackingNumber(65535)
            .timestamp(20015998343868L)
            .eventCode('A'));

        final SystemEventDecoder d = new SystemEventDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.SYSTEM_EVENT, d.messageType());
        assertEquals(32769, d.stockLocate());
        assertEquals(65535, d.trackingNumber());
        assertEquals(20015998343868L, d.timestamp());
        assertEquals('A', d.eventCode());
        assertInstanceOf(SystemEventDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"S\",\"stockLocate\":32769,\"trackingNumber\":65535," +
            "\"timestamp\":20015998343868,\"eventCode\":\"A\"",
            json(buffer, OFFSET, SystemEventEncoder.LENGTH));
    }

    @Test
    void stockDirectory()
    {
        final StockDirectoryEncoder encoder = new StockDirectoryEncoder();
        final UnsafeBuffer buffer = encode(StockDirectoryEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(34006)
            .trackingNumber(65324)
            .timestamp(20016998346875L)
            .stock("AAPL")
            .marketCategory('K')
            .financialStatusIndicator('N')
            .roundLotSize(2717922799L)
            .roundLotsOnly('T')
            .issueClassification('W')
            .issueSubType("AB")
            .authenticity('C')
            .shortSaleThresholdIndicator('F')
            .ipoFlag('I')
            .luldReferencePriceTier('L')
            .etpFlag('O')
            .etpLeverageFactor(2868918130L)
            .inverseIndicator('U'));

        final StockDirectoryDecoder d = new StockDirectoryDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.STOCK_DIRECTORY, d.messageType());
        assertEquals(34006, d.stockLocate());
        assertEquals(65324, d.trackingNumber());
        assertEquals(20016998346875L, d.timestamp());
        assertEquals("AAPL", d.stock());
        assertEquals('K', d.marketCategory());
        assertEquals('N', d.financialStatusIndicator());
        assertEquals(2717922799L, d.roundLotSize());
        assertEquals('T', d.roundLotsOnly());
        assertEquals('W', d.issueClassification());
        assertEquals("AB", d.issueSubType());
        assertEquals('C', d.authenticity());
        assertEquals('F', d.shortSaleThresholdIndicator());
        assertEquals('I', d.ipoFlag());
        assertEquals('L', d.luldReferencePriceTier());
        assertEquals('O', d.etpFlag());
        assertEquals(2868918130L, d.etpLeverageFactor());
        assertEquals('U', d.inverseIndicator());
        assertInstanceOf(StockDirectoryDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"R\",\"stockLocate\":34006,\"trackingNumber\":65324," +
            "\"timestamp\":20016998346875,\"stock\":\"AAPL\",\"marketCategory\":\"K\"," +
            "\"financialStatusIndicator\":\"N\",\"roundLotSize\":2717922799,\"roundLotsOnly\":\"T\"," +
            "\"issueClassification\":\"W\",\"issueSubType\":\"AB\",\"authenticity\":\"C\"," +
            "\"shortSaleThresholdIndicator\":\"F\",\"ipoFlag\":\"I\",\"luldReferencePriceTier\":\"L\"," +
            "\"etpFlag\":\"O\",\"etpLeverageFactor\":2868918130,\"inverseIndicator\":\"U\"",
            json(buffer, OFFSET, StockDirectoryEncoder.LENGTH));
    }

    @Test
    void stockTradingAction()
    {
        final StockTradingActionEncoder encoder = new StockTradingActionEncoder();
        final UnsafeBuffer buffer = encode(StockTradingActionEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(35243)
            .trackingNumber(65113)
            .timestamp(20017998349882L)
            .stock("BRK A")
            .tradingState('R')
            .reserved('U')
            .reason("UBSS"));

        final StockTradingActionDecoder d = new StockTradingActionDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.STOCK_TRADING_ACTION, d.messageType());
        assertEquals(35243, d.stockLocate());
        assertEquals(65113, d.trackingNumber());
        assertEquals(20017998349882L, d.timestamp());
        assertEquals("BRK A", d.stock());
        assertEquals('R', d.tradingState());
        assertEquals('U', d.reserved());
        assertEquals("UBSS", d.reason());
        assertInstanceOf(StockTradingActionDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"H\",\"stockLocate\":35243,\"trackingNumber\":65113," +
            "\"timestamp\":20017998349882,\"stock\":\"BRK A\",\"tradingState\":\"R\",\"reserved\":\"U\"," +
            "\"reason\":\"UBSS\"",
            json(buffer, OFFSET, StockTradingActionEncoder.LENGTH));
    }

    @Test
    void regShoRestriction()
    {
        final RegShoRestrictionEncoder encoder = new RegShoRestrictionEncoder();
        final UnsafeBuffer buffer = encode(RegShoRestrictionEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(36480)
            .trackingNumber(64902)
            .timestamp(20018998352889L)
            .stock("ABCDEFGH")
            .regShoAction('Y'));

        final RegShoRestrictionDecoder d = new RegShoRestrictionDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.REG_SHO_RESTRICTION, d.messageType());
        assertEquals(36480, d.stockLocate());
        assertEquals(64902, d.trackingNumber());
        assertEquals(20018998352889L, d.timestamp());
        assertEquals("ABCDEFGH", d.stock());
        assertEquals('Y', d.regShoAction());
        assertInstanceOf(RegShoRestrictionDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"Y\",\"stockLocate\":36480,\"trackingNumber\":64902," +
            "\"timestamp\":20018998352889,\"stock\":\"ABCDEFGH\",\"regShoAction\":\"Y\"",
            json(buffer, OFFSET, RegShoRestrictionEncoder.LENGTH));
    }

    @Test
    void marketParticipantPosition()
    {
        final MarketParticipantPositionEncoder encoder = new MarketParticipantPositionEncoder();
        final UnsafeBuffer buffer = encode(MarketParticipantPositionEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(37717)
            .trackingNumber(64691)
            .timestamp(20019998355896L)
            .mpid("MAXM")
            .stock("QQQ")
            .primaryMarketMaker('I')
            .marketMakerMode('L')
            .marketParticipantState('O'));

        final MarketParticipantPositionDecoder d = new MarketParticipantPositionDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.MARKET_PARTICIPANT_POSITION, d.messageType());
        assertEquals(37717, d.stockLocate());
        assertEquals(64691, d.trackingNumber());
        assertEquals(20019998355896L, d.timestamp());
        assertEquals("MAXM", d.mpid());
        assertEquals("QQQ", d.stock());
        assertEquals('I', d.primaryMarketMaker());
        assertEquals('L', d.marketMakerMode());
        assertEquals('O', d.marketParticipantState());
        assertInstanceOf(MarketParticipantPositionDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"L\",\"stockLocate\":37717,\"trackingNumber\":64691," +
            "\"timestamp\":20019998355896,\"mpid\":\"MAXM\",\"stock\":\"QQQ\",\"primaryMarketMaker\":\"I\"," +
            "\"marketMakerMode\":\"L\",\"marketParticipantState\":\"O\"",
            json(buffer, OFFSET, MarketParticipantPositionEncoder.LENGTH));
    }

    @Test
    void mwcbDeclineLevel()
    {
        final MwcbDeclineLevelEncoder encoder = new MwcbDeclineLevelEncoder();
        final UnsafeBuffer buffer = encode(MwcbDeclineLevelEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(38954)
            .trackingNumber(64480)
            .timestamp(20020998358903L)
            .level1(3566370520917179812L)
            .level2(3648356050133666707L)
            .level3(3730341579350153602L));

        final MwcbDeclineLevelDecoder d = new MwcbDeclineLevelDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.MWCB_DECLINE_LEVEL, d.messageType());
        assertEquals(38954, d.stockLocate());
        assertEquals(64480, d.trackingNumber());
        assertEquals(20020998358903L, d.timestamp());
        assertEquals(3566370520917179812L, d.level1());
        assertEquals(3648356050133666707L, d.level2());
        assertEquals(3730341579350153602L, d.level3());
        assertInstanceOf(MwcbDeclineLevelDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"V\",\"stockLocate\":38954,\"trackingNumber\":64480," +
            "\"timestamp\":20020998358903,\"level1\":3566370520917179812," +
            "\"level2\":3648356050133666707,\"level3\":3730341579350153602",
            json(buffer, OFFSET, MwcbDeclineLevelEncoder.LENGTH));
    }

    @Test
    void mwcbStatus()
    {
        final MwcbStatusEncoder encoder = new MwcbStatusEncoder();
        final UnsafeBuffer buffer = encode(MwcbStatusEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(40191)
            .trackingNumber(64269)
            .timestamp(20021998361910L)
            .breachedLevel('Q'));

        final MwcbStatusDecoder d = new MwcbStatusDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.MWCB_STATUS, d.messageType());
        assertEquals(40191, d.stockLocate());
        assertEquals(64269, d.trackingNumber());
        assertEquals(20021998361910L, d.timestamp());
        assertEquals('Q', d.breachedLevel());
        assertInstanceOf(MwcbStatusDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"W\",\"stockLocate\":40191,\"trackingNumber\":64269," +
            "\"timestamp\":20021998361910,\"breachedLevel\":\"Q\"",
            json(buffer, OFFSET, MwcbStatusEncoder.LENGTH));
    }

    @Test
    void ipoQuotingPeriodUpdate()
    {
        final IpoQuotingPeriodUpdateEncoder encoder = new IpoQuotingPeriodUpdateEncoder();
        final UnsafeBuffer buffer = encode(IpoQuotingPeriodUpdateEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(41428)
            .trackingNumber(64058)
            .timestamp(20022998364917L)
            .stock("X")
            .ipoQuotationReleaseTime(3657454808L)
            .ipoQuotationReleaseQualifier('D')
            .ipoPrice(3691009326L));

        final IpoQuotingPeriodUpdateDecoder d = new IpoQuotingPeriodUpdateDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.IPO_QUOTING_PERIOD_UPDATE, d.messageType());
        assertEquals(41428, d.stockLocate());
        assertEquals(64058, d.trackingNumber());
        assertEquals(20022998364917L, d.timestamp());
        assertEquals("X", d.stock());
        assertEquals(3657454808L, d.ipoQuotationReleaseTime());
        assertEquals('D', d.ipoQuotationReleaseQualifier());
        assertEquals(3691009326L, d.ipoPrice());
        assertInstanceOf(IpoQuotingPeriodUpdateDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"K\",\"stockLocate\":41428,\"trackingNumber\":64058," +
            "\"timestamp\":20022998364917,\"stock\":\"X\",\"ipoQuotationReleaseTime\":3657454808," +
            "\"ipoQuotationReleaseQualifier\":\"D\",\"ipoPrice\":3691009326",
            json(buffer, OFFSET, IpoQuotingPeriodUpdateEncoder.LENGTH));
    }

    @Test
    void luldAuctionCollar()
    {
        final LuldAuctionCollarEncoder encoder = new LuldAuctionCollarEncoder();
        final UnsafeBuffer buffer = encode(LuldAuctionCollarEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(42665)
            .trackingNumber(63847)
            .timestamp(20023998367924L)
            .stock("TSLA")
            .auctionCollarReferencePrice(4177549837L)
            .upperAuctionCollarPrice(4194327096L)
            .lowerAuctionCollarPrice(4211104355L)
            .auctionCollarExtension(4227881614L));

        final LuldAuctionCollarDecoder d = new LuldAuctionCollarDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.LULD_AUCTION_COLLAR, d.messageType());
        assertEquals(42665, d.stockLocate());
        assertEquals(63847, d.trackingNumber());
        assertEquals(20023998367924L, d.timestamp());
        assertEquals("TSLA", d.stock());
        assertEquals(4177549837L, d.auctionCollarReferencePrice());
        assertEquals(4194327096L, d.upperAuctionCollarPrice());
        assertEquals(4211104355L, d.lowerAuctionCollarPrice());
        assertEquals(4227881614L, d.auctionCollarExtension());
        assertInstanceOf(LuldAuctionCollarDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"J\",\"stockLocate\":42665,\"trackingNumber\":63847," +
            "\"timestamp\":20023998367924,\"stock\":\"TSLA\"," +
            "\"auctionCollarReferencePrice\":4177549837,\"upperAuctionCollarPrice\":4194327096," +
            "\"lowerAuctionCollarPrice\":4211104355,\"auctionCollarExtension\":4227881614",
            json(buffer, OFFSET, LuldAuctionCollarEncoder.LENGTH));
    }

    @Test
    void operationalHalt()
    {
        final OperationalHaltEncoder encoder = new OperationalHaltEncoder();
        final UnsafeBuffer buffer = encode(OperationalHaltEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(43902)
            .trackingNumber(63636)
            .timestamp(20024998370931L)
            .stock("NVDA")
            .marketCode('O')
            .operationalHaltAction('R'));

        final OperationalHaltDecoder d = new OperationalHaltDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.OPERATIONAL_HALT, d.messageType());
        assertEquals(43902, d.stockLocate());
        assertEquals(63636, d.trackingNumber());
        assertEquals(20024998370931L, d.timestamp());
        assertEquals("NVDA", d.stock());
        assertEquals('O', d.marketCode());
        assertEquals('R', d.operationalHaltAction());
        assertInstanceOf(OperationalHaltDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"h\",\"stockLocate\":43902,\"trackingNumber\":63636," +
            "\"timestamp\":20024998370931,\"stock\":\"NVDA\",\"marketCode\":\"O\"," +
            "\"operationalHaltAction\":\"R\"",
            json(buffer, OFFSET, OperationalHaltEncoder.LENGTH));
    }

    @Test
    void addOrder()
    {
        final AddOrderEncoder encoder = new AddOrderEncoder();
        final UnsafeBuffer buffer = encode(AddOrderEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(45139)
            .trackingNumber(63425)
            .timestamp(20025998373938L)
            .orderReferenceNumber(2439069494190484825L)
            .buySellIndicator('V')
            .shares(3087033507L)
            .stock("IVOO")
            .price(3120588025L));

        final AddOrderDecoder d = new AddOrderDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.ADD_ORDER, d.messageType());
        assertEquals(45139, d.stockLocate());
        assertEquals(63425, d.trackingNumber());
        assertEquals(20025998373938L, d.timestamp());
        assertEquals(2439069494190484825L, d.orderReferenceNumber());
        assertEquals('V', d.buySellIndicator());
        assertEquals(3087033507L, d.shares());
        assertEquals("IVOO", d.stock());
        assertEquals(3120588025L, d.price());
        assertInstanceOf(AddOrderDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"A\",\"stockLocate\":45139,\"trackingNumber\":63425," +
            "\"timestamp\":20025998373938,\"orderReferenceNumber\":2439069494190484825," +
            "\"buySellIndicator\":\"V\",\"shares\":3087033507,\"stock\":\"IVOO\",\"price\":3120588025",
            json(buffer, OFFSET, AddOrderEncoder.LENGTH));
    }

    @Test
    void addOrderMpid()
    {
        final AddOrderMpidEncoder encoder = new AddOrderMpidEncoder();
        final UnsafeBuffer buffer = encode(AddOrderMpidEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(46376)
            .trackingNumber(63214)
            .timestamp(20026998376945L)
            .orderReferenceNumber(368934881474190666L)
            .buySellIndicator('C')
            .shares(3607128536L)
            .stock("SPY")
            .price(3640683054L)
            .attribution("GS"));

        final AddOrderMpidDecoder d = new AddOrderMpidDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.ADD_ORDER_MPID, d.messageType());
        assertEquals(46376, d.stockLocate());
        assertEquals(63214, d.trackingNumber());
        assertEquals(20026998376945L, d.timestamp());
        assertEquals(368934881474190666L, d.orderReferenceNumber());
        assertEquals('C', d.buySellIndicator());
        assertEquals(3607128536L, d.shares());
        assertEquals("SPY", d.stock());
        assertEquals(3640683054L, d.price());
        assertEquals("GS", d.attribution());
        assertInstanceOf(AddOrderMpidDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"F\",\"stockLocate\":46376,\"trackingNumber\":63214," +
            "\"timestamp\":20026998376945,\"orderReferenceNumber\":368934881474190666," +
            "\"buySellIndicator\":\"C\",\"shares\":3607128536,\"stock\":\"SPY\",\"price\":3640683054," +
            "\"attribution\":\"GS\"",
            json(buffer, OFFSET, AddOrderMpidEncoder.LENGTH));
    }

    @Test
    void orderExecuted()
    {
        final OrderExecutedEncoder encoder = new OrderExecutedEncoder();
        final UnsafeBuffer buffer = encode(OrderExecutedEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(47613)
            .trackingNumber(63003)
            .timestamp(20027998379952L)
            .orderReferenceNumber(2910486287185284411L)
            .executedShares(4110446306L)
            .matchNumber(3074457345618258201L));

        final OrderExecutedDecoder d = new OrderExecutedDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.ORDER_EXECUTED, d.messageType());
        assertEquals(47613, d.stockLocate());
        assertEquals(63003, d.trackingNumber());
        assertEquals(20027998379952L, d.timestamp());
        assertEquals(2910486287185284411L, d.orderReferenceNumber());
        assertEquals(4110446306L, d.executedShares());
        assertEquals(3074457345618258201L, d.matchNumber());
        assertInstanceOf(OrderExecutedDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"E\",\"stockLocate\":47613,\"trackingNumber\":63003," +
            "\"timestamp\":20027998379952,\"orderReferenceNumber\":2910486287185284411," +
            "\"executedShares\":4110446306,\"matchNumber\":3074457345618258201",
            json(buffer, OFFSET, OrderExecutedEncoder.LENGTH));
    }

    @Test
    void orderExecutedWithPrice()
    {
        final OrderExecutedWithPriceEncoder encoder = new OrderExecutedWithPriceEncoder();
        final UnsafeBuffer buffer = encode(OrderExecutedWithPriceEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(48850)
            .trackingNumber(62792)
            .timestamp(20028998382959L)
            .orderReferenceNumber(840351674468990252L)
            .executedShares(2483057688L)
            .matchNumber(1004322732901964042L)
            .printable('W')
            .executionPrice(2533389465L));

        final OrderExecutedWithPriceDecoder d = new OrderExecutedWithPriceDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.ORDER_EXECUTED_WITH_PRICE, d.messageType());
        assertEquals(48850, d.stockLocate());
        assertEquals(62792, d.trackingNumber());
        assertEquals(20028998382959L, d.timestamp());
        assertEquals(840351674468990252L, d.orderReferenceNumber());
        assertEquals(2483057688L, d.executedShares());
        assertEquals(1004322732901964042L, d.matchNumber());
        assertEquals('W', d.printable());
        assertEquals(2533389465L, d.executionPrice());
        assertInstanceOf(OrderExecutedWithPriceDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"C\",\"stockLocate\":48850,\"trackingNumber\":62792," +
            "\"timestamp\":20028998382959,\"orderReferenceNumber\":840351674468990252," +
            "\"executedShares\":2483057688,\"matchNumber\":1004322732901964042,\"printable\":\"W\"," +
            "\"executionPrice\":2533389465",
            json(buffer, OFFSET, OrderExecutedWithPriceEncoder.LENGTH));
    }

    @Test
    void orderCancel()
    {
        final OrderCancelEncoder encoder = new OrderCancelEncoder();
        final UnsafeBuffer buffer = encode(OrderCancelEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(50087)
            .trackingNumber(62581)
            .timestamp(20029998385966L)
            .orderReferenceNumber(3381903080180083997L)
            .cancelledShares(3003152717L));

        final OrderCancelDecoder d = new OrderCancelDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.ORDER_CANCEL, d.messageType());
        assertEquals(50087, d.stockLocate());
        assertEquals(62581, d.trackingNumber());
        assertEquals(20029998385966L, d.timestamp());
        assertEquals(3381903080180083997L, d.orderReferenceNumber());
        assertEquals(3003152717L, d.cancelledShares());
        assertInstanceOf(OrderCancelDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"X\",\"stockLocate\":50087,\"trackingNumber\":62581," +
            "\"timestamp\":20029998385966,\"orderReferenceNumber\":3381903080180083997," +
            "\"cancelledShares\":3003152717",
            json(buffer, OFFSET, OrderCancelEncoder.LENGTH));
    }

    @Test
    void orderDelete()
    {
        final OrderDeleteEncoder encoder = new OrderDeleteEncoder();
        final UnsafeBuffer buffer = encode(OrderDeleteEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(51324)
            .trackingNumber(62370)
            .timestamp(20030998388973L)
            .orderReferenceNumber(1311768467463789838L));

        final OrderDeleteDecoder d = new OrderDeleteDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.ORDER_DELETE, d.messageType());
        assertEquals(51324, d.stockLocate());
        assertEquals(62370, d.trackingNumber());
        assertEquals(20030998388973L, d.timestamp());
        assertEquals(1311768467463789838L, d.orderReferenceNumber());
        assertInstanceOf(OrderDeleteDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"D\",\"stockLocate\":51324,\"trackingNumber\":62370," +
            "\"timestamp\":20030998388973,\"orderReferenceNumber\":1311768467463789838",
            json(buffer, OFFSET, OrderDeleteEncoder.LENGTH));
    }

    @Test
    void orderReplace()
    {
        final OrderReplaceEncoder encoder = new OrderReplaceEncoder();
        final UnsafeBuffer buffer = encode(OrderReplaceEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(52561)
            .trackingNumber(62159)
            .timestamp(20031998391980L)
            .originalOrderReferenceNumber(3853319873174883583L)
            .newOrderReferenceNumber(3935305402391370478L)
            .shares(4060120034L)
            .price(4076897293L));

        final OrderReplaceDecoder d = new OrderReplaceDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.ORDER_REPLACE, d.messageType());
        assertEquals(52561, d.stockLocate());
        assertEquals(62159, d.trackingNumber());
        assertEquals(20031998391980L, d.timestamp());
        assertEquals(3853319873174883583L, d.originalOrderReferenceNumber());
        assertEquals(3935305402391370478L, d.newOrderReferenceNumber());
        assertEquals(4060120034L, d.shares());
        assertEquals(4076897293L, d.price());
        assertInstanceOf(OrderReplaceDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"U\",\"stockLocate\":52561,\"trackingNumber\":62159," +
            "\"timestamp\":20031998391980,\"originalOrderReferenceNumber\":3853319873174883583," +
            "\"newOrderReferenceNumber\":3935305402391370478,\"shares\":4060120034," +
            "\"price\":4076897293",
            json(buffer, OFFSET, OrderReplaceEncoder.LENGTH));
    }

    @Test
    void trade()
    {
        final TradeEncoder encoder = new TradeEncoder();
        final UnsafeBuffer buffer = encode(TradeEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(53798)
            .trackingNumber(61948)
            .timestamp(20032998394987L)
            .orderReferenceNumber(1783185260458589424L)
            .buySellIndicator('S')
            .shares(2432731416L)
            .stock("CSCO")
            .price(2466285934L)
            .matchNumber(2193112906541023899L));

        final TradeDecoder d = new TradeDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.TRADE, d.messageType());
        assertEquals(53798, d.stockLocate());
        assertEquals(61948, d.trackingNumber());
        assertEquals(20032998394987L, d.timestamp());
        assertEquals(1783185260458589424L, d.orderReferenceNumber());
        assertEquals('S', d.buySellIndicator());
        assertEquals(2432731416L, d.shares());
        assertEquals("CSCO", d.stock());
        assertEquals(2466285934L, d.price());
        assertEquals(2193112906541023899L, d.matchNumber());
        assertInstanceOf(TradeDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"P\",\"stockLocate\":53798,\"trackingNumber\":61948," +
            "\"timestamp\":20032998394987,\"orderReferenceNumber\":1783185260458589424," +
            "\"buySellIndicator\":\"S\",\"shares\":2432731416,\"stock\":\"CSCO\",\"price\":2466285934," +
            "\"matchNumber\":2193112906541023899",
            json(buffer, OFFSET, TradeEncoder.LENGTH));
    }

    @Test
    void crossTrade()
    {
        final CrossTradeEncoder encoder = new CrossTradeEncoder();
        final UnsafeBuffer buffer = encode(CrossTradeEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(55035)
            .trackingNumber(61737)
            .timestamp(20033998397994L)
            .shares(4324736666169683169L)
            .stock("PEP")
            .crossPrice(2952826445L)
            .matchNumber(4570693253819143854L)
            .crossType('I'));

        final CrossTradeDecoder d = new CrossTradeDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.CROSS_TRADE, d.messageType());
        assertEquals(55035, d.stockLocate());
        assertEquals(61737, d.trackingNumber());
        assertEquals(20033998397994L, d.timestamp());
        assertEquals(4324736666169683169L, d.shares());
        assertEquals("PEP", d.stock());
        assertEquals(2952826445L, d.crossPrice());
        assertEquals(4570693253819143854L, d.matchNumber());
        assertEquals('I', d.crossType());
        assertInstanceOf(CrossTradeDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"Q\",\"stockLocate\":55035,\"trackingNumber\":61737," +
            "\"timestamp\":20033998397994,\"shares\":4324736666169683169,\"stock\":\"PEP\"," +
            "\"crossPrice\":2952826445,\"matchNumber\":4570693253819143854,\"crossType\":\"I\"",
            json(buffer, OFFSET, CrossTradeEncoder.LENGTH));
    }

    @Test
    void brokenTrade()
    {
        final BrokenTradeEncoder encoder = new BrokenTradeEncoder();
        final UnsafeBuffer buffer = encode(BrokenTradeEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(56272)
            .trackingNumber(61526)
            .timestamp(20034998401001L)
            .matchNumber(2254602053453389010L));

        final BrokenTradeDecoder d = new BrokenTradeDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.BROKEN_TRADE, d.messageType());
        assertEquals(56272, d.stockLocate());
        assertEquals(61526, d.trackingNumber());
        assertEquals(20034998401001L, d.timestamp());
        assertEquals(2254602053453389010L, d.matchNumber());
        assertInstanceOf(BrokenTradeDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"B\",\"stockLocate\":56272,\"trackingNumber\":61526," +
            "\"timestamp\":20034998401001,\"matchNumber\":2254602053453389010",
            json(buffer, OFFSET, BrokenTradeEncoder.LENGTH));
    }

    @Test
    void noii()
    {
        final NoiiEncoder encoder = new NoiiEncoder();
        final UnsafeBuffer buffer = encode(NoiiEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(57509)
            .trackingNumber(61315)
            .timestamp(20035998404008L)
            .pairedShares(184467440737094851L)
            .imbalanceShares(266452969953581746L)
            .imbalanceDirection('Q')
            .stock("ADBE")
            .farPrice(4026571021L)
            .nearPrice(4043348280L)
            .currentReferencePrice(4060125539L)
            .crossType('F')
            .priceVariationIndicator('I'));

        final NoiiDecoder d = new NoiiDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.NOII, d.messageType());
        assertEquals(57509, d.stockLocate());
        assertEquals(61315, d.trackingNumber());
        assertEquals(20035998404008L, d.timestamp());
        assertEquals(184467440737094851L, d.pairedShares());
        assertEquals(266452969953581746L, d.imbalanceShares());
        assertEquals('Q', d.imbalanceDirection());
        assertEquals("ADBE", d.stock());
        assertEquals(4026571021L, d.farPrice());
        assertEquals(4043348280L, d.nearPrice());
        assertEquals(4060125539L, d.currentReferencePrice());
        assertEquals('F', d.crossType());
        assertEquals('I', d.priceVariationIndicator());
        assertInstanceOf(NoiiDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"I\",\"stockLocate\":57509,\"trackingNumber\":61315," +
            "\"timestamp\":20035998404008,\"pairedShares\":184467440737094851," +
            "\"imbalanceShares\":266452969953581746,\"imbalanceDirection\":\"Q\",\"stock\":\"ADBE\"," +
            "\"farPrice\":4026571021,\"nearPrice\":4043348280,\"currentReferencePrice\":4060125539," +
            "\"crossType\":\"F\",\"priceVariationIndicator\":\"I\"",
            json(buffer, OFFSET, NoiiEncoder.LENGTH));
    }

    @Test
    void retailPriceImprovement()
    {
        final RetailPriceImprovementEncoder encoder = new RetailPriceImprovementEncoder();
        final UnsafeBuffer buffer = encode(RetailPriceImprovementEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(58746)
            .trackingNumber(61104)
            .timestamp(20036998407015L)
            .stock("TXN")
            .interestFlag('U'));

        final RetailPriceImprovementDecoder d = new RetailPriceImprovementDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.RETAIL_PRICE_IMPROVEMENT, d.messageType());
        assertEquals(58746, d.stockLocate());
        assertEquals(61104, d.trackingNumber());
        assertEquals(20036998407015L, d.timestamp());
        assertEquals("TXN", d.stock());
        assertEquals('U', d.interestFlag());
        assertInstanceOf(RetailPriceImprovementDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"N\",\"stockLocate\":58746,\"trackingNumber\":61104," +
            "\"timestamp\":20036998407015,\"stock\":\"TXN\",\"interestFlag\":\"U\"",
            json(buffer, OFFSET, RetailPriceImprovementEncoder.LENGTH));
    }

    @Test
    void directListingWithCapitalRaise()
    {
        final DirectListingWithCapitalRaiseEncoder encoder = new DirectListingWithCapitalRaiseEncoder();
        final UnsafeBuffer buffer = encode(DirectListingWithCapitalRaiseEncoder.LENGTH, b -> encoder
            .wrap(b, OFFSET)
            .stockLocate(59983)
            .trackingNumber(60893)
            .timestamp(20037998410022L)
            .stock("QCOM")
            .openEligibilityStatus('B')
            .minimumAllowablePrice(2885722914L)
            .maximumAllowablePrice(2902500173L)
            .nearExecutionPrice(2919277432L)
            .nearExecutionTime(1065811879814328912L)
            .lowerPriceRangeCollar(2952831950L)
            .upperPriceRangeCollar(2969609209L));

        final DirectListingWithCapitalRaiseDecoder d = new DirectListingWithCapitalRaiseDecoder().wrap(buffer, OFFSET);
        assertEquals(ItchMessageType.DIRECT_LISTING_WITH_CAPITAL_RAISE, d.messageType());
        assertEquals(59983, d.stockLocate());
        assertEquals(60893, d.trackingNumber());
        assertEquals(20037998410022L, d.timestamp());
        assertEquals("QCOM", d.stock());
        assertEquals('B', d.openEligibilityStatus());
        assertEquals(2885722914L, d.minimumAllowablePrice());
        assertEquals(2902500173L, d.maximumAllowablePrice());
        assertEquals(2919277432L, d.nearExecutionPrice());
        assertEquals(1065811879814328912L, d.nearExecutionTime());
        assertEquals(2952831950L, d.lowerPriceRangeCollar());
        assertEquals(2969609209L, d.upperPriceRangeCollar());
        assertInstanceOf(DirectListingWithCapitalRaiseDecoder.class, new ItchDecoders().wrap(buffer, OFFSET));
        assertEquals(
            "\"type\":\"O\",\"stockLocate\":59983,\"trackingNumber\":60893," +
            "\"timestamp\":20037998410022,\"stock\":\"QCOM\",\"openEligibilityStatus\":\"B\"," +
            "\"minimumAllowablePrice\":2885722914,\"maximumAllowablePrice\":2902500173," +
            "\"nearExecutionPrice\":2919277432,\"nearExecutionTime\":1065811879814328912," +
            "\"lowerPriceRangeCollar\":2952831950,\"upperPriceRangeCollar\":2969609209",
            json(buffer, OFFSET, DirectListingWithCapitalRaiseEncoder.LENGTH));
    }
}
