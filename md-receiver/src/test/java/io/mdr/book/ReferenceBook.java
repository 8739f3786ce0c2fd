package io.mdr.book;

import io.mdr.itch.AddOrderDecoder;
import io.mdr.itch.AddOrderMpidDecoder;
import io.mdr.itch.ItchDecoders;
import io.mdr.itch.ItchMessageDecoder;
import io.mdr.itch.OrderCancelDecoder;
import io.mdr.itch.OrderDeleteDecoder;
import io.mdr.itch.OrderExecutedDecoder;
import io.mdr.itch.OrderExecutedWithPriceDecoder;
import io.mdr.itch.OrderReplaceDecoder;
import io.mdr.itch.StockDirectoryDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A book that is obviously right rather than fast: orders in a {@code HashMap}, the levels of each side in a
 * {@code TreeMap} kept in step with them, messages read through the ITCH decoders. It follows the rules {@link OrderBooks} documents (clamping, unknown and
 * duplicate references, replaces, capacity limits, staleness) written out plainly, and counts the same
 * {@link BookCounter}s, so that tests can compare the two after every message.
 */
public final class ReferenceBook {
    /** A resting order. */
    public static final class Order {
        public final int locate;
        public final char side;
        public final long price;
        long shares;

        Order(int locate, char side, long price, long shares) {
            this.locate = locate;
            this.side = side;
            this.price = price;
            this.shares = shares;
        }
    }

    /** One price level: price, total shares, orders. */
    public record Level(long price, long shares, int orders) {
    }

    private final int maxOrders;
    private final int maxLevels;
    private final ItchDecoders decoders = new ItchDecoders();
    private final Map<Long, Order> orders = new HashMap<>();
    /** Per {@code locate * 2 + (bid ? 0 : 1)}: price to {shares, orders}, in book order (best first). */
    private final Map<Integer, TreeMap<Long, long[]>> sides = new HashMap<>();
    private int levelCount;
    private final Map<Integer, String> stocks = new HashMap<>();
    private final Map<Integer, Long> capacityStaleFrom = new HashMap<>();
    private final EnumMap<BookCounter, Long> counts = new EnumMap<>(BookCounter.class);
    private long feedStaleFrom = Long.MAX_VALUE;
    private long sequence;

    public ReferenceBook(int maxOrders, int maxLevels) {
        this.maxOrders = maxOrders;
        this.maxLevels = maxLevels;
    }

