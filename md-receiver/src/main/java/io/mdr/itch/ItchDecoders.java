package io.mdr.itch;

import org.agrona.DirectBuffer;

/**
 * One decoder of every ITCH 5.0 message type, so that a message is dispatched by its type byte without
 * allocating. Not thread-safe: each thread that decodes holds its own instance.
 */
public final class ItchDecoders
{
    private final ItchMessageDecoder[] byType = new ItchMessageDecoder[256];
    private final SystemEventDecoder systemEvent = register(new SystemEventDecoder());
    private final StockDirectoryDecoder stockDirectory = register(new StockDirectoryDecoder());
    private final StockTradingActionDecoder stockTradingAction = register(new StockTradingActionDecoder());
    private final RegShoRestrictionDecoder regShoRestriction = register(new RegShoRestrictionDecoder());
    private final MarketParticipantPositionDecoder marketParticipantPosition =
        register(new MarketParticipantPositionDecoder());
    private final MwcbDeclineLevelDecoder mwcbDeclineLevel = register(new MwcbDeclineLevelDecoder());
    private final MwcbStatusDecoder mwcbStatus = register(new MwcbStatusDecoder());
    private final IpoQuotingPeriodUpdateDecoder ipoQuotingPeriodUpdate = register(new IpoQuotingPeriodUpdateDecoder());
    private final LuldAuctionCollarDecoder luldAuctionCollar = register(new LuldAuctionCollarDecoder());
    private final OperationalHaltDecoder operationalHalt = register(new OperationalHaltDecoder());
    private final AddOrderDecoder addOrder = register(new AddOrderDecoder());
    private final AddOrderMpidDecoder addOrderMpid = register(new AddOrderMpidDecoder());
    private final OrderExecutedDecoder orderExecuted = register(new OrderExecutedDecoder());
    private final OrderExecutedWithPriceDecoder orderExecutedWithPrice = register(new OrderExecutedWithPriceDecoder());
    private final OrderCancelDecoder orderCancel = register(new OrderCancelDecoder());
    private final OrderDeleteDecoder orderDelete = register(new OrderDeleteDecoder());
    private final OrderReplaceDecoder orderReplace = register(new OrderReplaceDecoder());
    private final TradeDecoder trade = register(new TradeDecoder());
    private final CrossTradeDecoder crossTrade = register(new CrossTradeDecoder());
    private final BrokenTradeDecoder brokenTrade = register(new BrokenTradeDecoder());
    private final NoiiDecoder noii = register(new NoiiDecoder());
    private final RetailPriceImprovementDecoder retailPriceImprovement = register(new RetailPriceImprovementDecoder());
    private final DirectListingWithCapitalRaiseDecoder directListingWithCapitalRaise =
        register(new DirectListingWithCapitalRaiseDecoder());

    private <D extends ItchMessageDecoder> D register(final D decoder)
    {
        byType[decoder.expectedType() & 0xFF] = decoder;
        return decoder;
    }

    /** The decoder of messages of type {@code type}, or null if the type is not an ITCH 5.0 type. */
    public ItchMessageDecoder decoderFor(final byte type)
    {
        return byType[type & 0xFF];
    }

    /**
     * Wraps the decoder of the message at {@code offset} (chosen by its type byte) and returns it, or null if the
     * type is unknown. The caller checks that the buffer holds {@link ItchMessageDecoder#length()} bytes.
     */
    public ItchMessageDecoder wrap(final DirectBuffer buffer, final int offset)
    {
        final ItchMessageDecoder decoder = byType[buffer.getByte(offset) & 0xFF];
        return null == decoder ? null : decoder.wrap(buffer, offset);
    }

    /** The System Event ({@code 'S'}) decoder. */
    public SystemEventDecoder systemEvent()
    {
        return systemEvent;
    }

    /** The Stock Directory ({@code 'R'}) decoder. */
    public StockDirectoryDecoder stockDirectory()
    {
        return stockDirectory;
    }

    /** The Stock Trading Action ({@code 'H'}) decoder. */
    public StockTradingActionDecoder stockTradingAction()
    {
        return stockTradingAction;
    }

    /** The Reg SHO Short Sale Price Test Restricted Indicator ({@code 'Y'}) decoder. */
    public RegShoRestrictionDecoder regShoRestriction()
    {
        return regShoRestriction;
    }

    /** The Market Participant Position ({@code 'L'}) decoder. */
    public MarketParticipantPositionDecoder marketParticipantPosition()
    {
        return marketParticipantPosition;
    }

    /** The MWCB Decline Level ({@code 'V'}) decoder. */
    public MwcbDeclineLevelDecoder mwcbDeclineLevel()
    {
        return mwcbDeclineLevel;
    }

    /** The MWCB Status ({@code 'W'}) decoder. */
    public MwcbStatusDecoder mwcbStatus()
    {
        return mwcbStatus;
    }

    /** The IPO Quoting Period Update ({@code 'K'}) decoder. */
    public IpoQuotingPeriodUpdateDecoder ipoQuotingPeriodUpdate()
    {
        return ipoQuotingPeriodUpdate;
    }

    /** The LULD Auction Collar ({@code 'J'}) decoder. */
    public LuldAuctionCollarDecoder luldAuctionCollar()
    {
        return luldAuctionCollar;
    }

    /** The Operational Halt ({@code 'h'}) decoder. */
    public OperationalHaltDecoder operationalHalt()
    {
        return operationalHalt;
    }

    /** The Add Order - No MPID Attribution ({@code 'A'}) decoder. */
    public AddOrderDecoder addOrder()
    {
        return addOrder;
    }

    /** The Add Order with MPID Attribution ({@code 'F'}) decoder. */
    public AddOrderMpidDecoder addOrderMpid()
    {
        return addOrderMpid;
    }

    /** The Order Executed ({@code 'E'}) decoder. */
    public OrderExecutedDecoder orderExecuted()
    {
        return orderExecuted;
    }

    /** The Order Executed With Price ({@code 'C'}) decoder. */
    public OrderExecutedWithPriceDecoder orderExecutedWithPrice()
    {
        return orderExecutedWithPrice;
    }

    /** The Order Cancel ({@code 'X'}) decoder. */
    public OrderCancelDecoder orderCancel()
    {
        return orderCancel;
    }

    /** The Order Delete ({@code 'D'}) decoder. */
    public OrderDeleteDecoder orderDelete()
    {
        return orderDelete;
    }

    /** The Order Replace ({@code 'U'}) decoder. */
    public OrderReplaceDecoder orderReplace()
    {
        return orderReplace;
    }

    /** The Trade (Non-Cross) ({@code 'P'}) decoder. */
    public TradeDecoder trade()
    {
        return trade;
    }

    /** The Cross Trade ({@code 'Q'}) decoder. */
    public CrossTradeDecoder crossTrade()
    {
        return crossTrade;
    }

    /** The Broken Trade / Order Execution ({@code 'B'}) decoder. */
    public BrokenTradeDecoder brokenTrade()
    {
        return brokenTrade;
    }

    /** The Net Order Imbalance Indicator (NOII) ({@code 'I'}) decoder. */
    public NoiiDecoder noii()
    {
        return noii;
    }

    /** The Retail Price Improvement Indicator (RPII) ({@code 'N'}) decoder. */
    public RetailPriceImprovementDecoder retailPriceImprovement()
    {
        return retailPriceImprovement;
    }

    /** The Direct Listing with Capital Raise Price Discovery ({@code 'O'}) decoder. */
    public DirectListingWithCapitalRaiseDecoder directListingWithCapitalRaise()
    {
        return directListingWithCapitalRaise;
    }
}
