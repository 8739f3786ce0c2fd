package io.mdr.replay.gen;

import io.mdr.itch.AddOrderEncoder;
import io.mdr.itch.AddOrderMpidEncoder;
import io.mdr.itch.OrderCancelEncoder;
import io.mdr.itch.OrderDeleteEncoder;
import io.mdr.itch.OrderExecutedEncoder;
import io.mdr.itch.OrderExecutedWithPriceEncoder;
import io.mdr.itch.OrderReplaceEncoder;
import io.mdr.itch.StockDirectoryEncoder;
import io.mdr.itch.StockTradingActionEncoder;
import io.mdr.itch.SystemEventEncoder;
import io.mdr.itch.TradeEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.SplittableRandom;

/**
 * A synthetic NASDAQ TotalView-ITCH 5.0 session, one message per {@link #next} call, deterministic from
 * {@link GeneratorSettings#seed()}.
 *
 * <p>The session opens like a real one: System Event 'O' (start of messages), a Stock Directory 'R' and a Stock
 * Trading Action 'H' ('T', trading) per symbol, System Events 'S' (start of system hours) and 'Q' (start of
 * market hours). The order flow follows, drawn per message with the target mix, in messages per thousand, close to
 * the shares of a NASDAQ trading day
 * <pre>
 *   A Add Order 420    F Add Order MPID 20    E Executed 40    C Executed with Price 5
 *   X Cancel 20        D Delete 380           U Replace 95     P Trade (non-cross) 20
 * </pre>
 * and the session closes with System Events 'M' (end of market hours), 'E' (end of system hours) and 'C' (end of
 * messages), either when the configured message count is reached or after {@link #finish()}.
 *
 * <p>The books are those of a live market and never cross: every best bid is below its best ask.
 * <ul>
 *   <li>Activity is skewed across stocks: a few busy names carry most of the flow and a long tail little
 *       ({@link SymbolUniverse}, Zipf-like weights).</li>
 *   <li>Each stock has a fair value that random-walks a cent at a time. Adds are passive: a bid joins the best bid
 *       (35%), improves on it inside the spread (5%, 20% when the fair value is above the mid) or rests a few cents
 *       behind it (the smaller of two draws of up to 12 cents), and is always at least a cent below the best ask;
 *       asks mirror bids. An empty side is seeded a cent or more from the fair value (or the other side's best).
 *       A side holds at most {@link RestingOrders#MAX_LEVELS} levels: past that an order joins the nearest one.</li>
 *   <li>Executions ('E', and 'C' at a price improved by up to two cents) fill the order first in time priority at
 *       the best level of one side: of a busy-weighted stock, the side the fair value pushes against (asks when it
 *       is above the mid) 70% of the time; 60% of them fill the whole order.</li>
 *   <li>Cancels ('X') take part of an order, deletes ('D') all of it, and replaces ('U') give it a new reference,
 *       size and a price up to two cents away, still passive; all three most often name a young order.</li>
 *   <li>Trades of non-displayed orders ('P', reference 0) print between the best bid and the best ask.</li>
 * </ul>
 *
 * <p>The flow is consistent, so that a receiver can rebuild books from it: every E, C, X, D and U names an order
 * that is resting at that moment, executed and cancelled shares never exceed what remains (an order that reaches
 * 0 is gone), a replace retires the old reference and rests the new one on the same side, order references and
 * match numbers only grow, and timestamps strictly increase. Without a resting order an E, C, X, D or U becomes
 * an Add Order; with {@link GeneratorSettings#maxLiveOrders()} resting, an Add becomes a Delete. Prices are whole
 * cents with 4 implied decimals.
 *
 * <p>Resting orders and the books' levels live in preallocated {@link RestingOrders} arrays. After construction
 * {@link #next} allocates nothing. Not thread-safe.
 */
public final class ItchSessionGenerator {
    /** Target share of Add Order 'A', in messages per thousand of the order flow. */
    public static final int ADD_ORDER_PER_MILLE = 420;
    /** Target share of Add Order with MPID 'F', per thousand. */
    public static final int ADD_ORDER_MPID_PER_MILLE = 20;
    /** Target share of Order Executed 'E', per thousand. */
    public static final int ORDER_EXECUTED_PER_MILLE = 40;
    /** Target share of Order Executed with Price 'C', per thousand. */
    public static final int ORDER_EXECUTED_WITH_PRICE_PER_MILLE = 5;
    /** Target share of Order Cancel 'X', per thousand. */
    public static final int ORDER_CANCEL_PER_MILLE = 20;
    /** Target share of Order Delete 'D', per thousand. */
    public static final int ORDER_DELETE_PER_MILLE = 380;
    /** Target share of Order Replace 'U', per thousand. */
    public static final int ORDER_REPLACE_PER_MILLE = 95;
    /** Target share of Trade (non-cross) 'P', per thousand. */
    public static final int TRADE_PER_MILLE = 20;

