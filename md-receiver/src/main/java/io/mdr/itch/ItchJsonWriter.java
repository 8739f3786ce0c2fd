package io.mdr.itch;

import org.agrona.DirectBuffer;

/**
 * Appends the fields of one ITCH 5.0 message as JSON members, for tools (journal dump, capture decode) rather
 * than the hot path. The caller writes the braces and its own members (channel, sequence number, ...).
 * <p>
 * Every message starts with {@code "type":"A","stockLocate":n,"trackingNumber":n,"timestamp":n},
 * followed by its own fields in wire order. Integers (prices included, in the spec's units: 4 implied
 * decimals, 8 for MWCB levels) are JSON numbers, unsigned as the spec defines them (an 8-byte field of 2^63 or more
 * prints as such, not negative); alpha fields are JSON strings without trailing spaces;
 * one-byte alpha fields are one-character strings. Bytes outside printable ASCII are written as
 * <code>&#92;u00XX</code>. A message of unknown type, or shorter than its type's length, is written as
 * {@code "type":"<char>","raw":"<lower-case hex of the given bytes>"}; bytes past
 * {@code offset + length} are never read, and bytes past the type's length are ignored.
 * <p>
 * Field names by type (after the header):
 * <ul>
 *   <li>{@code S} System Event: eventCode</li>
 *   <li>{@code R} Stock Directory: stock, marketCategory, financialStatusIndicator, roundLotSize, roundLotsOnly,
 *       issueClassification, issueSubType, authenticity, shortSaleThresholdIndicator, ipoFlag,
 *       luldReferencePriceTier, etpFlag, etpLeverageFactor, inverseIndicator</li>
 *   <li>{@code H} Stock Trading Action: stock, tradingState, reserved, reason</li>
 *   <li>{@code Y} Reg SHO Short Sale Price Test Restricted Indicator: stock, regShoAction</li>
 *   <li>{@code L} Market Participant Position: mpid, stock, primaryMarketMaker, marketMakerMode,
 *       marketParticipantState</li>
 *   <li>{@code V} MWCB Decline Level: level1, level2, level3</li>
 *   <li>{@code W} MWCB Status: breachedLevel</li>
 *   <li>{@code K} IPO Quoting Period Update: stock, ipoQuotationReleaseTime, ipoQuotationReleaseQualifier,
 *       ipoPrice</li>
 *   <li>{@code J} LULD Auction Collar: stock, auctionCollarReferencePrice, upperAuctionCollarPrice,
 *       lowerAuctionCollarPrice, auctionCollarExtension</li>
 *   <li>{@code h} Operational Halt: stock, marketCode, operationalHaltAction</li>
 *   <li>{@code A} Add Order - No MPID Attribution: orderReferenceNumber, buySellIndicator, shares, stock,
 *       price</li>
 *   <li>{@code F} Add Order with MPID Attribution: orderReferenceNumber, buySellIndicator, shares, stock, price,
 *       attribution</li>
 *   <li>{@code E} Order Executed: orderReferenceNumber, executedShares, matchNumber</li>
 *   <li>{@code C} Order Executed With Price: orderReferenceNumber, executedShares, matchNumber, printable,
 *       executionPrice</li>
 *   <li>{@code X} Order Cancel: orderReferenceNumber, cancelledShares</li>
 *   <li>{@code D} Order Delete: orderReferenceNumber</li>
 *   <li>{@code U} Order Replace: originalOrderReferenceNumber, newOrderReferenceNumber, shares, price</li>
 *   <li>{@code P} Trade (Non-Cross): orderReferenceNumber, buySellIndicator, shares, stock, price,
 *       matchNumber</li>
 *   <li>{@code Q} Cross Trade: shares, stock, crossPrice, matchNumber, crossType</li>
 *   <li>{@code B} Broken Trade / Order Execution: matchNumber</li>
 *   <li>{@code I} Net Order Imbalance Indicator (NOII): pairedShares, imbalanceShares, imbalanceDirection, stock,
 *       farPrice, nearPrice, currentReferencePrice, crossType, priceVariationIndicator</li>
 *   <li>{@code N} Retail Price Improvement Indicator (RPII): stock, interestFlag</li>
 *   <li>{@code O} Direct Listing with Capital Raise Price Discovery: stock, openEligibilityStatus,
 *       minimumAllowablePrice, maximumAllowablePrice, nearExecutionPrice, nearExecutionTime,
 *       lowerPriceRangeCollar, upperPriceRangeCollar</li>
 * </ul>
 * Not thread-safe (it holds one set of decoders).
 */
