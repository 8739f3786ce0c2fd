package io.mdr.itch;

/**
 * The 23 ITCH 5.0 message type bytes, with their lengths and names looked up by type through 256-entry tables.
 */
public final class ItchMessageType
{
    /** System Event (12 bytes). */
    public static final byte SYSTEM_EVENT = 'S';
    /** Stock Directory (39 bytes). */
    public static final byte STOCK_DIRECTORY = 'R';
    /** Stock Trading Action (25 bytes). */
    public static final byte STOCK_TRADING_ACTION = 'H';
    /** Reg SHO Short Sale Price Test Restricted Indicator (20 bytes). */
    public static final byte REG_SHO_RESTRICTION = 'Y';
    /** Market Participant Position (26 bytes). */
    public static final byte MARKET_PARTICIPANT_POSITION = 'L';
    /** MWCB Decline Level (35 bytes). */
    public static final byte MWCB_DECLINE_LEVEL = 'V';
    /** MWCB Status (12 bytes). */
    public static final byte MWCB_STATUS = 'W';
    /** IPO Quoting Period Update (28 bytes). */
    public static final byte IPO_QUOTING_PERIOD_UPDATE = 'K';
    /** LULD Auction Collar (35 bytes). */
    public static final byte LULD_AUCTION_COLLAR = 'J';
    /** Operational Halt (21 bytes). */
    public static final byte OPERATIONAL_HALT = 'h';
    /** Add Order - No MPID Attribution (36 bytes). */
    public static final byte ADD_ORDER = 'A';
    /** Add Order with MPID Attribution (40 bytes). */
    public static final byte ADD_ORDER_MPID = 'F';
    /** Order Executed (31 bytes). */
    public static final byte ORDER_EXECUTED = 'E';
    /** Order Executed With Price (36 bytes). */
    public static final byte ORDER_EXECUTED_WITH_PRICE = 'C';
    /** Order Cancel (23 bytes). */
    public static final byte ORDER_CANCEL = 'X';
    /** Order Delete (19 bytes). */
    public static final byte ORDER_DELETE = 'D';
    /** Order Replace (35 bytes). */
    public static final byte ORDER_REPLACE = 'U';
    /** Trade (Non-Cross) (44 bytes). */
    public static final byte TRADE = 'P';
    /** Cross Trade (40 bytes). */
    public static final byte CROSS_TRADE = 'Q';
    /** Broken Trade / Order Execution (19 bytes). */
    public static final byte BROKEN_TRADE = 'B';
    /** Net Order Imbalance Indicator (NOII) (50 bytes). */
    public static final byte NOII = 'I';
    /** Retail Price Improvement Indicator (RPII) (20 bytes). */
    public static final byte RETAIL_PRICE_IMPROVEMENT = 'N';
    /** Direct Listing with Capital Raise Price Discovery (48 bytes). */
    public static final byte DIRECT_LISTING_WITH_CAPITAL_RAISE = 'O';

    /** Number of message types in ITCH 5.0. */
    public static final int COUNT = 23;
    /** Length of the longest message type, type byte included. */
    public static final int MAX_LENGTH = 50;

    private static final byte[] TYPES =
    {
        SYSTEM_EVENT,
        STOCK_DIRECTORY,
        STOCK_TRADING_ACTION,
        REG_SHO_RESTRICTION,
        MARKET_PARTICIPANT_POSITION,
        MWCB_DECLINE_LEVEL,
        MWCB_STATUS,
        IPO_QUOTING_PERIOD_UPDATE,
        LULD_AUCTION_COLLAR,
        OPERATIONAL_HALT,
        ADD_ORDER,
        ADD_ORDER_MPID,
        ORDER_EXECUTED,
        ORDER_EXECUTED_WITH_PRICE,
        ORDER_CANCEL,
        ORDER_DELETE,
        ORDER_REPLACE,
        TRADE,
        CROSS_TRADE,
        BROKEN_TRADE,
        NOII,
        RETAIL_PRICE_IMPROVEMENT,
        DIRECT_LISTING_WITH_CAPITAL_RAISE
    };
    private static final int[] LENGTHS = new int[256];
    private static final String[] NAMES = new String[256];

    static
    {
        define(SYSTEM_EVENT, 12, "SystemEvent");
        define(STOCK_DIRECTORY, 39, "StockDirectory");
        define(STOCK_TRADING_ACTION, 25, "StockTradingAction");
        define(REG_SHO_RESTRICTION, 20, "RegShoRestriction");
        define(MARKET_PARTICIPANT_POSITION, 26, "MarketParticipantPosition");
        define(MWCB_DECLINE_LEVEL, 35, "MwcbDeclineLevel");
        define(MWCB_STATUS, 12, "MwcbStatus");
        define(IPO_QUOTING_PERIOD_UPDATE, 28, "IpoQuotingPeriodUpdate");
        define(LULD_AUCTION_COLLAR, 35, "LuldAuctionCollar");
        define(OPERATIONAL_HALT, 21, "OperationalHalt");
        define(ADD_ORDER, 36, "AddOrder");
        define(ADD_ORDER_MPID, 40, "AddOrderMpid");
        define(ORDER_EXECUTED, 31, "OrderExecuted");
        define(ORDER_EXECUTED_WITH_PRICE, 36, "OrderExecutedWithPrice");
        define(ORDER_CANCEL, 23, "OrderCancel");
        define(ORDER_DELETE, 19, "OrderDelete");
        define(ORDER_REPLACE, 35, "OrderReplace");
        define(TRADE, 44, "Trade");
        define(CROSS_TRADE, 40, "CrossTrade");
        define(BROKEN_TRADE, 19, "BrokenTrade");
        define(NOII, 50, "Noii");
        define(RETAIL_PRICE_IMPROVEMENT, 20, "RetailPriceImprovement");
        define(DIRECT_LISTING_WITH_CAPITAL_RAISE, 48, "DirectListingWithCapitalRaise");
    }

    private ItchMessageType()
    {
    }

    private static void define(final byte type, final int length, final String name)
    {
        LENGTHS[type & 0xFF] = length;
        NAMES[type & 0xFF] = name;
    }

    /**
     * A copy of the length of every message type, type byte included, indexed by the type byte (256 entries; 0 for a
     * type ITCH 5.0 does not define): the table a {@link io.mdr.mold.MoldUdp64Packet} checks messages against.
     */
    public static int[] lengthByType()
    {
        return LENGTHS.clone();
    }

    /** Length in bytes of a message of {@code type}, type byte included, or 0 if the type is unknown. */
    public static int length(final byte type)
    {
        return LENGTHS[type & 0xFF];
    }

    /** Name of {@code type} after the spec (for example "AddOrder", "SystemEvent"), or null if unknown. */
    public static String name(final byte type)
    {
        return NAMES[type & 0xFF];
    }

    /** Whether {@code type} is one of the 23 ITCH 5.0 message types. */
    public static boolean isKnown(final byte type)
    {
        return 0 != LENGTHS[type & 0xFF];
    }

    /** The type byte at {@code index} (0 to {@link #COUNT} - 1), in the order of the spec. */
    public static byte typeAt(final int index)
    {
        return TYPES[index];
    }
}