    /** One cent with 4 implied decimals. */
    static final int TICK = 100;
    /** Fair values do not wander below one dollar. */
    static final long MIN_REFERENCE_PRICE = SymbolUniverse.PRICE_SCALE;
    /** Nor above $200,000, which keeps every price well inside ITCH's unsigned 32-bit field. */
    static final long MAX_REFERENCE_PRICE = 200_000L * SymbolUniverse.PRICE_SCALE;

    private static final int ADD_ORDER_BELOW = ADD_ORDER_PER_MILLE;
    private static final int ADD_ORDER_MPID_BELOW = ADD_ORDER_BELOW + ADD_ORDER_MPID_PER_MILLE;
    private static final int ORDER_EXECUTED_BELOW = ADD_ORDER_MPID_BELOW + ORDER_EXECUTED_PER_MILLE;
    private static final int ORDER_EXECUTED_WITH_PRICE_BELOW = ORDER_EXECUTED_BELOW + ORDER_EXECUTED_WITH_PRICE_PER_MILLE;
    private static final int ORDER_CANCEL_BELOW = ORDER_EXECUTED_WITH_PRICE_BELOW + ORDER_CANCEL_PER_MILLE;
    private static final int ORDER_DELETE_BELOW = ORDER_CANCEL_BELOW + ORDER_DELETE_PER_MILLE;
    private static final int ORDER_REPLACE_BELOW = ORDER_DELETE_BELOW + ORDER_REPLACE_PER_MILLE;
    private static final int MIX_TOTAL = ORDER_REPLACE_BELOW + TRADE_PER_MILLE;

    /** Of executions, the share (in tenths) that fill the whole remaining quantity. */
    private static final int FULL_FILL_TENTHS = 6;
    /** Of executions, the share (in tenths) on the side the fair value pushes against. */
    private static final int WITH_FAIR_VALUE_TENTHS = 7;
    /** Of adds, the share (in percent) that join the best price of their side. */
    private static final int JOIN_PERCENT = 35;
    /** Of adds, the share (in percent) that improve on the best price when the fair value leans their way. */
    private static final int IMPROVE_TOWARDS_FAIR_PERCENT = 20;
    /** ... and when it does not. */
    private static final int IMPROVE_PERCENT = 5;
    /** Deepest an add rests behind the best price, in ticks. */
    private static final int MAX_TICKS_BEHIND = 12;
    /** A symbol's fair value moves by a cent on one in this many of its adds and trades. */
    private static final int REFERENCE_STEP_ODDS = 8;
    private static final String[] MPIDS = {"GSCO", "MSCO", "UBSS", "NITE", "JPMS", "CDRG", "VIRT", "SUSQ", "CITD"};

    private static final int PHASE_OPENING = 0;
    private static final int PHASE_ORDER_FLOW = 1;
    private static final int PHASE_CLOSING = 2;
    private static final int PHASE_DONE = 3;
    private static final char[] CLOSING_EVENTS = {'M', 'E', 'C'};

    private final GeneratorSettings settings;
    private final SplittableRandom random;
    private final SymbolUniverse symbols;
    private final long[] referencePrices;

    private final RestingOrders orders;

    private final long[] messagesByType = new long[256];
    private final long openingMessages;
    private final long orderFlowBudget;
    private int phase = PHASE_OPENING;
    private long phaseIndex;
    private long messagesGenerated;
    private long timestamp;
    private long nextOrderReference = 1;
    private long nextMatchNumber = 1;

    private final SystemEventEncoder systemEvent = new SystemEventEncoder();
    private final StockDirectoryEncoder stockDirectory = new StockDirectoryEncoder();
    private final StockTradingActionEncoder stockTradingAction = new StockTradingActionEncoder();
    private final AddOrderEncoder addOrder = new AddOrderEncoder();
    private final AddOrderMpidEncoder addOrderMpid = new AddOrderMpidEncoder();
    private final OrderExecutedEncoder orderExecuted = new OrderExecutedEncoder();
    private final OrderExecutedWithPriceEncoder orderExecutedWithPrice = new OrderExecutedWithPriceEncoder();
    private final OrderCancelEncoder orderCancel = new OrderCancelEncoder();
    private final OrderDeleteEncoder orderDelete = new OrderDeleteEncoder();
    private final OrderReplaceEncoder orderReplace = new OrderReplaceEncoder();
    private final TradeEncoder trade = new TradeEncoder();