public final class ItchJsonWriter
{
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    private final ItchDecoders decoders = new ItchDecoders();

    /** Appends the members of the message of {@code length} bytes at {@code offset} to {@code out}, without braces. */
    public void appendFields(final DirectBuffer buffer, final int offset, final int length, final StringBuilder out)
    {
        if (length <= 0)
        {
            out.append("\"type\":\"\",\"raw\":\"\"");
            return;
        }

        final byte type = buffer.getByte(offset);
        final int typeLength = ItchMessageType.length(type);
        if (0 == typeLength || length < typeLength)
        {
            appendRaw(buffer, offset, length, out);
            return;
        }

        final ItchMessageDecoder decoder = decoders.decoderFor(type).wrap(buffer, offset);
        out.append("\"type\":");
        appendJsonString(out, (char)(type & 0xFF));
        number(out, "stockLocate", decoder.stockLocate());
        number(out, "trackingNumber", decoder.trackingNumber());
        number(out, "timestamp", decoder.timestamp());

        switch (type)
        {
            case ItchMessageType.SYSTEM_EVENT -> systemEvent(decoders.systemEvent(), out);
            case ItchMessageType.STOCK_DIRECTORY -> stockDirectory(decoders.stockDirectory(), out);
            case ItchMessageType.STOCK_TRADING_ACTION -> stockTradingAction(decoders.stockTradingAction(), out);
            case ItchMessageType.REG_SHO_RESTRICTION -> regShoRestriction(decoders.regShoRestriction(), out);
            case ItchMessageType.MARKET_PARTICIPANT_POSITION ->
                marketParticipantPosition(decoders.marketParticipantPosition(), out);
            case ItchMessageType.MWCB_DECLINE_LEVEL -> mwcbDeclineLevel(decoders.mwcbDeclineLevel(), out);
            case ItchMessageType.MWCB_STATUS -> mwcbStatus(decoders.mwcbStatus(), out);
            case ItchMessageType.IPO_QUOTING_PERIOD_UPDATE ->
                ipoQuotingPeriodUpdate(decoders.ipoQuotingPeriodUpdate(), out);
            case ItchMessageType.LULD_AUCTION_COLLAR -> luldAuctionCollar(decoders.luldAuctionCollar(), out);
            case ItchMessageType.OPERATIONAL_HALT -> operationalHalt(decoders.operationalHalt(), out);
            case ItchMessageType.ADD_ORDER -> addOrder(decoders.addOrder(), out);
            case ItchMessageType.ADD_ORDER_MPID -> addOrderMpid(decoders.addOrderMpid(), out);
            case ItchMessageType.ORDER_EXECUTED -> orderExecuted(decoders.orderExecuted(), out);
            case ItchMessageType.ORDER_EXECUTED_WITH_PRICE ->
                orderExecutedWithPrice(decoders.orderExecutedWithPrice(), out);
            case ItchMessageType.ORDER_CANCEL -> orderCancel(decoders.orderCancel(), out);
            case ItchMessageType.ORDER_DELETE -> orderDelete(decoders.orderDelete(), out);
            case ItchMessageType.ORDER_REPLACE -> orderReplace(decoders.orderReplace(), out);
            case ItchMessageType.TRADE -> trade(decoders.trade(), out);
            case ItchMessageType.CROSS_TRADE -> crossTrade(decoders.crossTrade(), out);
            case ItchMessageType.BROKEN_TRADE -> brokenTrade(decoders.brokenTrade(), out);
            case ItchMessageType.NOII -> noii(decoders.noii(), out);
            case ItchMessageType.RETAIL_PRICE_IMPROVEMENT ->
                retailPriceImprovement(decoders.retailPriceImprovement(), out);
            case ItchMessageType.DIRECT_LISTING_WITH_CAPITAL_RAISE ->
                directListingWithCapitalRaise(decoders.directListingWithCapitalRaise(), out);
            default -> throw new IllegalStateException("no JSON layout for a known type");
        }
    }

