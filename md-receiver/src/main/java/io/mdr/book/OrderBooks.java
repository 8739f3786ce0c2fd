package io.mdr.book;

import io.mdr.itch.AddOrderDecoder;
import io.mdr.itch.AddOrderMpidDecoder;
import io.mdr.itch.ItchMessageDecoder;
import io.mdr.itch.ItchMessageType;
import io.mdr.itch.OrderCancelDecoder;
import io.mdr.itch.OrderDeleteDecoder;
import io.mdr.itch.OrderExecutedDecoder;
import io.mdr.itch.OrderExecutedWithPriceDecoder;
import io.mdr.itch.OrderReplaceDecoder;
import io.mdr.itch.StockDirectoryDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The market-by-order books of one ITCH 5.0 feed (one MoldUDP64 channel): a book per stock locate, every resting
 * order by reference, aggregated into price levels per side. It applies the messages that change a book: Add Order
 * ('A', 'F'), Order Executed ('E'), Order Executed With Price ('C'), Order Cancel ('X'), Order Delete ('D') and Order
 * Replace ('U'); Stock Directory ('R') names the locates. Every other message type is ignored.
 *
 * <ul>
 *   <li>An order executed or cancelled down to 0 shares leaves the book; so does a deleted one.</li>
 *   <li>A replace retires the original order and rests the new reference on the original's side and locate, at
 *       the new price and shares (it loses its time priority, which an aggregated book does not show).</li>
 *   <li>Nothing throws on bad input. An execution or cancel larger than what remains is clamped (the order leaves)
 *       and counted; a message about an unknown reference (after a late join or a gap) is counted and changes
 *       nothing; see {@link BookCounter} for every case and {@link #counters()} for the counts.</li>
 * </ul>
 *
 * <p><b>No allocation after construction.</b> Orders live in an open-addressing table and levels in a pool, both
 * primitive arrays sized once by {@code maxOrders} and {@code maxLevels}. When one is full, the order that needs
 * the room is dropped, {@link BookCounter#ORDERS_FULL} or {@link BookCounter#LEVELS_FULL} counts it and its book is
 * marked stale: the tables never grow on the hot path. {@link #capacityProblem()} says what to raise.
 *
 * <p><b>Listeners.</b> A {@link TopOfBookListener} hears of every change of a stock's best bid or ask (price or
 * shares), a {@link LevelListener} of every price-level change. Both are called after the book has changed.
 *
 * <p><b>Queries</b> allocate nothing: best bid and ask, level {@code i} of either side ({@code O(i)}: the levels
 * of a side are a list, best first), the number of levels and of orders, an order by reference. To walk a side
 * cheaply use {@link #bestLevel}, {@link #nextLevel} and the {@code ...Of(level)} accessors.
 *
 * <p><b>Gaps make books stale.</b> When messages of the feed were lost for good (a gap record in the journal, a gap
 * reported in process) or the books started after the feed did (a late join), {@link #markStale(long)} marks every
 * book stale from that sequence number; a book that hit a capacity limit is stale on its own. {@link
 * #isStale(int)}, the listeners' {@code stale} flags, their {@link TopOfBookListener#onStale(long)} and md-book's
 * snapshots say so. A stale book may lack orders that rest (later messages about them count as unknown references)
 * and keep orders that are gone (it can even look crossed): its prices and sizes are not to be trusted to the
 * share. What a strategy should do then:
 * <ol>
 *   <li>stop acting on the stale stocks' books: pull or widen its own quotes there, take no liquidity on their
 *       strength;</li>
 *   <li>rebuild, if it can: a gap the receiver later filled from the exchange's retransmission is not a gap in the
 *       journal, so a fresh {@code OrderBooks} fed from the journal's start is exact; after a real gap only a
 *       snapshot of the exchange's book (NASDAQ's GLIMPSE) followed by the feed from its sequence on is; without
 *       one, {@link #clear()} and stay out until the next session, or trade on the stale book only knowing that
 *       it converges as the orders lost in the gap are executed or deleted (which it counts as unknown
 *       references).</li>
 * </ol>
 *
 * <p>Single-threaded: one thread applies messages and queries; other threads may read only {@link #counters()}.
 */
public final class OrderBooks {
    /** Stock locates are 16-bit: books are indexed 0..65535. */
    public static final int LOCATES = 65536;
    /** What {@link #bestLevel} and {@link #nextLevel} return when there is no level. */
    public static final int NO_LEVEL = PriceLevels.NONE;
    /** What {@link #staleFromSequence(int)} returns for a book that is not stale. */
    public static final long NOT_STALE = -1;
    /** The largest {@code maxOrders}. */
    public static final int MAX_ORDERS = OrderTable.MAX_CAPACITY;
    /** The largest {@code maxLevels}. */
    public static final int MAX_LEVELS = PriceLevels.MAX_CAPACITY;

    private static final long FRESH = Long.MAX_VALUE;
    private static final ByteOrder BIG = ByteOrder.BIG_ENDIAN;

    private final OrderTable orders;
    private final PriceLevels levels;
    private final int[] ordersPerLocate = new int[LOCATES];
    private final long[] stocks = new long[LOCATES];
    private final long[] capacityStaleFrom = new long[LOCATES];
    private final BookCounters counters = new BookCounters();
    private long feedStaleFrom = FRESH;
    private long sequence;
    private long firstOrdersFullSequence = -1;
    private long firstLevelsFullSequence = -1;
    private TopOfBookListener topOfBookListener;
    private LevelListener levelListener;

    /**
     * Preallocates the tables: 16 bytes per order in a hash table at most half full (32 to 64 bytes per
     * {@code maxOrders}), a ring of the newest references (16 bytes per {@code maxOrders} up to 16 MiB), 32
     * bytes per level and 24 to 48 bytes per level of an index by price.
     *
     * @param maxOrders orders that may rest at once over all books, 1..{@link #MAX_ORDERS}
     * @param maxLevels price levels that may exist at once over all books and sides, 1..{@link #MAX_LEVELS}
     */
    public OrderBooks(int maxOrders, int maxLevels) {
        this.orders = new OrderTable(maxOrders);
        this.levels = new PriceLevels(maxLevels);
        Arrays.fill(capacityStaleFrom, FRESH);
    }

    /** Sets the listener of best bid and ask changes (null for none); returns this. */
    public OrderBooks topOfBookListener(TopOfBookListener listener) {
        this.topOfBookListener = listener;
        return this;
    }

    /** Sets the listener of price-level changes (null for none); returns this. */
    public OrderBooks levelListener(LevelListener listener) {
        this.levelListener = listener;
        return this;
    }

    // ------------------------------------------------------------------------------------------------ applying

    /**
     * Applies one ITCH 5.0 message (type byte at {@code offset}, {@code length} bytes readable), message number
     * {@code sequence} of the feed. Types that do not change a book are ignored; a message shorter than its type's
     * length is counted ({@link BookCounter#TRUNCATED}) and not read.
     */
    public void apply(DirectBuffer buffer, int offset, int length, long sequence) {
        this.sequence = sequence;
        byte type = buffer.getByte(offset);
        switch (type) {
            case ItchMessageType.ADD_ORDER, ItchMessageType.ADD_ORDER_MPID -> {
                if (fits(type == ItchMessageType.ADD_ORDER ? AddOrderDecoder.LENGTH : AddOrderMpidDecoder.LENGTH, length)) {
                    addOrder(locate(buffer, offset),
                            buffer.getLong(offset + AddOrderDecoder.ORDER_REFERENCE_NUMBER_OFFSET, BIG),
                            side(buffer.getByte(offset + AddOrderDecoder.BUY_SELL_INDICATOR_OFFSET)),
                            uint32(buffer, offset + AddOrderDecoder.SHARES_OFFSET),
                            uint32(buffer, offset + AddOrderDecoder.PRICE_OFFSET));
                }
            }
            case ItchMessageType.ORDER_EXECUTED, ItchMessageType.ORDER_EXECUTED_WITH_PRICE -> {
                if (fits(type == ItchMessageType.ORDER_EXECUTED ? OrderExecutedDecoder.LENGTH : OrderExecutedWithPriceDecoder.LENGTH, length)) {
                    take(locate(buffer, offset),
                            buffer.getLong(offset + OrderExecutedDecoder.ORDER_REFERENCE_NUMBER_OFFSET, BIG),
                            uint32(buffer, offset + OrderExecutedDecoder.EXECUTED_SHARES_OFFSET),
                            BookCounter.CLAMPED_EXECUTION);
                }
            }
            case ItchMessageType.ORDER_CANCEL -> {
                if (fits(OrderCancelDecoder.LENGTH, length)) {
                    take(locate(buffer, offset),
                            buffer.getLong(offset + OrderCancelDecoder.ORDER_REFERENCE_NUMBER_OFFSET, BIG),
                            uint32(buffer, offset + OrderCancelDecoder.CANCELLED_SHARES_OFFSET),
                            BookCounter.CLAMPED_CANCEL);
                }
            }
            case ItchMessageType.ORDER_DELETE -> {
                if (fits(OrderDeleteDecoder.LENGTH, length)) {
                    deleteOrder(locate(buffer, offset),
                            buffer.getLong(offset + OrderDeleteDecoder.ORDER_REFERENCE_NUMBER_OFFSET, BIG));
                }
            }
            case ItchMessageType.ORDER_REPLACE -> {
                if (fits(OrderReplaceDecoder.LENGTH, length)) {
                    replaceOrder(locate(buffer, offset),
                            buffer.getLong(offset + OrderReplaceDecoder.ORIGINAL_ORDER_REFERENCE_NUMBER_OFFSET, BIG),
                            buffer.getLong(offset + OrderReplaceDecoder.NEW_ORDER_REFERENCE_NUMBER_OFFSET, BIG),
                            uint32(buffer, offset + OrderReplaceDecoder.SHARES_OFFSET),
                            uint32(buffer, offset + OrderReplaceDecoder.PRICE_OFFSET));
                }
            }
            case ItchMessageType.STOCK_DIRECTORY -> {
                if (fits(StockDirectoryDecoder.LENGTH, length)) {
                    stockDirectory(locate(buffer, offset),
                            buffer.getLong(offset + StockDirectoryDecoder.STOCK_OFFSET, BIG));
                }
            }
            default -> {
                // no effect on a book
            }
        }
    }

    /**
     * Rests a new order (Add Order 'A' or 'F').
     *
     * @param side {@link BookSide#BID} or {@link BookSide#ASK}; anything else is an invalid order
     */
    public void addOrder(int stockLocate, long reference, int side, long shares, long price) {
        if (reference == 0 || shares <= 0 || (side != BookSide.BID && side != BookSide.ASK)) {
            counters.increment(BookCounter.INVALID_ORDER);
            return;
        }
        int bucket = orders.insert(reference, 0, shares);
        if (bucket < 0) {
            if (bucket == OrderTable.DUPLICATE) {
                counters.increment(BookCounter.DUPLICATE_REFERENCE);
            } else {
                ordersFull(stockLocate);
            }
            return;
        }
        int bookSide = (stockLocate << 1) | side;
        int top = rest(bucket, bookSide, shares, price);
        if (top > 0) {
            topOfBookChanged(stockLocate);
        }
    }

    /** Takes executed shares off an order (Order Executed 'E', Order Executed With Price 'C'). */
    public void executeOrder(int stockLocate, long reference, long shares) {
        take(stockLocate, reference, shares, BookCounter.CLAMPED_EXECUTION);
    }

    /** Takes cancelled shares off an order (Order Cancel 'X'). */
    public void cancelOrder(int stockLocate, long reference, long shares) {
        take(stockLocate, reference, shares, BookCounter.CLAMPED_CANCEL);
    }

    /** Removes an order (Order Delete 'D'). */
    public void deleteOrder(int stockLocate, long reference) {
        int bucket = find(stockLocate, reference);
        if (bucket != OrderTable.ABSENT) {
            int level = orders.level(bucket);
            int bookSide = levels.side(level);
            if (removeOrder(bucket, level, bookSide, orders.shares(bucket))) {
                topOfBookChanged(bookSide >>> 1);
            }
        }
    }

    /**
     * Replaces an order (Order Replace 'U'): the original leaves, {@code replacement} rests on its side and locate
     * at {@code price} with {@code shares}. An unknown original changes nothing; a replacement reference that
     * already rests, or reference 0, or 0 shares, retires the original and rests nothing (counted).
     */
    public void replaceOrder(int stockLocate, long original, long replacement, long shares, long price) {
        int bucket = find(stockLocate, original);
        if (bucket == OrderTable.ABSENT) {
            return;
        }
        int level = orders.level(bucket);
        int bookSide = levels.side(level);
        int locate = bookSide >>> 1;
        long remaining = orders.shares(bucket);
        orders.remove(bucket);
        ordersPerLocate[locate]--;
        boolean valid = replacement != 0 && shares > 0;
        int replacing = valid ? orders.insert(replacement, level, shares) : OrderTable.FULL;
        if (replacing < 0) {
            if (!valid) {
                counters.increment(BookCounter.INVALID_ORDER);
            } else if (replacing == OrderTable.DUPLICATE) {
                counters.increment(BookCounter.DUPLICATE_REFERENCE);
            } else {
                ordersFull(locate); // cannot happen: the original's room was just freed
            }
            if (reduceLevel(level, bookSide, remaining, 1)) {
                topOfBookChanged(locate);
            }
            return;
        }
        if (price == levels.price(level)) {
            // Same level: one change of its shares (or none), not a removal and an addition.
            ordersPerLocate[locate]++;
            if (shares != remaining) {
                long total = levels.change(level, shares - remaining, 0);
                levelChanged(bookSide, price, total, levels.orders(level));
                if (levels.best(bookSide) == level) {
                    topOfBookChanged(locate);
                }
            }
            return;
        }
        boolean top = reduceLevel(level, bookSide, remaining, 1);
        top |= rest(replacing, bookSide, shares, price) > 0;
        if (top) {
            topOfBookChanged(locate);
        }
    }

    /** Names a locate (Stock Directory 'R'): {@code stock} is the 8 raw bytes of the Stock field, big-endian. */
    public void stockDirectory(int stockLocate, long stock) {
        stocks[stockLocate] = stock;
    }

    /**
     * Marks every book stale from message {@code fromSequence} on: the feed lost messages for good there (a gap)
     * or the books started after the feed did (a late join). An earlier mark is kept. Tells both listeners.
     */
    public void markStale(long fromSequence) {
        counters.increment(BookCounter.STALE_EVENTS);
        if (fromSequence < feedStaleFrom) {
            feedStaleFrom = fromSequence;
        }
        if (topOfBookListener != null) {
            topOfBookListener.onStale(fromSequence);
        }
        if (levelListener != null) {
            levelListener.onStale(fromSequence);
        }
    }

    /** Empties every book, forgets the stock names, staleness and counts (touches every table: not on the hot path). */
    public void clear() {
        orders.clear();
        levels.clear();
        Arrays.fill(ordersPerLocate, 0);
        Arrays.fill(stocks, 0);
        Arrays.fill(capacityStaleFrom, FRESH);
        feedStaleFrom = FRESH;
        firstOrdersFullSequence = -1;
        firstLevelsFullSequence = -1;
        counters.clear();
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** Best bid price of the locate's book, 0 when it has no bid. */
    public long bestBidPrice(int stockLocate) {
        return bestPrice(stockLocate, BookSide.BID);
    }

    /** Shares at the best bid, 0 when there is no bid. */
    public long bestBidShares(int stockLocate) {
        return bestShares(stockLocate, BookSide.BID);
    }

    /** Best ask price of the locate's book, 0 when it has no ask. */
    public long bestAskPrice(int stockLocate) {
        return bestPrice(stockLocate, BookSide.ASK);
    }

    /** Shares at the best ask, 0 when there is no ask. */
    public long bestAskShares(int stockLocate) {
        return bestShares(stockLocate, BookSide.ASK);
    }

    /** Best price of one side, 0 when it is empty. */
    public long bestPrice(int stockLocate, int side) {
        int level = levels.best((stockLocate << 1) | side);
        return level == NO_LEVEL ? 0 : levels.price(level);
    }

    /** Shares at the best price of one side, 0 when it is empty. */
    public long bestShares(int stockLocate, int side) {
        int level = levels.best((stockLocate << 1) | side);
        return level == NO_LEVEL ? 0 : levels.shares(level);
    }

    /** Price levels on one side of the locate's book. */
    public int levelCount(int stockLocate, int side) {
        return levels.depth((stockLocate << 1) | side);
    }

    /** Price of level {@code i} (0 = best) of one side, 0 when the side has no such level. */
    public long levelPrice(int stockLocate, int side, int i) {
        int level = levelAt(stockLocate, side, i);
        return level == NO_LEVEL ? 0 : levels.price(level);
    }

    /** Shares of level {@code i} (0 = best) of one side, 0 when the side has no such level. */
    public long levelShares(int stockLocate, int side, int i) {
        int level = levelAt(stockLocate, side, i);
        return level == NO_LEVEL ? 0 : levels.shares(level);
    }

    /** Orders at level {@code i} (0 = best) of one side, 0 when the side has no such level. */
    public int levelOrders(int stockLocate, int side, int i) {
        int level = levelAt(stockLocate, side, i);
        return level == NO_LEVEL ? 0 : levels.orders(level);
    }

    /** The best level of one side as a handle for {@link #nextLevel} and the {@code ...Of} accessors, or {@link #NO_LEVEL}. */
    public int bestLevel(int stockLocate, int side) {
        return levels.best((stockLocate << 1) | side);
    }

    /** The level after {@code level} on its side, towards worse prices, or {@link #NO_LEVEL}; valid until the next message. */
    public int nextLevel(int level) {
        return levels.next(level);
    }

    /** Price of a level handle. */
    public long priceOf(int level) {
        return levels.price(level);
    }

    /** Shares of a level handle. */
    public long sharesOf(int level) {
        return levels.shares(level);
    }

    /** Orders at a level handle. */
    public int ordersOf(int level) {
        return levels.orders(level);
    }

    /** Orders resting in the locate's book. */
    public int orderCount(int stockLocate) {
        return ordersPerLocate[stockLocate];
    }

    /** Orders resting in every book. */
    public int orderCount() {
        return orders.size();
    }

    /** Price levels in use over every book and side. */
    public int levelCount() {
        return levels.used();
    }

    /** The {@code maxOrders} the books were made with. */
    public int maxOrders() {
        return orders.capacity();
    }

    /** The {@code maxLevels} the books were made with. */
    public int maxLevels() {
        return levels.capacity();
    }

    /** Bytes the books preallocated (their tables and per-locate arrays). */
    public long footprintBytes() {
        return orders.footprintBytes() + levels.footprintBytes() + 20L * LOCATES;
    }

    /** Shares left of the resting order {@code reference}, or -1 when it does not rest. */
    public long orderShares(long reference) {
        int bucket = reference == 0 ? OrderTable.ABSENT : orders.find(reference);
        return bucket == OrderTable.ABSENT ? -1 : orders.shares(bucket);
    }

    /** Price of the resting order {@code reference}, or -1 when it does not rest. */
    public long orderPrice(long reference) {
        int bucket = reference == 0 ? OrderTable.ABSENT : orders.find(reference);
        return bucket == OrderTable.ABSENT ? -1 : levels.price(orders.level(bucket));
    }

    /** Side ({@link BookSide#BID} or {@link BookSide#ASK}) of the resting order {@code reference}, or {@link BookSide#NONE}. */
    public int orderSide(long reference) {
        int bucket = reference == 0 ? OrderTable.ABSENT : orders.find(reference);
        return bucket == OrderTable.ABSENT ? BookSide.NONE : levels.side(orders.level(bucket)) & 1;
    }

    /** Stock locate of the resting order {@code reference}, or -1 when it does not rest. */
    public int orderLocate(long reference) {
        int bucket = reference == 0 ? OrderTable.ABSENT : orders.find(reference);
        return bucket == OrderTable.ABSENT ? -1 : levels.side(orders.level(bucket)) >>> 1;
    }

    /** Whether a Stock Directory message named the locate. */
    public boolean hasStock(int stockLocate) {
        return stocks[stockLocate] != 0;
    }

    /** The 8 raw bytes of the locate's Stock field as a big-endian long, 0 when no directory message named it. */
    public long stockAsLong(int stockLocate) {
        return stocks[stockLocate];
    }

    /** The locate's symbol without its padding, or null when unnamed (allocates: for tools). */
    public String stock(int stockLocate) {
        long stock = stocks[stockLocate];
        if (stock == 0) {
            return null;
        }
        byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (stock >>> (56 - 8 * i));
        }
        return new String(bytes, StandardCharsets.ISO_8859_1).stripTrailing();
    }

    /** Whether the locate's book is stale: the feed lost messages (or the books joined late), or it hit a capacity limit. */
    public boolean isStale(int stockLocate) {
        return feedStaleFrom != FRESH || capacityStaleFrom[stockLocate] != FRESH;
    }

    /** The sequence number from which the locate's book is stale, or {@link #NOT_STALE}. */
    public long staleFromSequence(int stockLocate) {
        long from = Math.min(feedStaleFrom, capacityStaleFrom[stockLocate]);
        return from == FRESH ? NOT_STALE : from;
    }

    /** The sequence number of the last message {@link #apply}'d. */
    public long lastSequence() {
        return sequence;
    }

    /** What the books counted instead of failing. */
    public BookCounters counters() {
        return counters;
    }

    /**
     * What to raise when a capacity limit was hit, naming the limit and the first message that hit it, or null
     * when none was (allocates: for start-up lines, summaries and tools).
     */
    public String capacityProblem() {
        StringBuilder sb = new StringBuilder();
        if (firstOrdersFullSequence >= 0) {
            sb.append("order table full at ").append(orders.capacity()).append(" orders from message ")
                    .append(firstOrdersFullSequence).append(": ").append(counters.get(BookCounter.ORDERS_FULL))
                    .append(" orders dropped and their books marked stale; raise book.maxOrders");
        }
        if (firstLevelsFullSequence >= 0) {
            sb.append(sb.isEmpty() ? "" : "; ").append("level pool full at ").append(levels.capacity())
                    .append(" price levels from message ").append(firstLevelsFullSequence).append(": ")
                    .append(counters.get(BookCounter.LEVELS_FULL))
                    .append(" orders dropped and their books marked stale; raise book.maxLevels");
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ internals

    private void take(int stockLocate, long reference, long shares, BookCounter clamped) {
        int bucket = find(stockLocate, reference);
        if (bucket == OrderTable.ABSENT) {
            return;
        }
        long remaining = orders.shares(bucket);
        int level = orders.level(bucket);
        int bookSide = levels.side(level);
        boolean top;
        if (shares >= remaining) {
            if (shares > remaining) {
                counters.increment(clamped);
            }
            top = removeOrder(bucket, level, bookSide, remaining);
        } else if (shares > 0) {
            orders.setShares(bucket, remaining - shares);
            top = reduceLevel(level, bookSide, shares, 0);
        } else {
            return;
        }
        if (top) {
            topOfBookChanged(bookSide >>> 1);
        }
    }

    /** The bucket of a resting order named by a message about {@code stockLocate}, or ABSENT (counted). */
    private int find(int stockLocate, long reference) {
        int bucket = reference == 0 ? OrderTable.ABSENT : orders.find(reference);
        if (bucket == OrderTable.ABSENT) {
            counters.increment(BookCounter.UNKNOWN_REFERENCE);
        } else if (levels.side(orders.level(bucket)) >>> 1 != stockLocate) {
            counters.increment(BookCounter.LOCATE_MISMATCH);
        }
        return bucket;
    }

    /** Rests the order in {@code bucket} at {@code price}; returns 1 if its level is now the best, 0 if not, -1 if dropped. */
    private int rest(int bucket, int bookSide, long shares, long price) {
        int level = levels.findOrInsert(bookSide, price);
        int locate = bookSide >>> 1;
        if (level == NO_LEVEL) {
            orders.remove(bucket);
            counters.increment(BookCounter.LEVELS_FULL);
            if (firstLevelsFullSequence < 0) {
                firstLevelsFullSequence = sequence;
            }
            capacityStale(locate);
            return -1;
        }
        orders.set(bucket, level, shares);
        ordersPerLocate[locate]++;
        long total = levels.change(level, shares, 1);
        levelChanged(bookSide, price, total, levels.orders(level));
        return levels.best(bookSide) == level ? 1 : 0;
    }

    /** Removes the order in {@code bucket} with its remaining shares; returns whether its level was the best. */
    private boolean removeOrder(int bucket, int level, int bookSide, long remaining) {
        orders.remove(bucket);
        ordersPerLocate[bookSide >>> 1]--;
        return reduceLevel(level, bookSide, remaining, 1);
    }

    /** Takes shares and orders off a level, freeing it when no order is left; returns whether it was the best. */
    private boolean reduceLevel(int level, int bookSide, long shares, int ordersLeaving) {
        boolean wasBest = levels.best(bookSide) == level;
        long price = levels.price(level);
        long total = levels.change(level, -shares, -ordersLeaving);
        int left = levels.orders(level);
        if (left == 0) {
            levels.remove(level);
        }
        levelChanged(bookSide, price, total, left);
        return wasBest;
    }

    private void ordersFull(int stockLocate) {
        counters.increment(BookCounter.ORDERS_FULL);
        if (firstOrdersFullSequence < 0) {
            firstOrdersFullSequence = sequence;
        }
        capacityStale(stockLocate);
    }

    private void capacityStale(int stockLocate) {
        if (capacityStaleFrom[stockLocate] == FRESH) {
            capacityStaleFrom[stockLocate] = sequence;
        }
    }

    private void levelChanged(int bookSide, long price, long shares, int orders) {
        if (levelListener != null) {
            int locate = bookSide >>> 1;
            levelListener.onLevel(locate, bookSide & 1, price, shares, orders, isStale(locate));
        }
    }

    private void topOfBookChanged(int stockLocate) {
        if (topOfBookListener != null) {
            int bid = levels.best(stockLocate << 1);
            int ask = levels.best((stockLocate << 1) | BookSide.ASK);
            topOfBookListener.onTopOfBook(stockLocate,
                    bid == NO_LEVEL ? 0 : levels.price(bid), bid == NO_LEVEL ? 0 : levels.shares(bid),
                    ask == NO_LEVEL ? 0 : levels.price(ask), ask == NO_LEVEL ? 0 : levels.shares(ask),
                    isStale(stockLocate));
        }
    }

    private int levelAt(int stockLocate, int side, int i) {
        int level = levels.best((stockLocate << 1) | side);
        for (int n = 0; n < i && level != NO_LEVEL; n++) {
            level = levels.next(level);
        }
        return level;
    }

    private boolean fits(int needed, int length) {
        if (length < needed) {
            counters.increment(BookCounter.TRUNCATED);
            return false;
        }
        return true;
    }

    /**
     * {@link BookSide#fromItch} without a branch on the side, which is as often one as the other: 'B' (0x42) and
     * 'S' (0x53) differ in bit 4.
     */
    private static int side(byte buySellIndicator) {
        int side = (buySellIndicator >>> 4) & 1;
        return buySellIndicator == 'B' | buySellIndicator == 'S' ? side : BookSide.NONE;
    }

    private static int locate(DirectBuffer buffer, int offset) {
        return buffer.getShort(offset + ItchMessageDecoder.STOCK_LOCATE_OFFSET, BIG) & 0xFFFF;
    }

    private static long uint32(DirectBuffer buffer, int index) {
        return buffer.getInt(index, BIG) & 0xFFFF_FFFFL;
    }
}