    public ItchSessionGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.symbols = new SymbolUniverse(settings.symbols(), random.split());
        this.referencePrices = symbols.openingPrices.clone();
        this.openingMessages = settings.headerMessageCount();
        this.orderFlowBudget = settings.orderFlowMessageCount();
        // No session rests more orders than it adds, so a short one needs no more room than its length.
        this.orders = new RestingOrders((int) Math.max(1, Math.min(settings.maxLiveOrders(), orderFlowBudget)),
                symbols.size());
        this.timestamp = settings.startTimestampNanos();
    }

    /**
     * Writes the next message of the session at {@code offset} in {@code buffer}, which must have
     * {@link io.mdr.itch.ItchMessageType#MAX_LENGTH} bytes free there.
     *
     * @return the length of the message written, or 0 once the session is over
     */
    public int next(MutableDirectBuffer buffer, int offset) {
        int length;
        switch (phase) {
            case PHASE_OPENING -> {
                length = writeOpening(buffer, offset, (int) phaseIndex);
                if (++phaseIndex == openingMessages) {
                    enter(orderFlowBudget > 0 ? PHASE_ORDER_FLOW : PHASE_CLOSING);
                }
            }
            case PHASE_ORDER_FLOW -> {
                length = writeOrderFlow(buffer, offset);
                if (++phaseIndex == orderFlowBudget) {
                    enter(PHASE_CLOSING);
                }
            }
            case PHASE_CLOSING -> {
                length = writeSystemEvent(buffer, offset, CLOSING_EVENTS[(int) phaseIndex]);
                if (++phaseIndex == CLOSING_EVENTS.length) {
                    enter(PHASE_DONE);
                }
            }
            default -> {
                return 0;
            }
        }
        messagesByType[buffer.getByte(offset) & 0xFF]++;
        messagesGenerated++;
        return length;
    }

    /**
     * Ends the session early: the next three {@link #next} calls write System Events 'M', 'E' and 'C', even in
     * the middle of the opening messages, and then the session is over. Does nothing once closing has begun.
     */
    public void finish() {
        if (phase < PHASE_CLOSING) {
            enter(PHASE_CLOSING);
        }
    }

    /** Messages written so far. */
    public long messagesGenerated() {
        return messagesGenerated;
    }

    /** Messages of type {@code type} written so far. */
    public long messagesOfType(byte type) {
        return messagesByType[type & 0xFF];
    }

    /** Whether the last message ('C', end of messages) has been written. */
    public boolean isDone() {
        return phase == PHASE_DONE;
    }

    /** Orders resting now, over all symbols. */
    public int liveOrders() {
        return orders.size();
    }

    /** Timestamp of the last message written (of the first one to come before any). */
    public long timestampNanos() {
        return timestamp;
    }

    public GeneratorSettings settings() {
        return settings;
    }

    /** Number of symbols in the session; their stock locate codes are 1 to this. */
    public int symbolCount() {
        return symbols.size();
    }

    /** The ticker with stock locate code {@code locate} (1 to {@link #symbolCount()}). */
    public String ticker(int locate) {
        return symbols.tickers[locate - 1];
    }

    private void enter(int nextPhase) {
        phase = nextPhase;
        phaseIndex = 0;
    }

    private void advanceClock() {
        if (messagesGenerated > 0) {
            long mean = settings.meanIntervalNanos();
            timestamp += mean == 1 ? 1 : 1 + random.nextLong(2 * mean - 1);
        }
    }

    private int writeOpening(MutableDirectBuffer buffer, int offset, int index) {
        int symbolCount = symbols.size();
        if (index == 0) {
            return writeSystemEvent(buffer, offset, 'O');
        }
        if (index <= symbolCount) {
            return writeStockDirectory(buffer, offset, index - 1);
        }
        if (index <= 2 * symbolCount) {
            return writeTradingAction(buffer, offset, index - 1 - symbolCount);
        }
        return writeSystemEvent(buffer, offset, index == 2 * symbolCount + 1 ? 'S' : 'Q');
    }

    private int writeSystemEvent(MutableDirectBuffer buffer, int offset, char eventCode) {
        advanceClock();
        systemEvent.wrap(buffer, offset).stockLocate(0).trackingNumber(0).timestamp(timestamp).eventCode(eventCode);
        return SystemEventEncoder.LENGTH;
    }

    private int writeStockDirectory(MutableDirectBuffer buffer, int offset, int symbol) {
        advanceClock();
        stockDirectory.wrap(buffer, offset)
                .stockLocate(symbol + 1)
                .trackingNumber(0)
                .timestamp(timestamp)
                .stock(symbols.tickers[symbol])
                .marketCategory('Q')
                .financialStatusIndicator('N')
                .roundLotSize(100)
                .roundLotsOnly('N')
                .issueClassification('C')
                .issueSubType("Z")
                .authenticity('P')
                .shortSaleThresholdIndicator('N')
                .ipoFlag('N')
                .luldReferencePriceTier(symbol < 100 ? '1' : '2')
                .etpFlag('N')
                .etpLeverageFactor(0)
                .inverseIndicator('N');
        return StockDirectoryEncoder.LENGTH;
    }

    private int writeTradingAction(MutableDirectBuffer buffer, int offset, int symbol) {
        advanceClock();
        stockTradingAction.wrap(buffer, offset)
                .stockLocate(symbol + 1)
                .trackingNumber(0)
                .timestamp(timestamp)
                .stock(symbols.tickers[symbol])
                .tradingState('T')
                .reserved(' ')
                .reason("");
        return StockTradingActionEncoder.LENGTH;
    }

    private int writeOrderFlow(MutableDirectBuffer buffer, int offset) {
        advanceClock();
        int draw = random.nextInt(MIX_TOTAL);
        if (draw < ADD_ORDER_MPID_BELOW) {
            if (orders.isFull()) {
                return writeDelete(buffer, offset, orders.pick(random));
            }
            return writeAdd(buffer, offset, draw >= ADD_ORDER_BELOW);
        }
        if (draw >= ORDER_REPLACE_BELOW) {
            return writeTrade(buffer, offset);
        }
        if (orders.size() == 0) {
            return writeAdd(buffer, offset, false);
        }
        if (draw < ORDER_EXECUTED_BELOW) {
            return writeExecuted(buffer, offset, executionTarget());
        }
        if (draw < ORDER_EXECUTED_WITH_PRICE_BELOW) {
            return writeExecutedWithPrice(buffer, offset, executionTarget());
        }
        int slot = orders.pick(random);
        if (draw < ORDER_CANCEL_BELOW) {
            return writeCancel(buffer, offset, slot);
        }
        if (draw < ORDER_DELETE_BELOW) {
            return writeDelete(buffer, offset, slot);
        }
        return writeReplace(buffer, offset, slot);
    }

    private int writeAdd(MutableDirectBuffer buffer, int offset, boolean withMpid) {
        int symbol = symbols.pick(random);
        long fair = stepReference(symbol);
        boolean buy = random.nextBoolean();
        long price = passivePrice(symbol, buy, fair);
        if (price < TICK) {
            // No room for a bid below a one-cent ask: sell instead.
            buy = false;
            price = passivePrice(symbol, false, fair);
        }
        char side = buy ? 'B' : 'S';
        int shares = randomShares();
        long orderReference = nextOrderReference++;
        orders.add(orderReference, shares, price, symbol, buy);

        if (withMpid) {
            addOrderMpid.wrap(buffer, offset)
                    .stockLocate(symbol + 1)
                    .trackingNumber(0)
                    .timestamp(timestamp)
                    .orderReferenceNumber(orderReference)
                    .buySellIndicator(side)
                    .shares(shares)
                    .stock(symbols.tickers[symbol])
                    .price(price)
                    .attribution(MPIDS[random.nextInt(MPIDS.length)]);
            return AddOrderMpidEncoder.LENGTH;
        }
        addOrder.wrap(buffer, offset)
                .stockLocate(symbol + 1)
                .trackingNumber(0)
                .timestamp(timestamp)
                .orderReferenceNumber(orderReference)
                .buySellIndicator(side)
                .shares(shares)
                .stock(symbols.tickers[symbol])
                .price(price);
        return AddOrderEncoder.LENGTH;
    }

    /**
     * The price of a new passive order: joining the best price of its side, improving on it inside the spread, or
     * resting behind it; always a cent or more away from the other side's best (below 0 only for a bid that cannot
     * go under a one-cent ask), and on an existing level when the side has no room for another.
     */
    private long passivePrice(int symbol, boolean buy, long fair) {
        long best = orders.bestPrice(symbol, buy);
        long opposite = orders.bestPrice(symbol, !buy);
        long direction = buy ? 1 : -1;
        long price;
        if (best == 0) {
            long anchor = opposite != 0 ? opposite - direction * TICK : fair;
            price = anchor - direction * (long) TICK * Math.min(random.nextInt(3), random.nextInt(3));
            if (opposite == 0) {
                price -= direction * TICK;
            }
        } else {
            boolean fairLeansThisWay = opposite == 0 || (buy ? 2 * fair > best + opposite : 2 * fair < best + opposite);
            int improve = fairLeansThisWay ? IMPROVE_TOWARDS_FAIR_PERCENT : IMPROVE_PERCENT;
            int draw = random.nextInt(100);
            if (draw < improve) {
                price = best + direction * TICK;
            } else if (draw < improve + JOIN_PERCENT) {
                price = best;
            } else {
                int ticksBehind = 1 + Math.min(random.nextInt(MAX_TICKS_BEHIND), random.nextInt(MAX_TICKS_BEHIND));
                price = best - direction * (long) ticksBehind * TICK;
            }
        }
        return keepPassive(symbol, buy, price, opposite);
    }

    /** {@code price} moved to a cent inside the other side's best if it reached it, and onto a level if needed. */
    private long keepPassive(int symbol, boolean buy, long price, long opposite) {
        price = Math.min(price, MAX_REFERENCE_PRICE + 100L * TICK);
        if (opposite != 0) {
            price = buy ? Math.min(price, opposite - TICK) : Math.max(price, opposite + TICK);
        }
        if (buy && price < TICK) {
            return -1;
        }
        if (!orders.canOpenLevel(symbol, buy, price)) {
            price = orders.nearestLevelPrice(symbol, buy, price);
        }
        return price;
    }

    /** The order an incoming execution fills: first in time at the best level of the side it hits. */
    private int executionTarget() {
        int symbol = symbols.pick(random);
        if (orders.bestOrder(symbol, true) == RestingOrders.NONE && orders.bestOrder(symbol, false) == RestingOrders.NONE) {
            symbol = orders.symbol(orders.pick(random));
        }
        long bid = orders.bestPrice(symbol, true);
        long ask = orders.bestPrice(symbol, false);
        // Buyers lift the asks when the fair value is above the mid; sellers hit the bids when it is below.
        boolean buyersPush = bid == 0 || (ask != 0 && 2 * referencePrices[symbol] > bid + ask)
                || (ask != 0 && 2 * referencePrices[symbol] == bid + ask && random.nextBoolean());
        boolean hitBids = random.nextInt(10) < WITH_FAIR_VALUE_TENTHS ? !buyersPush : buyersPush;
        int slot = orders.bestOrder(symbol, hitBids);
        return slot != RestingOrders.NONE ? slot : orders.bestOrder(symbol, !hitBids);
    }

    private int writeExecuted(MutableDirectBuffer buffer, int offset, int slot) {
        int symbol = orders.symbol(slot);
        long orderReference = orders.reference(slot);
        int executed = executedShares(slot);
        orderExecuted.wrap(buffer, offset)
                .stockLocate(symbol + 1)
                .trackingNumber(0)
                .timestamp(timestamp)
                .orderReferenceNumber(orderReference)
                .executedShares(executed)
                .matchNumber(nextMatchNumber++);
        orders.reduce(slot, executed);
        return OrderExecutedEncoder.LENGTH;
    }

    private int writeExecutedWithPrice(MutableDirectBuffer buffer, int offset, int slot) {
        int symbol = orders.symbol(slot);
        long orderReference = orders.reference(slot);
        int executed = executedShares(slot);
        // Executions away from the limit price improve on it: lower for a buy, higher for a sell.
        long improvement = (long) random.nextInt(3) * TICK;
        long price = orders.isBuy(slot)
                ? Math.max(TICK, orders.price(slot) - improvement)
                : orders.price(slot) + improvement;
        orderExecutedWithPrice.wrap(buffer, offset)
                .stockLocate(symbol + 1)
                .trackingNumber(0)
                .timestamp(timestamp)
                .orderReferenceNumber(orderReference)
                .executedShares(executed)
                .matchNumber(nextMatchNumber++)
                .printable('Y')
                .executionPrice(price);
        orders.reduce(slot, executed);
        return OrderExecutedWithPriceEncoder.LENGTH;
    }

    private int writeCancel(MutableDirectBuffer buffer, int offset, int slot) {
        int remaining = orders.shares(slot);
        // A cancel is partial; only a 1-share order goes whole (a full cancel is otherwise a Delete).
        int cancelled = remaining == 1 ? 1 : 1 + random.nextInt(remaining - 1);
        orderCancel.wrap(buffer, offset)
                .stockLocate(orders.symbol(slot) + 1)
                .trackingNumber(0)
                .timestamp(timestamp)
                .orderReferenceNumber(orders.reference(slot))
                .cancelledShares(cancelled);
        orders.reduce(slot, cancelled);
        return OrderCancelEncoder.LENGTH;
    }

    private int writeDelete(MutableDirectBuffer buffer, int offset, int slot) {
        orderDelete.wrap(buffer, offset)
                .stockLocate(orders.symbol(slot) + 1)
                .trackingNumber(0)
                .timestamp(timestamp)
                .orderReferenceNumber(orders.reference(slot));
        orders.remove(slot);
        return OrderDeleteEncoder.LENGTH;
    }

    private int writeReplace(MutableDirectBuffer buffer, int offset, int slot) {
        long original = orders.reference(slot);
        long replacement = nextOrderReference++;
        int symbol = orders.symbol(slot);
        boolean buy = orders.isBuy(slot);
        int shares = randomShares();
        long moved = Math.max(TICK, orders.price(slot) + (long) (random.nextInt(5) - 2) * TICK);
        long price = keepPassive(symbol, buy, moved, orders.bestPrice(symbol, !buy));
        if (price < TICK || (price != orders.price(slot) && !orders.canOpenLevel(symbol, buy, price))) {
            price = orders.price(slot);
        }
        orderReplace.wrap(buffer, offset)
                .stockLocate(symbol + 1)
                .trackingNumber(0)
                .timestamp(timestamp)
                .originalOrderReferenceNumber(original)
                .newOrderReferenceNumber(replacement)
                .shares(shares)
                .price(price);
        // The new order takes the old one's place: same symbol and side, new reference, size and price.
        orders.replace(slot, replacement, shares, price);
        return OrderReplaceEncoder.LENGTH;
    }

    private int writeTrade(MutableDirectBuffer buffer, int offset) {
        int symbol = symbols.pick(random);
        long price = stepReference(symbol);
        long bid = orders.bestPrice(symbol, true);
        long ask = orders.bestPrice(symbol, false);
        if (bid != 0 && ask != 0) {
            // A non-displayed order trades between the best bid and ask, on a whole cent.
            price = bid + (long) TICK * random.nextInt((int) ((ask - bid) / TICK) + 1);
        }
        // ITCH 5.0: a non-displayed order's trade carries order reference 0 and, since 2014, always side 'B'.
        trade.wrap(buffer, offset)
                .stockLocate(symbol + 1)
                .trackingNumber(0)
                .timestamp(timestamp)
                .orderReferenceNumber(0)
                .buySellIndicator('B')
                .shares(randomShares())
                .stock(symbols.tickers[symbol])
                .price(price)
                .matchNumber(nextMatchNumber++);
        return TradeEncoder.LENGTH;
    }

    /** Moves the symbol's fair value by a cent now and then; returns the new value. */
    private long stepReference(int symbol) {
        long reference = referencePrices[symbol];
        if (random.nextInt(REFERENCE_STEP_ODDS) == 0) {
            reference += random.nextBoolean() ? TICK : -TICK;
            reference = Math.clamp(reference, MIN_REFERENCE_PRICE, MAX_REFERENCE_PRICE);
            referencePrices[symbol] = reference;
        }
        return reference;
    }

    /** Mostly round lots of 100 to 1,000, some odd lots, now and then a block of up to 10,000 (below MAX_SHARES). */
    private int randomShares() {
        int kind = random.nextInt(100);
        if (kind < 12) {
            return 1 + random.nextInt(99);
        }
        if (kind < 97) {
            return 100 * (1 + Math.min(random.nextInt(10), random.nextInt(10)));
        }
        return 1_000 * (1 + random.nextInt(10));
    }

    private int executedShares(int slot) {
        int remaining = orders.shares(slot);
        if (remaining == 1 || random.nextInt(10) < FULL_FILL_TENTHS) {
            return remaining;
        }
        return 1 + random.nextInt(remaining - 1);
    }
}