    private static void systemEvent(final SystemEventDecoder d, final StringBuilder out)
    {
        character(out, "eventCode", d.eventCode());
    }

    private static void stockDirectory(final StockDirectoryDecoder d, final StringBuilder out)
    {
        alpha(out, "stock", d, StockDirectoryDecoder.STOCK_OFFSET, StockDirectoryDecoder.STOCK_LENGTH);
        character(out, "marketCategory", d.marketCategory());
        character(out, "financialStatusIndicator", d.financialStatusIndicator());
        number(out, "roundLotSize", d.roundLotSize());
        character(out, "roundLotsOnly", d.roundLotsOnly());
        character(out, "issueClassification", d.issueClassification());
        alpha(
            out,
            "issueSubType",
            d,
            StockDirectoryDecoder.ISSUE_SUB_TYPE_OFFSET,
            StockDirectoryDecoder.ISSUE_SUB_TYPE_LENGTH);
        character(out, "authenticity", d.authenticity());
        character(out, "shortSaleThresholdIndicator", d.shortSaleThresholdIndicator());
        character(out, "ipoFlag", d.ipoFlag());
        character(out, "luldReferencePriceTier", d.luldReferencePriceTier());
        character(out, "etpFlag", d.etpFlag());
        number(out, "etpLeverageFactor", d.etpLeverageFactor());
        character(out, "inverseIndicator", d.inverseIndicator());
    }

    private static void stockTradingAction(final StockTradingActionDecoder d, final StringBuilder out)
    {
        alpha(out, "stock", d, StockTradingActionDecoder.STOCK_OFFSET, StockTradingActionDecoder.STOCK_LENGTH);
        character(out, "tradingState", d.tradingState());
        character(out, "reserved", d.reserved());
        alpha(out, "reason", d, StockTradingActionDecoder.REASON_OFFSET, StockTradingActionDecoder.REASON_LENGTH);
    }

    private static void regShoRestriction(final RegShoRestrictionDecoder d, final StringBuilder out)
    {
        alpha(out, "stock", d, RegShoRestrictionDecoder.STOCK_OFFSET, RegShoRestrictionDecoder.STOCK_LENGTH);
        character(out, "regShoAction", d.regShoAction());
    }

    private static void marketParticipantPosition(final MarketParticipantPositionDecoder d, final StringBuilder out)
    {
        alpha(
            out, "mpid", d, MarketParticipantPositionDecoder.MPID_OFFSET, MarketParticipantPositionDecoder.MPID_LENGTH);
        alpha(
            out,
            "stock",
            d,
            MarketParticipantPositionDecoder.STOCK_OFFSET,
            MarketParticipantPositionDecoder.STOCK_LENGTH);
        character(out, "primaryMarketMaker", d.primaryMarketMaker());
        character(out, "marketMakerMode", d.marketMakerMode());
        character(out, "marketParticipantState", d.marketParticipantState());
    }

    private static void mwcbDeclineLevel(final MwcbDeclineLevelDecoder d, final StringBuilder out)
    {
        number(out, "level1", d.level1());
        number(out, "level2", d.level2());
        number(out, "level3", d.level3());
    }

    private static void mwcbStatus(final MwcbStatusDecoder d, final StringBuilder out)
    {
        character(out, "breachedLevel", d.breachedLevel());
    }

    private static void ipoQuotingPeriodUpdate(final IpoQuotingPeriodUpdateDecoder d, final StringBuilder out)
    {
        alpha(out, "stock", d, IpoQuotingPeriodUpdateDecoder.STOCK_OFFSET, IpoQuotingPeriodUpdateDecoder.STOCK_LENGTH);
        number(out, "ipoQuotationReleaseTime", d.ipoQuotationReleaseTime());
        character(out, "ipoQuotationReleaseQualifier", d.ipoQuotationReleaseQualifier());
        number(out, "ipoPrice", d.ipoPrice());
    }