    /** Without limits. */
    public ReferenceBook() {
        this(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    public void apply(DirectBuffer buffer, int offset, int length, long sequence) {
        this.sequence = sequence;
        ItchMessageDecoder message = decoders.wrap(buffer, offset);
        if (message == null) {
            return;
        }
        boolean changesBooks = switch (message.messageType()) {
            case 'A', 'F', 'E', 'C', 'X', 'D', 'U', 'R' -> true;
            default -> false;
        };
        if (!changesBooks) {
            return;
        }
        if (length < message.length()) {
            increment(BookCounter.TRUNCATED);
            return;
        }
        int locate = message.stockLocate();
        switch (message) {
            case AddOrderDecoder a -> add(locate, a.orderReferenceNumber(), a.buySellIndicator(), a.shares(), a.price());
            case AddOrderMpidDecoder f -> add(locate, f.orderReferenceNumber(), f.buySellIndicator(), f.shares(), f.price());
            case OrderExecutedDecoder e -> take(locate, e.orderReferenceNumber(), e.executedShares(), BookCounter.CLAMPED_EXECUTION);
            case OrderExecutedWithPriceDecoder c -> take(locate, c.orderReferenceNumber(), c.executedShares(), BookCounter.CLAMPED_EXECUTION);
            case OrderCancelDecoder x -> take(locate, x.orderReferenceNumber(), x.cancelledShares(), BookCounter.CLAMPED_CANCEL);
            case OrderDeleteDecoder d -> delete(locate, d.orderReferenceNumber());
            case OrderReplaceDecoder u -> replace(locate, u.originalOrderReferenceNumber(), u.newOrderReferenceNumber(), u.shares(), u.price());
            case StockDirectoryDecoder r -> stocks.put(locate, r.stock());
            default -> throw new IllegalStateException("unreachable");
        }
    }

    public void markStale(long fromSequence) {
        increment(BookCounter.STALE_EVENTS);
        feedStaleFrom = Math.min(feedStaleFrom, fromSequence);
    }

    private void add(int locate, long reference, char side, long shares, long price) {
        if (reference == 0 || shares == 0 || (side != 'B' && side != 'S')) {
            increment(BookCounter.INVALID_ORDER);
        } else if (orders.containsKey(reference)) {
            increment(BookCounter.DUPLICATE_REFERENCE);
        } else if (orders.size() >= maxOrders) {
            increment(BookCounter.ORDERS_FULL);
            capacityStaleFrom.putIfAbsent(locate, sequence);
        } else {
            rest(reference, new Order(locate, side, price, shares));
        }
    }

    private void rest(long reference, Order order) {
        TreeMap<Long, long[]> side = sideOf(order.locate, order.side);
        long[] level = side.get(order.price);
        if (level == null && levelCount >= maxLevels) {
            increment(BookCounter.LEVELS_FULL);
            capacityStaleFrom.putIfAbsent(order.locate, sequence);
            return;
        }
        if (level == null) {
            level = new long[2];
            side.put(order.price, level);
            levelCount++;
        }
        level[0] += order.shares;
        level[1]++;
        orders.put(reference, order);
    }

    /** Takes {@code shares} of the order off its level, and the order itself when it is {@code gone}. */
    private void unrest(long reference, Order order, long shares, boolean gone) {
        TreeMap<Long, long[]> side = sideOf(order.locate, order.side);
        long[] level = side.get(order.price);
        level[0] -= shares;
        order.shares -= shares;
        if (gone) {
            orders.remove(reference);
            if (--level[1] == 0) {
                side.remove(order.price);
                levelCount--;
            }
        }
    }

    private TreeMap<Long, long[]> sideOf(int locate, char side) {
        return sides.computeIfAbsent(locate * 2 + (side == 'B' ? 0 : 1),
                key -> new TreeMap<>(side == 'B' ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder()));
    }

    private Order find(int locate, long reference) {
        Order order = reference == 0 ? null : orders.get(reference);
        if (order == null) {
            increment(BookCounter.UNKNOWN_REFERENCE);
        } else if (order.locate != locate) {
            increment(BookCounter.LOCATE_MISMATCH);
        }
        return order;
    }

    private void take(int locate, long reference, long shares, BookCounter clamped) {
        Order order = find(locate, reference);
        if (order == null) {
            return;
        }
        if (shares > order.shares) {
            increment(clamped);
        }
        long taken = Math.min(shares, order.shares);
        unrest(reference, order, taken, taken == order.shares);
    }

    private void delete(int locate, long reference) {
        Order order = find(locate, reference);
        if (order != null) {
            unrest(reference, order, order.shares, true);
        }
    }

    private void replace(int locate, long original, long replacement, long shares, long price) {
        Order order = find(locate, original);
        if (order == null) {
            return;
        }
        unrest(original, order, order.shares, true);
        if (replacement == 0 || shares == 0) {
            increment(BookCounter.INVALID_ORDER);
        } else if (orders.containsKey(replacement)) {
            increment(BookCounter.DUPLICATE_REFERENCE);
        } else {
            rest(replacement, new Order(order.locate, order.side, price, shares));
        }
    }

    private void increment(BookCounter counter) {
        counts.merge(counter, 1L, Long::sum);
    }

    // ------------------------------------------------------------------------------------------------ views

    /** The levels of one side, keyed by price in book order (best first): a copy. */
    public TreeMap<Long, Level> levels(int locate, char side) {
        TreeMap<Long, Level> levels = new TreeMap<>(side == 'B' ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
        TreeMap<Long, long[]> kept = sides.get(locate * 2 + (side == 'B' ? 0 : 1));
        if (kept != null) {
            kept.forEach((price, level) -> levels.put(price, new Level(price, level[0], (int) level[1])));
        }
        return levels;
    }

    /** The levels of one side recomputed from the resting orders alone, best first: checks the kept maps. */
    public List<Level> sideFromOrders(int locate, char side) {
        TreeMap<Long, Level> levels = new TreeMap<>(side == 'B' ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
        for (Order o : orders.values()) {
            if (o.locate == locate && o.side == side) {
                levels.merge(o.price, new Level(o.price, o.shares, 1),
                        (a, b) -> new Level(a.price(), a.shares() + b.shares(), a.orders() + b.orders()));
            }
        }
        return new ArrayList<>(levels.values());
    }

    /** The levels of one side, best first. */
    public List<Level> side(int locate, char side) {
        return new ArrayList<>(levels(locate, side).values());
    }

    /** Every price level over all books and sides. */
    public int levelCount() {
        return levelCount;
    }

    /** Locates with at least one resting order, ascending. */
    public TreeSet<Integer> locatesWithOrders() {
        TreeSet<Integer> locates = new TreeSet<>();
        for (Order o : orders.values()) {
            locates.add(o.locate);
        }
        return locates;
    }

    public int orderCount() {
        return orders.size();
    }

    public int orderCount(int locate) {
        return (int) orders.values().stream().filter(o -> o.locate == locate).count();
    }

    public long count(BookCounter counter) {
        return counts.getOrDefault(counter, 0L);
    }

    /** The symbol a directory message gave the locate, or null. */
    public String stock(int locate) {
        return stocks.get(locate);
    }

    public boolean isStale(int locate) {
        return feedStaleFrom != Long.MAX_VALUE || capacityStaleFrom.containsKey(locate);
    }

    /** A resting order, or null. */
    public Order order(long reference) {
        return orders.get(reference);
    }

    /** The remaining shares of a resting order, or -1. */
    public long orderShares(long reference) {
        Order order = orders.get(reference);
        return order == null ? -1 : order.shares;
    }

    /**
     * md-book's snapshot as this book sees it, written out apart from md-book's own code: one JSON line per locate
     * with resting orders, ascending, at most {@code depth} levels a side, best first.
     */
    public List<String> snapshot(int depth) {
        List<String> lines = new ArrayList<>();
        for (int locate : locatesWithOrders()) {
            StringBuilder sb = new StringBuilder("{\"stockLocate\":" + locate + ",\"stock\":");
            String stock = stock(locate);
            sb.append(stock == null ? "null" : "\"" + stock + "\"");
            for (char side : new char[] {'B', 'S'}) {
                sb.append(side == 'B' ? ",\"bids\":[" : ",\"asks\":[");
                List<Level> levels = side(locate, side);
                for (int i = 0; i < Math.min(depth, levels.size()); i++) {
                    sb.append(i == 0 ? "" : ",").append('[').append(levels.get(i).price()).append(',')
                            .append(levels.get(i).shares()).append(']');
                }
                sb.append(']');
            }
            lines.add(sb.append(isStale(locate) ? ",\"stale\":true}" : "}").toString());
        }
        return lines;
    }

    /** Best bid and ask of a locate as {bidPrice, bidShares, askPrice, askShares}, 0 for an empty side. */
    public long[] topOfBook(int locate) {
        List<Level> bids = side(locate, 'B');
        List<Level> asks = side(locate, 'S');
        return new long[] {
            bids.isEmpty() ? 0 : bids.getFirst().price(), bids.isEmpty() ? 0 : bids.getFirst().shares(),
            asks.isEmpty() ? 0 : asks.getFirst().price(), asks.isEmpty() ? 0 : asks.getFirst().shares()};
    }
}