    private static void luldAuctionCollar(final LuldAuctionCollarDecoder d, final StringBuilder out)
    {
        alpha(out, "stock", d, LuldAuctionCollarDecoder.STOCK_OFFSET, LuldAuctionCollarDecoder.STOCK_LENGTH);
        number(out, "auctionCollarReferencePrice", d.auctionCollarReferencePrice());
        number(out, "upperAuctionCollarPrice", d.upperAuctionCollarPrice());
        number(out, "lowerAuctionCollarPrice", d.lowerAuctionCollarPrice());
        number(out, "auctionCollarExtension", d.auctionCollarExtension());
    }

    private static void operationalHalt(final OperationalHaltDecoder d, final StringBuilder out)
    {
        alpha(out, "stock", d, OperationalHaltDecoder.STOCK_OFFSET, OperationalHaltDecoder.STOCK_LENGTH);
        character(out, "marketCode", d.marketCode());
        character(out, "operationalHaltAction", d.operationalHaltAction());
    }

    private static void addOrder(final AddOrderDecoder d, final StringBuilder out)
    {
        number(out, "orderReferenceNumber", d.orderReferenceNumber());
        character(out, "buySellIndicator", d.buySellIndicator());
        number(out, "shares", d.shares());
        alpha(out, "stock", d, AddOrderDecoder.STOCK_OFFSET, AddOrderDecoder.STOCK_LENGTH);
        number(out, "price", d.price());
    }

    private static void addOrderMpid(final AddOrderMpidDecoder d, final StringBuilder out)
    {
        number(out, "orderReferenceNumber", d.orderReferenceNumber());
        character(out, "buySellIndicator", d.buySellIndicator());
        number(out, "shares", d.shares());
        alpha(out, "stock", d, AddOrderMpidDecoder.STOCK_OFFSET, AddOrderMpidDecoder.STOCK_LENGTH);
        number(out, "price", d.price());
        alpha(out, "attribution", d, AddOrderMpidDecoder.ATTRIBUTION_OFFSET, AddOrderMpidDecoder.ATTRIBUTION_LENGTH);
    }

    private static void orderExecuted(final OrderExecutedDecoder d, final StringBuilder out)
    {
        number(out, "orderReferenceNumber", d.orderReferenceNumber());
        number(out, "executedShares", d.executedShares());
        number(out, "matchNumber", d.matchNumber());
    }

    private static void orderExecutedWithPrice(final OrderExecutedWithPriceDecoder d, final StringBuilder out)
    {
        number(out, "orderReferenceNumber", d.orderReferenceNumber());
        number(out, "executedShares", d.executedShares());
        number(out, "matchNumber", d.matchNumber());
        character(out, "printable", d.printable());
        number(out, "executionPrice", d.executionPrice());
    }

    private static void orderCancel(final OrderCancelDecoder d, final StringBuilder out)
    {
        number(out, "orderReferenceNumber", d.orderReferenceNumber());
        number(out, "cancelledShares", d.cancelledShares());
    }

    private static void orderDelete(final OrderDeleteDecoder d, final StringBuilder out)
    {
        number(out, "orderReferenceNumber", d.orderReferenceNumber());
    }

    private static void orderReplace(final OrderReplaceDecoder d, final StringBuilder out)
    {
        number(out, "originalOrderReferenceNumber", d.originalOrderReferenceNumber());
        number(out, "newOrderReferenceNumber", d.newOrderReferenceNumber());
        number(out, "shares", d.shares());
        number(out, "price", d.price());
    }

    private static void trade(final TradeDecoder d, final StringBuilder out)
    {
        number(out, "orderReferenceNumber", d.orderReferenceNumber());
        character(out, "buySellIndicator", d.buySellIndicator());
        number(out, "shares", d.shares());
        alpha(out, "stock", d, TradeDecoder.STOCK_OFFSET, TradeDecoder.STOCK_LENGTH);
        number(out, "price", d.price());
        number(out, "matchNumber", d.matchNumber());
    }

    private static void crossTrade(final CrossTradeDecoder d, final StringBuilder out)
    {
        number(out, "shares", d.shares());
        alpha(out, "stock", d, CrossTradeDecoder.STOCK_OFFSET, CrossTradeDecoder.STOCK_LENGTH);
        number(out, "crossPrice", d.crossPrice());
        number(out, "matchNumber", d.matchNumber());
        character(out, "crossType", d.crossType());
    }

    private static void brokenTrade(final BrokenTradeDecoder d, final StringBuilder out)
    {
        number(out, "matchNumber", d.matchNumber());
    }

    private static void noii(final NoiiDecoder d, final StringBuilder out)
    {
        number(out, "pairedShares", d.pairedShares());
        number(out, "imbalanceShares", d.imbalanceShares());
        character(out, "imbalanceDirection", d.imbalanceDirection());
        alpha(out, "stock", d, NoiiDecoder.STOCK_OFFSET, NoiiDecoder.STOCK_LENGTH);
        number(out, "farPrice", d.farPrice());
        number(out, "nearPrice", d.nearPrice());
        number(out, "currentReferencePrice", d.currentReferencePrice());
        character(out, "crossType", d.crossType());
        character(out, "priceVariationIndicator", d.priceVariationIndicator());
    }

    private static void retailPriceImprovement(final RetailPriceImprovementDecoder d, final StringBuilder out)
    {
        alpha(out, "stock", d, RetailPriceImprovementDecoder.STOCK_OFFSET, RetailPriceImprovementDecoder.STOCK_LENGTH);
        character(out, "interestFlag", d.interestFlag());
    }

    private static void directListingWithCapitalRaise(
        final DirectListingWithCapitalRaiseDecoder d, final StringBuilder out)
    {
        alpha(
            out,
            "stock",
            d,
            DirectListingWithCapitalRaiseDecoder.STOCK_OFFSET,
            DirectListingWithCapitalRaiseDecoder.STOCK_LENGTH);
        character(out, "openEligibilityStatus", d.openEligibilityStatus());
        number(out, "minimumAllowablePrice", d.minimumAllowablePrice());
        number(out, "maximumAllowablePrice", d.maximumAllowablePrice());
        number(out, "nearExecutionPrice", d.nearExecutionPrice());
        number(out, "nearExecutionTime", d.nearExecutionTime());
        number(out, "lowerPriceRangeCollar", d.lowerPriceRangeCollar());
        number(out, "upperPriceRangeCollar", d.upperPriceRangeCollar());
    }

    private static void appendRaw(
        final DirectBuffer buffer, final int offset, final int length, final StringBuilder out)
    {
        out.append("\"type\":");
        appendJsonString(out, (char)(buffer.getByte(offset) & 0xFF));
        out.append(",\"raw\":\"");
        for (int i = 0; i < length; i++)
        {
            final int b = buffer.getByte(offset + i) & 0xFF;
            out.append(HEX_DIGITS[b >>> 4]).append(HEX_DIGITS[b & 0xF]);
        }
        out.append('"');
    }

    /**
     * Every ITCH integer is unsigned. The accessors return {@code long}; those of 1 to 6 bytes are never negative,
     * and an 8-byte field of 2^63 or more (an order reference or match number, say) comes back negative: it is
     * printed as the unsigned number it is.
     */
    private static void number(final StringBuilder out, final String name, final long value)
    {
        out.append(",\"").append(name).append("\":");
        if (value >= 0)
        {
            out.append(value);
        }
        else
        {
            out.append(Long.toUnsignedString(value));
        }
    }

    private static void character(final StringBuilder out, final String name, final char value)
    {
        out.append(",\"").append(name).append("\":");
        appendJsonString(out, value);
    }

    private static void alpha(
        final StringBuilder out, final String name, final ItchMessageDecoder d, final int fieldOffset, final int width)
    {
        final DirectBuffer buffer = d.buffer();
        final int index = d.offset() + fieldOffset;
        final int length = ItchFields.trimmedLength(buffer, index, width);
        out.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < length; i++)
        {
            appendJsonChar(out, (char)(buffer.getByte(index + i) & 0xFF));
        }
        out.append('"');
    }

    private static void appendJsonString(final StringBuilder out, final char c)
    {
        out.append('"');
        appendJsonChar(out, c);
        out.append('"');
    }

    private static void appendJsonChar(final StringBuilder out, final char c)
    {
        if ('"' == c || '\\' == c)
        {
            out.append('\\').append(c);
        }
        else if (c < 0x20 || c >= 0x7F)
        {
            out.append("\\u00").append(HEX_DIGITS[(c >>> 4) & 0xF]).append(HEX_DIGITS[c & 0xF]);
        }
        else
        {
            out.append(c);
        }
    }
}
